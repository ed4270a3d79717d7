/**
 * The interchange exports over real data: I00068 from a clone of the history bundle and a new
 * draft, as STIX 2.1 (checked with @mitre-attack/attack-data-model's STIX core), as DISARM
 * Navigator layers and as MISP events tagged from the real MISP galaxy cluster.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/cli';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { checkStixBundle } from '../../electron/interchange/stix-schema';
import { Store } from '../../electron/store/store';
import { DISARM_STIX_PATH } from '../../shared/interchange/disarm-stix';
import { cloneHistory, DISARM_DIR, tempDir, type HistoryClone } from '../helpers/fixtures';

const GALAXY = join(DISARM_DIR, '..', 'misp-galaxy', 'clusters', 'disarm-techniques.json');
/** I00068's techniques, as its page lists them. */
const I00068 = ['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007'];

let clone: HistoryClone;
let work: { path: string; dispose: () => void };
let store: string;
let draftId: string;
/** DISARM.json's attack-pattern ids by technique id. */
const stixIds = new Map<string, string>();

beforeAll(async () => {
  clone = cloneHistory();
  work = tempDir('disarm-interchange-');
  store = join(work.path, 'store');
  const bundle = JSON.parse(readFileSync(join(clone.path, DISARM_STIX_PATH), 'utf8')) as { objects: { type: string; id: string; external_references?: { external_id?: string }[] }[] };
  for (const o of bundle.objects) if (o.type === 'attack-pattern') stixIds.set(o.external_references?.find((r) => r.external_id)?.external_id as string, o.id);
  const draft = await (await Store.open({ dir: store })).createDraft({
    incident: { name: 'Messaging apps campaign', summary: 'A new draft.', dateAdded: '2025-03-01' },
    references: [{ id: randomUUID(), url: 'https://example.org/article', pubDate: '2025/02/19', authors: 'A. Writer', org: 'Example', archiveUrl: 'https://web.archive.org/web/2025/https://example.org/article' }],
    annotations: [
      { id: randomUUID(), quote: 'They used encrypted chats.', techniqueIds: ['T0155.007', 'T0151.004'], explanation: 'Over WhatsApp.', review: 'accepted' },
      { id: randomUUID(), quote: 'A made-up one.', techniqueIds: ['T9999'], explanation: 'Not a technique.', review: 'accepted' },
    ],
  });
  draftId = draft.id;
});
afterAll(() => {
  clone?.dispose();
  work?.dispose();
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work.path, stopped: new Promise(() => undefined) });
  return { code, stdout, stderr };
}

type Bundle = { objects: { type: string; id: string; [k: string]: unknown }[] };
const exportIncident = async (format: string, ...extra: string[]) => run('export', '--repo', clone.path, '--incident', 'I00068', '--format', format, ...extra);
const exportDraft = async (format: string, ...extra: string[]) => run('draft', 'export', '--repo', clone.path, '--id', draftId, '--store', store, '--format', format, ...extra);

/** The technique ids a bundle's `uses` relationships point at, through DISARM.json's ids. */
function techniquesOf(bundle: Bundle): string[] {
  const byStixId = new Map([...stixIds].map(([t, id]) => [id, t]));
  return bundle.objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'uses').map((o) => byStixId.get(o.target_ref as string) ?? `unknown ${String(o.target_ref)}`).sort();
}

describe('STIX 2.1', () => {
  it('exports I00068 as a bundle the schemas accept, with uses relationships to DISARM.json’s own ids', async () => {
    const result = await exportIncident('stix');
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout) as Bundle;
    expect(checkStixBundle(bundle)).toEqual([]);
    expect(techniquesOf(bundle)).toEqual(I00068);
    const types = bundle.objects.map((o) => o.type);
    expect(types.filter((t) => t === 'report')).toHaveLength(1);
    expect(types.filter((t) => t === 'campaign')).toHaveLength(1);
    expect(types.filter((t) => t === 'identity')).toHaveLength(1);
    // One note per quote (five rows of the page), each on the relationship it explains.
    const notes = bundle.objects.filter((o) => o.type === 'note');
    expect(notes).toHaveLength(5);
    const relationshipIds = new Set(bundle.objects.filter((o) => o.type === 'relationship').map((o) => o.id));
    for (const note of notes) expect(relationshipIds.has((note.object_refs as string[])[0] as string)).toBe(true);
    expect(String(notes[0]?.content)).toContain('deepfake');
    // The source and its archive as external references of the report.
    const report = bundle.objects.find((o) => o.type === 'report') as unknown as { external_references: { url?: string; external_id?: string }[] };
    expect(report.external_references.map((r) => r.url)).toEqual([
      'https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/incidents/I00068.md',
      'https://blog.lastpass.com/posts/2024/04/attempted-audio-deepfake-call-targets-lastpass-employee',
      'https://web.archive.org/web/20240619143325/https://blog.lastpass.com/posts/2024/04/attempted-audio-deepfake-call-targets-lastpass-employee',
    ]);
    expect(report.external_references[0]?.external_id).toBe('I00068');
  });

  it('gives the same ids on a second export', async () => {
    const ids = async () => (JSON.parse((await exportIncident('stix')).stdout) as Bundle).objects.map((o) => o.id);
    const first = await ids();
    expect(first.length).toBeGreaterThan(10);
    expect(await ids()).toEqual(first);
  });

  it('exports a new draft; a technique DISARM.json lacks is reported, not given an id', async () => {
    const out = join(work.path, 'draft.stix.json');
    const result = await exportDraft('stix', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 technique(s) not in DISARM.json, left out (no id is made up for them): T9999');
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as Bundle;
    expect(checkStixBundle(bundle)).toEqual([]);
    expect(techniquesOf(bundle)).toEqual(['T0151.004', 'T0155.007']);
    expect(JSON.stringify(bundle)).not.toContain('T9999');
  });

  it('the schemas refuse a broken bundle (so the check above can fail)', () => {
    const broken = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [{ type: 'report', id: 'report--1', spec_version: '2.0', created: 'yesterday', modified: 'now', name: 'x', published: 'x', report_types: [], object_refs: [] }] };
    const where = checkStixBundle(broken).map((p) => p.where);
    for (const field of ['id', 'spec_version', 'created', 'published', 'object_refs']) expect(where.some((w) => w.endsWith(`.${field}`))).toBe(true);
  });
});

describe('Navigator layers', () => {
  it('exports I00068 and a draft as 4.5 layers of the DISARM domain with the quotes as comments', async () => {
    for (const result of [await exportIncident('navigator'), await exportDraft('navigator')]) {
      expect(result.code).toBe(0);
      const layer = JSON.parse(result.stdout) as { versions: { layer: string }; domain: string; techniques: { techniqueID: string; tactic?: string; comment?: string }[] };
      expect(layer.versions.layer).toBe('4.5');
      expect(layer.domain).toBe('DISARM');
      for (const t of layer.techniques) expect(t.comment).toMatch(/^“/);
    }
    const layer = JSON.parse((await exportIncident('navigator')).stdout) as { techniques: { techniqueID: string; tactic: string }[] };
    expect(layer.techniques.map((t) => t.techniqueID).sort()).toEqual(I00068);
    expect(layer.techniques.find((t) => t.techniqueID === 'T0155.007')?.tactic).toBe('select-channels-and-affordances');
  });

  it('a heat map over all incidents scores each technique with the catalog’s incidents that used it', async () => {
    const result = await run('export-layer', '--repo', clone.path, '--all');
    expect(result.code).toBe(0);
    const layer = JSON.parse(result.stdout) as { techniques: { techniqueID: string; score: number }[] };
    const { catalog } = await loadCheckout(clone.path);
    // Counted from the incident pages' technique tables, the other side of what the layer read.
    const expected = new Map<string, number>();
    for (const incident of catalog.incidents()) for (const t of incident.techniqueIds) expected.set(t, (expected.get(t) ?? 0) + 1);
    expect(new Map(layer.techniques.map((t) => [t.techniqueID, t.score]))).toEqual(expected);
    expect(layer.techniques.length).toBeGreaterThan(100);
  });
});

describe('MISP', () => {
  const cluster = () => JSON.parse(readFileSync(GALAXY, 'utf8')) as { values: { value: string; meta: { external_id: string } }[] };

  it('tags I00068 with the galaxy cluster’s values and lists the techniques the galaxy lacks', async () => {
    const result = await exportIncident('misp', '--galaxy', GALAXY);
    expect(result.code).toBe(0);
    const event = (JSON.parse(result.stdout) as { Event: { info: string; date: string; Attribute: { type: string; value: string }[]; Tag: { name: string }[] } }).Event;
    expect(event.info).toBe('I00068: Attempted Audio Deepfake Call Targets LastPass Employee');
    expect(event.Attribute.every((a) => a.type === 'link')).toBe(true);
    expect(event.Attribute.map((a) => a.value)).toContain('https://blog.lastpass.com/posts/2024/04/attempted-audio-deepfake-call-targets-lastpass-employee');
    const valueOf = new Map(cluster().values.map((v) => [v.meta.external_id, v.value]));
    const inGalaxy = I00068.filter((t) => valueOf.has(t));
    const missing = I00068.filter((t) => !valueOf.has(t));
    expect(inGalaxy.length).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    expect(event.Tag.map((t) => t.name).sort()).toEqual([...inGalaxy.map((t) => `misp-galaxy:disarm-techniques="${valueOf.get(t)}"`), ...missing.map((t) => `disarm:technique="${t}"`)].sort());
    expect(result.stderr).toContain(`${missing.length} technique(s) not in the galaxy, tagged disarm:technique="<id>": ${missing.join(', ')}`);
  });

  it('exports a draft as an event with its source and archive links', async () => {
    const result = await exportDraft('misp', '--galaxy', GALAXY);
    expect(result.code).toBe(0);
    const event = (JSON.parse(result.stdout) as { Event: { date: string; Attribute: { value: string }[]; Tag: { name: string }[] } }).Event;
    expect(event.date).toBe('2025-03-01');
    expect(event.Attribute.map((a) => a.value)).toEqual(['https://example.org/article', 'https://web.archive.org/web/2025/https://example.org/article']);
    expect(event.Tag.map((t) => t.name)).toContain('disarm:technique="T9999"');
  });
});

describe('bad usage', () => {
  it('exits 2 with a clear message', async () => {
    expect((await run('export', '--repo', clone.path, '--incident', 'I00068')).code).toBe(2);
    const format = await run('export', '--repo', clone.path, '--incident', 'I00068', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be stix, navigator or misp');
    const unknown = await run('export', '--repo', clone.path, '--incident', 'I99999', '--format', 'stix');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('incident I99999 has no page in this checkout');
    const galaxy = await run('export', '--repo', clone.path, '--incident', 'I00068', '--format', 'misp');
    expect(galaxy.code).toBe(2);
    expect(galaxy.stderr).toContain('--galaxy FILE is required for --format misp');
    expect((await run('export-layer', '--repo', clone.path)).code).toBe(2);
    const noRepo = await run('draft', 'export', '--id', draftId, '--store', store, '--format', 'stix');
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain('--repo DIR is required for --format stix');
    const badGalaxy = await exportDraft('misp', '--galaxy', join(clone.path, DISARM_STIX_PATH));
    expect(badGalaxy.code).toBe(2);
    expect(badGalaxy.stderr).toContain('is not a MISP galaxy cluster');
  });
});
