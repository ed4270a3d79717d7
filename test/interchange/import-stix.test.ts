/**
 * `disarm-workbench import-stix`: a STIX 2.1 bundle as a new draft, over a clone of the history
 * bundle. The round trip starts from the workbench's own export of I00068; bad input leaves the
 * store without a draft.
 */
import { randomUUID } from 'node:crypto';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/cli';
import { Store } from '../../electron/store/store';
import { cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

let clone: HistoryClone;
let work: { path: string; dispose: () => void };
let exported: { type: string; id: string; objects: Record<string, unknown>[] };

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work.path, stopped: new Promise(() => undefined) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  clone = cloneHistory();
  work = tempDir('disarm-import-stix-');
  exported = JSON.parse((await run('export', '--repo', clone.path, '--incident', 'I00068', '--format', 'stix')).stdout) as typeof exported;
});
afterAll(() => {
  clone?.dispose();
  work?.dispose();
});

/** Writes `content` to a file of the work folder and imports it into a store of its own. */
async function importFile(name: string, content: string | object) {
  const file = join(work.path, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const store = join(work.path, `store-${name}`);
  const result = await run('import-stix', file, '--repo', clone.path, '--store', store);
  return { ...result, drafts: async () => (await Store.open({ dir: store })).allDrafts() };
}

describe('disarm-workbench import-stix', () => {
  it('gives back an exported incident’s techniques, references and quotes as a new draft', async () => {
    const result = await importFile('I00068.json', exported);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('5 technique(s) (T0088.001, T0097.100, T0143.003, T0151.004, T0155.007), 1 reference(s)');
    const [draft] = await result.drafts();
    expect(draft?.incident.name).toBe('Attempted Audio Deepfake Call Targets LastPass Employee');
    expect(draft?.references.map((r) => [r.url, r.archiveUrl, r.org])).toEqual([
      ['https://blog.lastpass.com/posts/2024/04/attempted-audio-deepfake-call-targets-lastpass-employee', 'https://web.archive.org/web/20240619143325/https://blog.lastpass.com/posts/2024/04/attempted-audio-deepfake-call-targets-lastpass-employee', 'LastPass'],
    ]);
    expect(draft?.annotations.flatMap((a) => a.techniqueIds).sort()).toEqual(['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007']);
    for (const a of draft?.annotations ?? []) {
      expect(a.quote).toMatch(/^While reports of \[\.\.\.\] deepfake calls/);
      expect(a.explanation).not.toMatch(/^“/);
      expect(a.explanation.length).toBeGreaterThan(0);
    }
  });

  it('lists a uses target that is no DISARM technique and keeps the others', async () => {
    const campaign = exported.objects.find((o) => o.type === 'campaign') as { id: string };
    const attack = { type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${randomUUID()}`, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'Phishing', external_references: [{ source_name: 'mitre-attack', external_id: 'T1566' }] };
    const uses = { type: 'relationship', spec_version: '2.1', id: `relationship--${randomUUID()}`, created: attack.created, modified: attack.created, relationship_type: 'uses', source_ref: campaign.id, target_ref: attack.id };
    const result = await importFile('with-attack.json', { ...exported, objects: [...exported.objects, attack, uses] });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`1 uses target(s) are no DISARM technique, left out: ${attack.id} (Phishing)`);
    const [draft] = await result.drafts();
    expect(draft?.annotations.flatMap((a) => a.techniqueIds)).toHaveLength(5);
  });

  it('refuses bad input with a clear message and makes no draft', async () => {
    const report = exported.objects.find((o) => o.type === 'report') as { object_refs: string[] };
    const cases: [string, string | object, RegExp][] = [
      ['not-json.json', '{"type": "bundle", ', /is not JSON/],
      ['stix20.json', { ...exported, spec_version: '2.0' }, /not STIX 2\.1: the bundle says spec_version "2\.0"/],
      ['object20.json', { ...exported, objects: exported.objects.map((o) => ({ ...o, spec_version: '2.0' })) }, /not STIX 2\.1: identity--\S+ has spec_version "2\.0"/],
      ['no-bundle.json', { type: 'report', id: 'report--x' }, /not a STIX bundle/],
      ['dangling.json', { ...exported, objects: exported.objects.map((o) => (o.type === 'report' ? { ...o, object_refs: [...report.object_refs, `note--${randomUUID()}`] } : o)) }, /the report refers to 1 object\(s\) that are neither in the bundle nor DISARM techniques: note--/],
      ['no-report.json', { ...exported, objects: exported.objects.filter((o) => o.type !== 'report' && o.type !== 'campaign') }, /holds no report and no campaign/],
    ];
    for (const [name, content, message] of cases) {
      const result = await importFile(name, content);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr, name).toContain('no draft was made');
      expect(await result.drafts(), name).toEqual([]);
    }
  });

  it('refuses a file over 50 MB before reading it', async () => {
    const file = join(work.path, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024 + 1);
    const store = join(work.path, 'store-huge');
    const result = await run('import-stix', file, '--repo', clone.path, '--store', store);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is 52,428,801 bytes, over the 50 MB \(52,428,800 bytes\) a bundle of one incident may have; no draft was made/);
    expect(await (await Store.open({ dir: store })).allDrafts()).toEqual([]);
  });
});
