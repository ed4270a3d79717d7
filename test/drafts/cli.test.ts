/** `disarm-workbench lint` and `disarm-workbench draft export|import`, through the CLI's entry point. */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { main } from '../../electron/cli/cli';
import { Store } from '../../electron/store/store';
import { INCIDENT_COLUMNS } from '../../shared/drafts/master-rows';
import type { Draft } from '../../shared/drafts/model';
import { cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

let clone: HistoryClone;
let work: { path: string; dispose: () => void };

beforeAll(() => {
  clone = cloneHistory();
  work = tempDir('disarm-cli-');
});
afterAll(() => {
  clone.dispose();
  work.dispose();
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work.path, stopped: new Promise(() => undefined) });
  return { code, stdout, stderr };
}

const annotation = (techniqueIds: string[], explanation = 'Explained.') => ({ id: randomUUID(), quote: 'A quote.', techniqueIds, explanation, review: 'accepted' as const });

describe('disarm-workbench lint', () => {
  it('is silent and exits 0 over every incident page of the newest commit', async () => {
    const dir = join(clone.path, 'generated_pages', 'incidents');
    const files = readdirSync(dir).map((n) => join(dir, n));
    const result = await run('lint', '--repo', clone.path, ...files);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints file:line:column severity code message for a page’s notes, and exits 1 on an error', async () => {
    const page = join(work.path, 'T0155.007.md');
    const text = readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8') + '\n\nSee T0043.001 and (T0155.007: Encrypted Chat).\n';
    writeFileSync(page, text);
    const lines = text.split('\n');
    const result = await run('lint', '--repo', clone.path, 'T0155.007.md');
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split('\n');
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(new RegExp(`^T0155\\.007\\.md:${lines.length - 1}:5 error retired-id T0043\\.001 \\(Use Encrypted Chat Apps\\) was in earlier versions .* removed on 2025-02-10 .*\\. Its incidents moved to T0155\\.007 Encrypted Communication Channel, T0151\\.004 Chat Platform\\.$`));
    expect(out[1]).toMatch(new RegExp(`^T0155\\.007\\.md:${lines.length - 1}:\\d+ warning name-mismatch `));

    const json = await run('lint', '--repo', clone.path, '--json', 'T0155.007.md');
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(findings.map((f) => Object.keys(f).sort())).toEqual([
      ['code', 'column', 'file', 'line', 'message', 'severity'],
      ['code', 'column', 'file', 'line', 'message', 'severity'],
    ]);
    expect(findings[0]).toMatchObject({ file: 'T0155.007.md', line: lines.length - 1, column: 5, severity: 'error', code: 'retired-id' });
  });

  it('reports the guard\'s text rules on a page: text after the edit line, a control character (issue 11)', async () => {
    const original = readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8');
    const lines = original.split('\n');
    writeFileSync(join(work.path, 'extended.md'), `${original} X`);
    const extended = await run('lint', '--repo', clone.path, 'extended.md');
    expect(extended.code).toBe(1);
    expect(extended.stdout).toMatch(new RegExp(`^extended\\.md:${lines.length}:${(lines.at(-1) ?? '').length + 1} error edit-line-extended `, 'm'));
    writeFileSync(join(work.path, 'nul.md'), `${original}\n\nA note\u0000.\n`);
    const nul = await run('lint', '--repo', clone.path, '--json', 'nul.md');
    expect(nul.code).toBe(1);
    expect(JSON.parse(nul.stdout)).toEqual([expect.objectContaining({ file: 'nul.md', line: lines.length + 2, column: 7, severity: 'error', code: 'not-text' })]);
    writeFileSync(join(work.path, 'fine.md'), `${original}\n\tA note.\n`);
    expect(await run('lint', '--repo', clone.path, 'fine.md')).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 0 with warnings only', async () => {
    const page = join(work.path, 'warn.md');
    writeFileSync(page, readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8') + '\n(T0155.007: Encrypted Chat)\n');
    const result = await run('lint', '--repo', clone.path, 'warn.md');
    expect(result.stdout).toContain('warning name-mismatch');
    expect(result.code).toBe(0);
  });

  it('lints a draft file, pointing at the line and column of the field in the file', async () => {
    const store = await Store.open({ dir: join(work.path, 'store-lint') });
    const draft = await store.createDraft({ incident: { name: 'Draft with problems' }, references: [{ id: randomUUID(), url: 'https://example.org/a', pubDate: '2025-02-19', authors: '', org: '', archiveUrl: 'https://web.archive.org/x' }], annotations: [annotation(['T0155.007', 'T155.7'])] });
    const file = join(work.path, 'draft.json');
    writeFileSync(file, JSON.stringify(draft, null, 2));
    const result = await run('lint', '--repo', clone.path, 'draft.json');
    expect(result.code).toBe(1);
    const lines = readFileSync(file, 'utf8').split('\n');
    const byCode = new Map(result.stdout.trim().split('\n').map((l) => [l.split(' ')[2], l]));
    const malformed = byCode.get('malformed-id') as string;
    const [, line, column] = /^draft\.json:(\d+):(\d+) error malformed-id /.exec(malformed) ?? [];
    expect(lines[Number(line) - 1]?.slice(Number(column) - 1)).toMatch(/^T155\.7"/);
    const date = byCode.get('bad-date') as string;
    const [, dateLine] = /^draft\.json:(\d+):/.exec(date) ?? [];
    expect(lines[Number(dateLine) - 1]).toContain('"pubDate": "2025-02-19"');
    expect(byCode.get('bad-date')).toContain('error');
    expect(byCode.get('missing-field')).toContain('warning');
  });

  // Said once, by the guard's not-text (what `check` reports too), not again by validation.
  it('exits 1 on a NUL in a page’s notes, at its line and column', async () => {
    const text = readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8') + '\n\nA pasted note\u0000 with a NUL.\n';
    writeFileSync(join(work.path, 'nul.md'), text);
    const result = await run('lint', '--repo', clone.path, 'nul.md');
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^nul\\.md:${text.split('\n').length - 1}:14 error not-text .*U\\+0000.*Binary files differ`))]);
  });

  it('warns (exit 0) on a right-to-left override and a zero-width space in a page’s notes', async () => {
    const text = readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8') + '\n\nPaid by \u202Eevil\u202C and T0155\u200B.007.\n';
    writeFileSync(join(work.path, 'bidi.md'), text);
    const result = await run('lint', '--repo', clone.path, 'bidi.md');
    expect(result.stdout).toMatch(/^bidi\.md:\d+:9 warning bidi-control .*U\+202E.*U\+202C/m);
    expect(result.stdout).toMatch(/^bidi\.md:\d+:\d+ warning zero-width-character .*U\+200B/m);
    expect(result.code).toBe(0);
  });

  it('exits 1 on a control character in a draft file’s field, and warns on bidi and zero-width ones', async () => {
    const store = await Store.open({ dir: join(work.path, 'store-characters') });
    const draft = await store.createDraft({ incident: { name: 'Kremlin\u0000-linked', summary: 'A \u202Esummary.' }, references: [{ id: randomUUID(), url: 'https://example.org/a', pubDate: '2025/02/19', authors: 'A\u200BB', org: '', archiveUrl: 'https://web.archive.org/x' }], annotations: [annotation(['T0155.007'], 'Explained\u0007.')] });
    writeFileSync(join(work.path, 'characters.json'), JSON.stringify(draft, null, 2));
    const result = await run('lint', '--repo', clone.path, 'characters.json');
    expect(result.code).toBe(1);
    const found = result.stdout.trim().split('\n').map((l) => l.split(' ').slice(1, 4).join(' '));
    expect(found).toEqual(expect.arrayContaining(['error control-character incident.name:', 'error control-character annotations.0.explanation:', 'warning bidi-control incident.summary:', 'warning zero-width-character references.0.authors:']));
  });

  it('exits 2 on bad usage, a folder that is not a checkout, or a file that is not a draft', async () => {
    expect((await run('lint', '--repo', clone.path)).code).toBe(2);
    expect((await run('lint', 'x.md')).code).toBe(2);
    expect((await run('lint', '--repo', work.path, 'x.md')).code).toBe(2);
    writeFileSync(join(work.path, 'broken.json'), '{"schemaVersion": 2, ');
    const broken = await run('lint', '--repo', clone.path, 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json:1:\d+ is not valid JSON/);
    expect((await run('lint', '--repo', clone.path, 'missing.md')).code).toBe(2);
  });
});

describe('disarm-workbench draft', () => {
  it('exports a draft as JSON and imports it into another store (twice: the second as a copy)', async () => {
    const from = join(work.path, 'store-a');
    const to = join(work.path, 'store-b');
    const draft = await (await Store.open({ dir: from })).createDraft({ incident: { name: 'Travelling draft' }, annotations: [annotation(['T0155.007'])] });
    const exported = await run('draft', 'export', '--store', from, '--id', draft.id, '--format', 'json', '--out', 'travelling.json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work.path, 'travelling.json'), 'utf8'))).toEqual(draft);

    const imported = await run('draft', 'import', 'travelling.json', '--store', to);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(draft.id);
    const store = await Store.open({ dir: to });
    expect(await store.getDraft(draft.id)).toEqual(draft);
    const again = await run('draft', 'import', 'travelling.json', '--store', to);
    expect(again.stdout).toContain('as a copy');
    expect(await store.listDrafts()).toHaveLength(2);
  });

  it('exports the master-data rows as xlsx, allocating the ids first', async () => {
    const dir = join(work.path, 'store-xlsx');
    const draft = await (await Store.open({ dir })).createDraft({ incident: { name: 'Rows for the maintainers', yearStarted: '2025' }, annotations: [annotation(['T0155.007', 'T0151.004'], 'Over WhatsApp.')] });
    const result = await run('draft', 'export', '--repo', clone.path, '--store', dir, '--id', draft.id, '--format', 'xlsx', '--out', 'rows.xlsx');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(work.path, 'rows.xlsx');
    const incidents = (await readSheet(file, 'incidents')) as unknown[][];
    expect(incidents[0]).toEqual([...INCIDENT_COLUMNS]);
    expect(incidents[1]?.slice(0, 2)).toEqual(['I00130', 'Rows for the maintainers']);
    expect(incidents[1]?.[4]).toBe(2025);
    const links = (await readSheet(file, 'incidenttechniques')) as unknown[][];
    expect(links[1]).toEqual(['IT00000549', '<i>“A quote.”</i><br><br>Over WhatsApp.', 'I00130', 'T0155.007,T0151.004', null]);
    const stored: Draft = await (await Store.open({ dir })).getDraft(draft.id);
    expect(stored.incidentId).toBe('I00130');
  });

  it('refuses (exit 1) to export rows for a draft with errors, such as a taken id', async () => {
    const dir = join(work.path, 'store-taken');
    const draft = await (await Store.open({ dir })).createDraft({ incidentId: 'I00068', incident: { name: 'Taken' }, annotations: [annotation(['T0155.007'])] });
    const result = await run('draft', 'export', '--repo', clone.path, '--store', dir, '--id', draft.id, '--format', 'xlsx', '--out', 'taken.xlsx');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('id-taken');
    expect(readdirSync(work.path)).not.toContain('taken.xlsx');
  });

  it('exits 2 on bad usage or an unknown draft', async () => {
    const dir = join(work.path, 'store-usage');
    expect((await run('draft')).code).toBe(2);
    expect((await run('draft', 'export', '--store', dir, '--id', randomUUID(), '--format', 'pdf', '--out', 'x')).code).toBe(2);
    expect((await run('draft', 'export', '--store', dir, '--id', 'nope', '--format', 'json', '--out', 'x')).code).toBe(2);
    const unknown = await run('draft', 'export', '--store', dir, '--id', randomUUID(), '--format', 'json', '--out', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no draft/);
    expect((await run('draft', 'import', '--store', dir)).code).toBe(2);
    writeFileSync(join(work.path, 'not-a-draft.json'), '{"hello": 1}');
    expect((await run('draft', 'import', 'not-a-draft.json', '--store', dir)).stderr).toMatch(/not a DISARM Workbench draft/);
  });

  it('exits 2 with a message, not a stack trace, for an --out or --store that cannot be used', async () => {
    const dir = join(work.path, 'store-paths');
    const draft = await (await Store.open({ dir })).createDraft({ incident: { name: 'Going nowhere' } });
    const exportTo = (...more: string[]) => run('draft', 'export', '--id', draft.id, '--format', 'json', ...more);
    const noFolder = await exportTo('--store', dir, '--out', join(work.path, 'no-such-folder', 'x.json'));
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain(`--out must name a file in a folder that exists; ${join(work.path, 'no-such-folder')} does not exist`);
    const aFolder = await exportTo('--store', dir, '--out', work.path);
    expect(aFolder.code).toBe(2);
    expect(aFolder.stderr).toContain(`--out must name a file; ${work.path} is a folder`);
    const storeFile = join(work.path, 'store-is-a-file');
    writeFileSync(storeFile, 'x');
    const badStore = await exportTo('--store', storeFile, '--out', 'x.json');
    expect(badStore.code).toBe(2);
    expect(badStore.stderr).toContain(`--store must be a folder; ${storeFile} is a file.`);
  });
});
