// The technique picker answers every input that matches nothing: an unknown id, an id written
// the wrong way, a retired id (with where the framework moved its incidents), words in no name.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckout } from '../../../electron/checkout/load-checkout';
import { pickerNotice } from '../../../renderer/src/features/tagger/picker-notice';
import type { RetiredTechnique, ValidationContext } from '../../../shared/validation';
import { DISARM_DIR } from '../../helpers/fixtures';

const removedIn = { commit: '9d9ed6a536b86d3d7adbb68640ef73e8a7e26438', date: '2025-02-10' };
const retired = new Map<string, RetiredTechnique>([
  ['T0043.001', { id: 'T0043.001', name: 'Use Encrypted Chat Apps', removedIn, successors: ['T0155.007', 'T0151.004'] }],
  ['T0043', { id: 'T0043', name: 'Chat Apps', removedIn }],
]);

describe('the picker’s notice when nothing matches', () => {
  let context: ValidationContext;
  beforeAll(async () => {
    context = { lookup: (await loadCheckout(DISARM_DIR)).catalog, retired };
  });
  const offered = (query: string) => pickerNotice(query, context)?.offers.map((o) => o.id);

  it('says a retired id is retired, since when, and offers its successors, Enter taking the first', () => {
    const notice = pickerNotice('T0043.001', context);
    expect(notice).toMatchObject({ kind: 'retired-id', takeFirst: true });
    expect(notice?.message).toBe('T0043.001 Use Encrypted Chat Apps, retired 2025-02-10; its incidents moved to T0155.007, T0151.004.');
    expect(offered('T0043.001')).toEqual(['T0155.007', 'T0151.004']);
  });

  it('says so when the history shows no successor, and offers names alike without taking one', () => {
    const notice = pickerNotice('T0043', context);
    expect(notice).toMatchObject({ kind: 'retired-id', takeFirst: false });
    expect(notice?.message).toMatch(/^T0043 Chat Apps, retired 2025-02-10; the history does not show where its incidents went\. Similar names: T\d{4}/);
    expect(notice?.offers.length).toBeGreaterThan(0);
  });

  it('reads T155.7 as T0155.007 and offers it for Enter', () => {
    const notice = pickerNotice('T155.7', context);
    expect(notice).toEqual({ kind: 'malformed-id', message: 'T155.7 means T0155.007 Encrypted Communication Channel: Enter takes it.', offers: [{ id: 'T0155.007', name: 'Encrypted Communication Channel' }].map((o) => expect.objectContaining(o)), takeFirst: true });
    expect(offered('t0155.7')).toEqual(['T0155.007']);
    expect(offered('T43.1')?.[0]).toBe('T0155.007'); // T0043.001 written short is still the retired one
    expect(pickerNotice('T43.1', context)?.message).toMatch(/^T43\.1 would be T0043\.001\. T0043\.001 Use Encrypted Chat Apps, retired/);
  });

  it('says nothing has an unknown id, with the closest ids, which Enter does not take', () => {
    const notice = pickerNotice('T9999', context);
    expect(notice).toMatchObject({ kind: 'unknown-id', takeFirst: false });
    // Far from every id: the nearest in number, of the same shape (not a sub-technique).
    expect(notice?.message).toBe('Nothing by that id: T9999 is not a technique of this framework. Closest: T0155, T0154, T0153.');
    // A typo: the ids a character or two away, fewest first.
    expect(offered('T0155.077')?.[0]).toBe('T0155.007');
    expect(offered('T0156')?.[0]).toBe('T0155');
  });

  it('explains an id that cannot be one, and words no id or name holds', () => {
    expect(pickerNotice('T12345', context)).toMatchObject({ kind: 'malformed-id', offers: [], takeFirst: false });
    expect(pickerNotice('T12345', context)?.message).toContain('is not a technique id: T and 4 digits');
    expect(pickerNotice('zzyzx qua', context)).toEqual({ kind: 'no-match', message: 'No technique has “zzyzx qua” in its id or name.', offers: [], takeFirst: false });
  });

  it('is silent for a technique the picker can take, and says when it is already on the quote', () => {
    expect(pickerNotice('T0155.007', context)).toBeUndefined();
    expect(pickerNotice('  ', context)).toBeUndefined();
    expect(pickerNotice('T0155.007', context, ['T0155.007'])).toMatchObject({ kind: 'already-chosen', message: 'T0155.007 Encrypted Communication Channel is already on this quote.' });
  });
});
