/**
 * The round trip of a contribution through the maintainers: the analyst applies a draft and
 * commits; the maintainers paste its master-data rows (as exported) into DISARM_DATA_MASTER.xlsx
 * and run their generator. The incident page must come out byte for byte as the workbench wrote
 * it, and each technique page's generated row for the incident must be the workbench's block row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAtEditLine } from '../../shared/edit-line';
import { pagePath } from '../../shared/ids';
import { findBlocks } from '../../shared/drafts/notes-blocks';
import type { Draft } from '../../shared/drafts/model';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { git } from '../helpers/fixtures';
import { applyContribution, CONTRIBUTION_TECHNIQUES, pasteIntoMaster } from './contribution';
import { findGeneratorPython, NO_PYTHON_REASON, upstreamLayout, type UpstreamLayout } from './generator';

const python = findGeneratorPython();

/** The rows of a page's generated incidents table that are about `incidentId`. */
function generatedRowsOf(page: string, incidentId: string): string[] {
  return splitAtEditLine(page).generated.split('\n').filter((line) => line.startsWith(`| [${incidentId} `));
}

/** The rows of the workbench's blocks about `incidentId` below a page's line. */
function blockRowsOf(page: string, incidentId: string): string[] {
  return findBlocks(splitAtEditLine(page).notes)
    .filter((b) => b.incidentId === incidentId)
    .flatMap((b) => b.body.split('\n').filter((line) => line.startsWith(`| [${incidentId} `)));
}

describe.skipIf(python === undefined)(`a contribution through the maintainers' generator${python === undefined ? ` (skipped: ${NO_PYTHON_REASON})` : ''}`, () => {
  let api: ApiOverClone;
  let layout: UpstreamLayout;
  let draft: Draft;
  /** The pages as the analyst committed them. */
  const committed = new Map<string, string>();
  const read = (path: string) => readFileSync(join(api.clone.path, path), 'utf8');

  beforeAll(async () => {
    api = await apiOverClone();
    api.services.workspace.set(api.clone.path);
    const applied = await applyContribution(api);
    draft = applied.draft;
    expect(applied.written.sort()).toEqual([pagePath(draft.incidentId as string), ...CONTRIBUTION_TECHNIQUES.map((t) => pagePath(t))].sort());
    git(api.clone.path, 'add', '--all');
    git(api.clone.path, 'commit', '--quiet', '-m', 'Add the incident');
    for (const path of applied.written) committed.set(path, read(path));

    layout = upstreamLayout(api.clone.path, python as string);
    await pasteIntoMaster(api, draft.id, layout, python as string);
    console.info(`generator run time (round trip): ${(layout.run() / 1000).toFixed(1)} s`);
  }, 180_000);
  afterAll(async () => {
    layout?.dispose();
    await api?.dispose();
  });

  it('gives the incident page back byte for byte', () => {
    const path = pagePath(draft.incidentId as string);
    expect(read(path)).toBe(committed.get(path));
  });

  it('writes, on each technique page, the workbench block’s row for the incident', () => {
    const id = draft.incidentId as string;
    for (const technique of CONTRIBUTION_TECHNIQUES) {
      const before = committed.get(pagePath(technique)) as string;
      const after = read(pagePath(technique));
      expect(generatedRowsOf(before, id), technique).toEqual([]);
      const block = blockRowsOf(before, id);
      expect(block, technique).toHaveLength(1);
      expect(generatedRowsOf(after, id), technique).toEqual(block);
      // What was below the line is kept: the block is now there twice, once generated.
      expect(splitAtEditLine(after).notes, technique).toBe(splitAtEditLine(before).notes);
    }
  });

  it('changes nothing else in the pages but the technique pages’ new rows', () => {
    const changed = git(api.clone.path, 'diff', '--name-only').trim().split('\n').filter((p) => p !== '');
    expect(changed.sort()).toEqual(CONTRIBUTION_TECHNIQUES.map((t) => pagePath(t)).concat('generated_pages/incidents_index.md').sort());
  });
});
