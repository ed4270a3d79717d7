/**
 * interchange.export and interchange.heatmap through the dispatcher, on a real clone: I00068 and a
 * new draft as STIX 2.1 (checked with the schema library, technique ids from DISARM.json) and as a
 * Navigator layer, the heat map's scores against the catalog, and clear refusals of bad input.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStixBundle } from '../../electron/interchange/stix-schema';
import { DISARM_STIX_PATH } from '../../shared/interchange/disarm-stix';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';

/** I00068's techniques, as its page lists them. */
const I00068 = ['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007'];

type Exported = { fileName: string; mediaType: string; content: string; summary: string[] };
type Bundle = { objects: { type: string; id: string; source_ref?: string; target_ref?: string; relationship_type?: string }[] };

let api: ApiOverClone;
let draftId: string;
/** DISARM.json's technique ids by attack-pattern id. */
const techniqueOfStixId = new Map<string, string>();

beforeAll(async () => {
  api = await apiOverClone();
  const bundle = JSON.parse(readFileSync(join(api.clone.path, DISARM_STIX_PATH), 'utf8')) as { objects: { type: string; id: string; external_references?: { external_id?: string }[] }[] };
  for (const o of bundle.objects) if (o.type === 'attack-pattern') techniqueOfStixId.set(o.id, o.external_references?.find((r) => r.external_id)?.external_id as string);
  api.services.workspace.set(api.clone.path);
  const created = await api.dispatch('drafts.create', {
    content: {
      incident: { name: 'Messaging apps campaign', summary: 'A new draft.', dateAdded: '2025-03-01' },
      references: [{ id: randomUUID(), url: 'https://example.org/article', pubDate: '2025/02/19', authors: 'A. Writer', org: 'Example', archiveUrl: '' }],
      annotations: [
        { id: randomUUID(), quote: 'They used encrypted chats.', techniqueIds: ['T0155.007', 'T0151.004'], explanation: 'Over WhatsApp.', review: 'accepted' },
        { id: randomUUID(), quote: 'A made-up one.', techniqueIds: ['T9999'], explanation: 'Not a technique.', review: 'accepted' },
      ],
    },
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  draftId = (created as { result: { id: string } }).result.id;
});
afterAll(() => api?.dispose());

async function exported(args: unknown, operation = 'interchange.export'): Promise<Exported> {
  const result = await api.dispatch(operation, args);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result as { result: Exported }).result;
}

/** The technique ids the bundle's `uses` relationships point at, read back through DISARM.json's ids. */
function usedTechniques(bundle: Bundle): string[] {
  return bundle.objects
    .filter((o) => o.type === 'relationship' && o.relationship_type === 'uses')
    .map((o) => techniqueOfStixId.get(o.target_ref as string) ?? `not in DISARM.json: ${o.target_ref}`)
    .sort();
}

describe('interchange.export', () => {
  it("gives I00068 as a STIX 2.1 bundle that uses DISARM.json's own attack-patterns, the same ids each time", async () => {
    const file = await exported({ source: { incidentId: 'I00068' }, format: 'stix' });
    expect(file).toMatchObject({ fileName: 'I00068.stix.json', mediaType: 'application/stix+json;version=2.1', summary: [] });
    const bundle = JSON.parse(file.content) as Bundle;
    expect(checkStixBundle(bundle)).toEqual([]);
    expect(usedTechniques(bundle)).toEqual(I00068);
    const again = JSON.parse((await exported({ source: { incidentId: 'I00068' }, format: 'stix' })).content) as Bundle;
    expect(again.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id));
  });

  it('gives a draft as STIX and as a layer, and says which technique it left out', async () => {
    const stix = await exported({ source: { draftId }, format: 'stix' });
    expect(stix.fileName).toBe(`draft-${draftId.slice(0, 8)}.stix.json`);
    expect(usedTechniques(JSON.parse(stix.content) as Bundle)).toEqual(['T0151.004', 'T0155.007']);
    expect(stix.summary).toEqual(['1 technique(s) not in DISARM.json, left out (no id is made up for them): T9999']);
    const layer = await exported({ source: { draftId }, format: 'navigator' });
    expect(layer).toMatchObject({ fileName: `draft-${draftId.slice(0, 8)}.layer.json`, mediaType: 'application/json' });
    const parsed = JSON.parse(layer.content) as { domain: string; versions: { layer: string }; techniques: { techniqueID: string; comment?: string }[] };
    expect(parsed).toMatchObject({ domain: 'DISARM', versions: { layer: '4.5' } });
    expect(parsed.techniques.map((t) => t.techniqueID)).toEqual(['T0155.007', 'T0151.004', 'T9999']);
    expect(parsed.techniques[0]?.comment).toBe('“They used encrypted chats.” Over WhatsApp.');
    expect(layer.summary).toEqual(['1 technique(s) not in DISARM.json, kept in the layer but not shown by the Navigator: T9999']);
  });

  it('refuses bad input with a clear message, and MISP with the CLI command that makes it', async () => {
    const refused = (args: unknown) => api.dispatch('interchange.export', args);
    expect(await refused({ source: { incidentId: 'I68' }, format: 'stix' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('not an incident id (I + 5 digits') } });
    expect(await refused({ source: { draftId: 'not-a-uuid' }, format: 'stix' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await refused({ source: {}, format: 'stix' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('source must be { draftId } or { incidentId }') } });
    expect(await refused({ source: { incidentId: 'I00068' }, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('format must be stix or navigator') } });
    expect(await refused({ source: { incidentId: 'I00068' }, format: 'misp' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('disarm-workbench export --repo DIR --incident ID --format misp --galaxy FILE') } });
    expect(await refused({ source: { incidentId: 'I99999' }, format: 'stix' })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('incident I99999 has no page in this checkout') } });
    expect(await refused({ source: { draftId: randomUUID() }, format: 'stix' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('interchange.heatmap', () => {
  it("scores each technique with the catalog's number of incidents that used it", async () => {
    const file = await exported({}, 'interchange.heatmap');
    expect(file.fileName).toBe('disarm-incidents-heatmap.layer.json');
    const layer = JSON.parse(file.content) as { techniques: { techniqueID: string; score: number }[] };
    const { catalog } = await api.services.catalog.current();
    const expected = catalog
      .techniques()
      .map((t) => ({ techniqueID: t.id, score: new Set(catalog.usesOf(t.id).map((u) => u.incidentId)).size }))
      .filter((t) => t.score > 0);
    expect(expected.length).toBeGreaterThan(50);
    expect(layer.techniques.map((t) => ({ techniqueID: t.techniqueID, score: t.score }))).toEqual(expected);
  });
});
