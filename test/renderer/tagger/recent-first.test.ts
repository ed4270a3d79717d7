// The tagger offers the techniques used last first, without ever ranking a worse match above a
// better one (an exact id typed always wins).
import { describe, expect, it } from 'vitest';
import type { SearchResultInfo } from '../../../shared/api/ops/catalog';
import { preferRecent } from '../../../renderer/src/features/tagger/recent-first';

const r = (id: string, tier: SearchResultInfo['tier']): SearchResultInfo => ({ kind: 'technique', id, name: id, tier });

describe('recent techniques first', () => {
  it('moves recent techniques to the front of their tier, most recent first', () => {
    const results = [r('T0129.005', 'name-prefix'), r('T0151.004', 'name-prefix'), r('T0155.007', 'name-prefix')];
    expect(preferRecent(results, ['T0155.007', 'T0151.004']).map((x) => x.id)).toEqual(['T0155.007', 'T0151.004', 'T0129.005']);
  });

  it('never lifts a recent technique above a better match', () => {
    const results = [r('T0155.007', 'exact-id'), r('T0155', 'fuzzy'), r('T0151.004', 'fuzzy')];
    expect(preferRecent(results, ['T0151.004']).map((x) => x.id)).toEqual(['T0155.007', 'T0151.004', 'T0155']);
  });

  it('keeps matches by meaning after names, a recent one too', () => {
    const results = [r('T0155.007', 'name-prefix'), r('T0143.003', 'meaning'), r('T0151.004', 'fuzzy')];
    expect(preferRecent(results, ['T0143.003']).map((x) => x.id)).toEqual(['T0155.007', 'T0151.004', 'T0143.003']);
  });

  it('keeps the search order among techniques that were not used', () => {
    const results = [r('B', 'fuzzy'), r('A', 'fuzzy'), r('C', 'fuzzy')];
    expect(preferRecent(results, []).map((x) => x.id)).toEqual(['B', 'A', 'C']);
  });
});
