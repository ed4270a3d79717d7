import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { findSuccessors } from '../../electron/drafts/retired-successors';
import { findRetiredTechniques } from '../../electron/drafts/retired-techniques';
import type { Catalog } from '../../shared/catalog';
import { cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';

describe('successors of retired techniques, from the history bundle', () => {
  let clone: HistoryClone;
  let catalog: Catalog;
  let current: Set<string>;
  beforeAll(async () => {
    clone = cloneHistory();
    catalog = (await loadCheckout(clone.path)).catalog;
    current = new Set(catalog.techniques().map((t) => t.id));
  });
  afterAll(() => clone.dispose());

  it('moves T0043.001 Use Encrypted Chat Apps to T0155.007 and T0151.004, as the I00068 quote was retagged', async () => {
    const retired = await findRetiredTechniques(clone.path, current);
    expect(retired.get('T0043.001')).toEqual({
      id: 'T0043.001',
      name: 'Use Encrypted Chat Apps',
      removedIn: { commit: expect.stringMatching(/^[0-9a-f]{40}$/), date: '2025-02-10' },
      successors: ['T0155.007', 'T0151.004'],
    });
  });

  it('gives only techniques of the checkout, and none to an id whose rows the history never moved', async () => {
    const retired = await findRetiredTechniques(clone.path, current);
    const successors = [...retired.values()].flatMap((r) => r.successors ?? []);
    expect(successors.length).toBeGreaterThan(0);
    expect(successors.filter((id) => !current.has(id))).toEqual([]);
    // T0043 Chat Apps went with its sub-technique, but I00006, its one incident, lost all its rows instead.
    expect(retired.get('T0043')?.name).toBeTruthy();
    expect(retired.get('T0043')?.successors).toBeUndefined();
    expect(await findSuccessors(clone.path, new Map(), current)).toEqual(new Map());
    expect(await findSuccessors(clone.path, new Map([['T0043', []]]), current)).toEqual(new Map());
  });

  it('finds no successors, and does not fail, in a shallow checkout', async () => {
    const shallow = tempDir('disarm-shallow-');
    try {
      const path = join(shallow.path, 'checkout');
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${clone.path}`, path]);
      expect(git(path, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
      const successors = await findSuccessors(path, new Map([['T0043.001', ['I00068', 'I00084']]]), current);
      expect(successors).toEqual(new Map());
    } finally {
      shallow.dispose();
    }
  });
});
