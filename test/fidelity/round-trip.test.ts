/**
 * The round trip of a contribution through the maintainers: the analyst applies a draft and
 * commits; the maintainers paste its master-data rows (as exported) into DISARM_DATA_MASTER.xlsx
 * and run their generator. The incident page must come out byte for byte as the workbench wrote
 * it, and each technique page's generated row for the incident must be the workbench's block row.
 * Once the analyst pulls that, `tidy` removes the blocks the generated part now repeats: each page
 * is then the generator's page plus the analyst's own notes, a change the guard accepts.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/cli';
import { splitAtEditLine } from '../../shared/edit-line';
import { pagePath } from '../../shared/ids';
import { findBlocks } from '../../shared/drafts/notes-blocks';
import type { Draft } from '../../shared/drafts/model';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { git } from '../helpers/fixtures';
import { applyContribution, CONTRIBUTION_TECHNIQUES, pasteIntoMaster } from './contribution';
import { findGeneratorPython, NO_PYTHON_REASON, upstreamLayout, type UpstreamLayout } from './generator';

const python = findGeneratorPython();
/** A note of the analyst's own below a technique page's line (the fixture's page has none). */
const ANALYST_NOTE = '\n\nAn analyst’s own note on impersonation, | with a pipe.\n';

/** Runs the CLI in-process; its exit code and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: process.cwd(), stopped: new Promise(() => undefined) });
  return { code, out, err };
}

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
    // The analyst's own note on a page the draft tags, written before the draft is applied.
    appendFileSync(join(api.clone.path, pagePath('T0143.003')), ANALYST_NOTE);
    const applied = await applyContribution(api);
    draft = applied.draft;
    expect(applied.written.sort()).toEqual([pagePath(draft.incidentId as string), ...CONTRIBUTION_TECHNIQUES.map((t) => pagePath(t))].sort());
    git(api.clone.path, 'add', '--all');
    git(api.clone.path, 'commit', '--quiet', '-m', 'Add the incident');
    for (const path of applied.written) committed.set(path, read(path));

    layout = upstreamLayout(api.clone.path, python as string);
    const pasted = await pasteIntoMaster(api, draft.id, layout, python as string);
    // The export's longname is the master's formula, moved to its row as Excel moves it.
    expect(pasted.rows.incidents).toBe(131);
    expect(pasted.incidents[0]?.longname).toBe('=A131&" - "&B131');
    expect(pasted.incidenttechniques).toHaveLength(5);
    console.info(`generator run time (round trip): ${(layout.run() / 1000).toFixed(1)} s`);
  }, 600_000);
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

  it('after the pull, tidy removes the blocks the generated part repeats, keeps one that differs, and the guard accepts it', async () => {
    const id = draft.incidentId as string;
    // The maintainers' regeneration, as the analyst pulls it.
    git(api.clone.path, 'commit', '--quiet', '--all', '-m', 'Regenerate (the maintainers)');
    const regenerated = new Map(CONTRIBUTION_TECHNIQUES.map((t) => [t, read(pagePath(t))]));
    // One block edited since: its row no longer matches the generated one.
    const before = splitAtEditLine(regenerated.get('T0150.005') as string);
    const edited = before.generated + before.line + before.notes.replace('Accounts were compromised (T0150.005', 'Accounts were compromised, edited (T0150.005');
    expect(edited).not.toBe(regenerated.get('T0150.005'));
    writeFileSync(join(api.clone.path, pagePath('T0150.005')), edited);

    const lint = await cli('lint', '--repo', api.clone.path, '--json', ...CONTRIBUTION_TECHNIQUES.map((t) => join(api.clone.path, pagePath(t))));
    const warned = (JSON.parse(lint.out) as { file: string; code: string }[]).filter((f) => f.code === 'redundant-block');
    expect(warned).toHaveLength(4);
    const warnedByCheck = await cli('check', '--repo', api.clone.path);
    expect(warnedByCheck.err.match(/warning: redundant-block/g)).toHaveLength(4);

    const dry = await cli('tidy', '--repo', api.clone.path, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('tidy: would remove 4 redundant blocks from 4 pages.');
    expect(git(api.clone.path, 'status', '--porcelain')).toBe(` M ${pagePath('T0150.005')}\n`);

    const tidy = await cli('tidy', '--repo', api.clone.path);
    expect(tidy.code).toBe(0);
    expect(tidy.out).toContain(`${pagePath('T0150.005')}:`);
    expect(tidy.out).toMatch(/T0150\.005\.md:\d+: I00130: kept: the block's rows differ/);
    for (const technique of CONTRIBUTION_TECHNIQUES) {
      const now = read(pagePath(technique));
      if (technique === 'T0150.005') {
        expect(now, technique).toBe(edited);
        continue;
      }
      const generated = splitAtEditLine(regenerated.get(technique) as string);
      // The generator's page (its generated part and line) plus the analyst's own notes.
      expect(now, technique).toBe(generated.generated + generated.line + (technique === 'T0143.003' ? ANALYST_NOTE : ''));
      expect(blockRowsOf(now, id), technique).toEqual([]);
    }
    expect(read(pagePath(id))).toBe(committed.get(pagePath(id)));
    const check = await cli('check', '--repo', api.clone.path);
    expect(check.code, check.out + check.err).toBe(0);
    expect(check.err).not.toContain('redundant-block');
    expect((await cli('tidy', '--repo', api.clone.path)).out).toContain('tidy: no redundant block.');
  }, 300_000);
});
