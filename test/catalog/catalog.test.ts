/** The catalog over the newest checkout: structure, links, autocomplete order, full-text search. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckout, type LoadedCheckout } from '../../electron/checkout/load-checkout';
import { compareIds } from '../../shared/ids';
import { cloneHistory, type HistoryClone } from '../helpers/fixtures';

let clone: HistoryClone;
let loaded: LoadedCheckout;
beforeAll(async () => {
  clone = cloneHistory();
  loaded = await loadCheckout(clone.path);
});
afterAll(() => clone?.dispose());

describe('catalog', () => {
  it('knows techniques with their tactic and parent', () => {
    const technique = loaded.catalog.technique('T0155.007');
    expect(technique).toMatchObject({ name: 'Encrypted Communication Channel', tacticId: 'TA07', tacticName: 'Select Channels and Affordances', parentId: 'T0155' });
    expect(loaded.catalog.technique('T0155')?.subTechniqueIds).toContain('T0155.007');
    expect(loaded.catalog.tactic('TA07')?.techniqueIds).toContain('T0155.007');
    expect(loaded.catalog.tactics().map((t) => t.id)).toHaveLength(18);
  });

  it('lists techniques, tactics and incidents in id order, every one of them', () => {
    const lists = { technique: loaded.catalog.techniques(), tactic: loaded.catalog.tactics(), incident: loaded.catalog.incidents() };
    for (const [kind, list] of Object.entries(lists)) {
      const ids = list.map((o) => o.id);
      expect(ids, kind).toEqual([...ids].sort(compareIds));
    }
    expect(lists.technique.map((t) => t.id)).toEqual(expect.arrayContaining(['T0155', 'T0155.007']));
    // 130 incident pages, one of them (`incidents/.md`) without an id: the catalog lists 129.
    expect({ technique: lists.technique.length, tactic: lists.tactic.length, incident: lists.incident.length }).toEqual({ technique: 391, tactic: 18, incident: 129 });
  });

  it('links incidents and techniques with the description given', () => {
    const uses = loaded.catalog.usesOf('T0155.007');
    expect(uses.map((u) => u.incidentId)).toContain('I00068');
    expect(uses.find((u) => u.incidentId === 'I00068')?.description).toContain('T0155.007: Encrypted Communication Channel');
    expect(loaded.catalog.incident('I00068')?.techniqueIds).toEqual(['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007']);
  });

  it('finds T0155.007 in the top 3 for "encrypted"', () => {
    const ids = loaded.catalog.search('encrypted', { kinds: ['technique'] }).map((r) => r.id);
    expect(ids.slice(0, 3)).toContain('T0155.007');
  });

  it('lists the sub-techniques of T0155. in id order', () => {
    const results = loaded.catalog.search('T0155.');
    expect(results.map((r) => r.id)).toEqual(['T0155.001', 'T0155.002', 'T0155.003', 'T0155.004', 'T0155.005', 'T0155.006', 'T0155.007']);
    expect(results.every((r) => r.tier === 'id-prefix')).toBe(true);
  });

  it('puts the exact id first, then id prefixes', () => {
    const results = loaded.catalog.search('t0155');
    expect(results[0]).toMatchObject({ id: 'T0155', tier: 'exact-id' });
    // Every sub-technique after it, not just none of another id (which an empty list would pass).
    expect(results.slice(1).map((r) => [r.id, r.tier])).toEqual(['001', '002', '003', '004', '005', '006', '007'].map((sub) => [`T0155.${sub}`, 'id-prefix']));
  });

  it('finds nothing for an unknown id', () => {
    expect(loaded.catalog.search('T9999')).toEqual([]);
    expect(loaded.catalog.search('T0043.001')).toEqual([]);
  });

  it('orders tiers: name word prefix before fuzzy, ties by id', () => {
    const results = loaded.catalog.search('chat', { kinds: ['technique'] });
    const tiers = results.map((r) => r.tier);
    expect(tiers.indexOf('fuzzy') === -1 || tiers.lastIndexOf('name-prefix') < tiers.indexOf('fuzzy')).toBe(true);
    const prefixIds = results.filter((r) => r.tier === 'name-prefix').map((r) => r.id);
    expect(prefixIds).toEqual(['T0151.004', 'T0151.005', 'T0151.006', 'T0151.007']);
    // 'chat' has no fuzzy match, so the order of tiers is shown on a query that has both.
    const both = loaded.catalog.search('channel', { kinds: ['technique'] }).map((r) => r.tier);
    expect(new Set(both)).toEqual(new Set(['name-prefix', 'fuzzy', 'meaning']));
    expect(both.lastIndexOf('name-prefix')).toBeLessThan(both.indexOf('fuzzy'));
    expect(both.lastIndexOf('fuzzy')).toBeLessThan(both.indexOf('meaning'));
  });

  it('finds by name word prefix exactly what a plain scan of the names finds, in id order', () => {
    const techniques = loaded.catalog.techniques();
    const words = [...new Set(techniques.flatMap((t) => t.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 2))];
    let checked = 0;
    for (const [i, word] of words.entries()) {
      if (i % 7 !== 0) continue;
      const query = word.slice(0, Math.max(2, Math.ceil(word.length / 2)));
      if (/^[a-z]{1,2}\d/.test(query)) continue; // id-shaped: the id tiers answer it
      const expected = techniques.filter((t) => t.name.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(query))).map((t) => t.id);
      const found = loaded.catalog.search(query, { kinds: ['technique'], limit: 500 }).filter((r) => r.tier === 'name-prefix').map((r) => r.id);
      expect(found, query).toEqual(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('forgives a typo', () => {
    expect(loaded.catalog.search('encrpyted', { kinds: ['technique'] })[0]?.id).toBe('T0155.007');
  });

  it('filters by kind and tactic', () => {
    const results = loaded.catalog.search('persona', { kinds: ['technique'], tacticId: 'TA16' });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => loaded.catalog.technique(r.id)?.tacticId === 'TA16')).toBe(true);
    // 'persona' finds only TA16 techniques in its first 20 anyway; 'platform' finds several tactics.
    const tacticsOf = (ids: readonly { id: string }[]) => new Set(ids.map((r) => loaded.catalog.technique(r.id)?.tacticId));
    expect(tacticsOf(loaded.catalog.search('platform', { kinds: ['technique'] })).size).toBeGreaterThan(1);
    const filtered = loaded.catalog.search('platform', { kinds: ['technique'], tacticId: 'TA07' });
    expect(filtered.length).toBeGreaterThan(0);
    expect(tacticsOf(filtered)).toEqual(new Set(['TA07']));
  });

  it('answers "which incidents used encrypted chat?" from the incident descriptions', () => {
    const hits = loaded.catalog.searchIncidentText('which incidents used encrypted chat?', 5);
    expect(hits.map((h) => h.id)).toContain('I00068');
    expect(hits[0]?.excerpt.length).toBeGreaterThan(0);
  });
});
