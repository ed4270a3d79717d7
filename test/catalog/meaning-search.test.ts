/**
 * Search by meaning over the newest framework: the words an analyst has in front of them find the
 * techniques whose pages describe them (ids read from the pages: `grep -il phishing
 * generated_pages/techniques/*.md` lists the 13 below), after the id and name tiers, each result
 * with its reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import type { Catalog } from '../../shared/catalog';
import { descriptionParts } from '../../shared/catalog/description-text';
import { DISARM_DIR } from '../helpers/fixtures';

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await loadCheckout(DISARM_DIR)).catalog;
});

/** What the tagger's picker lists: the first 12 of the 20 it asks for. */
const picker = (query: string) => catalog.search(query, { kinds: ['technique'], limit: 20 }).slice(0, 12);

describe('search by meaning', () => {
  it('finds every technique whose page describes phishing (I00069, I00116, and I00126 "spearphishing")', () => {
    const results = catalog.search('phishing', { kinds: ['technique'], limit: 20 });
    const pages = ['T0085.004', 'T0097.102', 'T0097.103', 'T0097.107', 'T0097.202', 'T0122', 'T0143.002', 'T0143.003', 'T0146.002', 'T0146.003', 'T0146.005', 'T0149.002', 'T0150.001'];
    expect(results.map((r) => r.id).sort()).toEqual(pages);
    for (const r of results) {
      expect(r.tier).toBe('meaning');
      expect(r.reason, r.id).toMatch(/^like I00(069|116|126): .*phishing/i);
    }
  });

  it('puts the QR Code Asset name first, then the pages of I00128 that embed a QR code', () => {
    const results = picker('QR code');
    expect(results[0]).toMatchObject({ id: 'T0153.004', tier: 'name-prefix' });
    const meaning = results.filter((r) => r.tier === 'meaning');
    expect(meaning.slice(0, 5).map((r) => r.id)).toEqual(expect.arrayContaining(['T0097.208', 'T0151.001', 'T0151.002', 'T0152.004', 'T0153.002']));
    expect(meaning.find((r) => r.id === 'T0153.002')?.reason).toMatch(/^summary: .*QR Codes/);
    expect(meaning.find((r) => r.id === 'T0151.001')?.reason).toMatch(/^like I00128: .*QR code/);
  });

  it('leads "impersonate a trusted contact" to Impersonated Persona, within what the picker lists', () => {
    const results = picker('impersonate a trusted contact');
    const meaning = results.filter((r) => r.tier === 'meaning');
    expect(meaning[0]).toMatchObject({ id: 'T0143.003', name: 'Impersonated Persona' });
    expect(meaning[0]?.reason).toMatch(/imperson/i);
    // The near-miss names keep their place before it, and leave it room.
    expect(results.findIndex((r) => r.tier === 'meaning')).toBeLessThanOrEqual(7);
  });

  it('finds the deepfake audio technique for "deepfake voice", and I00068 deepfake call\'s techniques by meaning', () => {
    const results = picker('deepfake voice');
    expect(results.slice(0, 3).map((r) => r.id)).toContain('T0088.001');
    const byMeaning = results.filter((r) => r.tier === 'meaning');
    // I00068 (LastPass, an audio deepfake over WhatsApp) is tagged T0151.004 and T0155.007.
    expect(byMeaning.map((r) => r.id)).toEqual(expect.arrayContaining(['T0151.004', 'T0155.007']));
    expect(byMeaning.find((r) => r.id === 'T0151.004')?.reason).toMatch(/^like I00068: .*deepfake/);
  });

  it('keeps ids and names first, exact first: an id answers alone and the tiers never interleave', () => {
    expect(catalog.search('T0155.').every((r) => r.tier === 'id-prefix')).toBe(true);
    expect(catalog.search('T9999')).toEqual([]);
    const order = ['exact-id', 'id-prefix', 'name-prefix', 'fuzzy', 'meaning'];
    for (const query of ['chat', 'encrypted', 'persona', 'QR code', 'deepfake voice']) {
      const ranks = catalog.search(query, { kinds: ['technique'] }).map((r) => order.indexOf(r.tier));
      expect(ranks, query).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(catalog.search('encrypted', { kinds: ['technique'] }).slice(0, 2).map((r) => [r.id, r.tier])).toEqual([['T0129.005', 'name-prefix'], ['T0155.007', 'name-prefix']]);
  });

  it('searches no meaning for other kinds, and keeps to the tactic asked for', () => {
    expect(catalog.search('phishing', { kinds: ['incident'] })).toEqual([]);
    const ta16 = catalog.search('phishing', { kinds: ['technique'], tacticId: 'TA16' });
    expect(ta16.length).toBeGreaterThan(0);
    expect(ta16.every((r) => catalog.technique(r.id)?.tacticId === 'TA16')).toBe(true);
  });
});

describe('incident descriptions as evidence', () => {
  it('splits I00068\'s description into its quote and the clauses each parenthesis tags', () => {
    const use = catalog.usesOf('T0088.001').find((u) => u.incidentId === 'I00068');
    const parts = descriptionParts(use?.description ?? '');
    expect(parts.quotes).toHaveLength(1);
    expect(parts.quotes[0]).toMatch(/^“While reports of .*audio deepfake/);
    expect(parts.clauses.map((c) => [c.text, c.techniqueIds])).toEqual([
      ['In this example attackers impersonated the CEO of LastPass', ['T0097.100', 'T0143.003']],
      ['targeting one of its employees over WhatsApp', ['T0151.004', 'T0155.007']],
      ['using deepfaked audio', ['T0088.001']],
    ]);
  });
});

describe('suggestions for a passage', () => {
  const passage = 'An employee received calls and a voicemail with an audio deepfake of the chief executive, sent over WhatsApp.';

  it('suggests the deepfake audio technique with a one-line reason', () => {
    const hits = catalog.suggest(passage, [], { limit: 5 });
    expect(hits.map((h) => h.id)).toContain('T0088.001');
    for (const hit of hits) expect(hit.reason).not.toMatch(/\n/);
  });

  it('learns from the analyst: an accepted passage lifts its technique, a rejected one sinks it, others are untouched', () => {
    const ids = (text: string, examples: Parameters<Catalog['suggest']>[1]) => catalog.suggest(text, examples, { limit: 50 }).map((h) => h.id);
    const before = ids(passage, []);
    expect(before.slice(0, 5)).not.toContain('T0097.111');
    const accepted = catalog.suggest(passage, [{ passage, techniqueId: 'T0097.111', verdict: 'accepted' }], { limit: 5 });
    expect(accepted[0]).toMatchObject({ id: 'T0097.111' });
    expect(accepted[0]?.reason).toMatch(/^like your example: An employee received/);
    const top = before[0] as string;
    expect(ids(passage, [{ passage, techniqueId: top, verdict: 'rejected' }]).indexOf(top)).toBeGreaterThan(3);
    const unrelated = 'Bots posted the same slogan on a video platform.';
    expect(ids(unrelated, [{ passage, techniqueId: 'T0097.111', verdict: 'accepted' }])).toEqual(ids(unrelated, []));
  });
});
