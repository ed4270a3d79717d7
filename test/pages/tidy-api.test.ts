// pages.tidy through the dispatcher on a real clone: what `disarm-workbench tidy` does, for the app
// to offer after a pull and in Review. A redundant block goes (the page is HEAD's again, which the
// guard accepts), a differing one stays and is listed, dryRun writes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TECHNIQUE_INCIDENTS_HEADER } from '../../shared/drafts/block-lifecycle';
import { renderBlock } from '../../shared/drafts/notes-blocks';
import { splitAtEditLine } from '../../shared/edit-line';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { git } from '../helpers/fixtures';

let api: ApiOverClone;
const redundantPage = 'generated_pages/techniques/T0151.004.md';
const differingPage = 'generated_pages/techniques/T0155.007.md';

beforeAll(async () => {
  api = await apiOverClone();
  api.services.workspace.set(api.clone.path);
});
afterAll(() => api?.dispose());

/** The page with a block for `incidentId` holding its generated row, changed by `edit`. */
function withBlock(path: string, incidentId: string, edit: (row: string) => string = (row) => row): string {
  const page = readFileSync(join(api.clone.path, path), 'utf8');
  const row = splitAtEditLine(page).generated.split('\n').find((line) => line.startsWith(`| [${incidentId} `)) as string;
  return `${page}\n\n${renderBlock(incidentId, TECHNIQUE_INCIDENTS_HEADER + edit(row))}\n`;
}

async function tidy(dryRun?: boolean) {
  const envelope = await api.dispatch('pages.tidy', dryRun === undefined ? {} : { dryRun });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.result as { removed: { file: string; incidentId: string }[]; differing: { file: string; incidentId: string }[]; written: string[] };
}

describe('pages.tidy', () => {
  it('removes a redundant block, keeps and lists one that differs, and writes nothing on a dry run', async () => {
    const redundant = withBlock(redundantPage, 'I00084');
    const differing = withBlock(differingPage, 'I00068', (row) => row.replace('LastPass', 'LastPass (edited)'));
    writeFileSync(join(api.clone.path, redundantPage), redundant);
    writeFileSync(join(api.clone.path, differingPage), differing);

    const dry = await tidy(true);
    expect(dry.removed.map((b) => [b.file, b.incidentId])).toEqual([[redundantPage, 'I00084']]);
    expect(dry.written).toEqual([]);
    expect(readFileSync(join(api.clone.path, redundantPage), 'utf8')).toBe(redundant);

    const done = await tidy();
    expect(done.written).toEqual([redundantPage]);
    expect(done.differing.map((b) => [b.file, b.incidentId])).toEqual([[differingPage, 'I00068']]);
    expect(git(api.clone.path, 'status', '--porcelain')).toBe(` M ${differingPage}\n`);
    expect(readFileSync(join(api.clone.path, differingPage), 'utf8')).toBe(differing);
    expect((await tidy()).removed).toEqual([]);
  });

  it('needs an open checkout', async () => {
    api.services.workspace.set(undefined);
    expect(await api.dispatch('pages.tidy', {})).toMatchObject({ ok: false, error: { code: 'no-repository' } });
    api.services.workspace.set(api.clone.path);
  });
});
