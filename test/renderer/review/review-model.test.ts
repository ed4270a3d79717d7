// The review model against the real back end on a real clone with a bare remote: each changed
// file with its verdict, Commit blocked by a guard violation (with its line) or a validation error,
// repair making the file committable with its notes kept, the commit itself, and undo.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TechniqueInfo } from '../../../shared/api/ops/catalog';
import { EDIT_LINE, splitAtEditLine } from '../../../shared/edit-line';
import { commitBlockers, commitIncluded, describeViolation, loadReview, messageFor } from '../../../renderer/src/features/review/review-model';
import { pageLint } from '../../../renderer/src/lib/validation/page-lint';
import { addBareRemote, git } from '../../helpers/fixtures';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let techniques: TechniqueInfo[];
const notesPage = 'generated_pages/techniques/T0155.007.md';
const brokenPage = 'generated_pages/techniques/T0097.100.md';

beforeAll(async () => {
  backEnd = await startInProcessApi();
  addBareRemote(backEnd.clone);
  techniques = await backEnd.api.call('catalog.techniques', {});
});
afterAll(async () => {
  await backEnd?.dispose();
});

const read = (path: string) => readFileSync(join(backEnd.clone.path, path), 'utf8');
const write = (path: string, text: string) => writeFileSync(join(backEnd.clone.path, path), text);
const lint = () => pageLint(techniques, EDIT_LINE);

describe('review model', () => {
  it('lists each change with its verdict, and blocks Commit on a violation with its line', async () => {
    write(notesPage, `${read(notesPage)}\n\nSeen on WhatsApp (T0155.007: Encrypted Communication Channel).\n`);
    const broken = read(brokenPage).replace(/^(# Technique T0097\.100: .*)$/m, '$1 (edited)');
    write(brokenPage, `${broken}\n\nMy note on personas.\n`);

    const snapshot = await loadReview(backEnd.api, lint());
    expect(snapshot.files.map((f) => [f.path, f.change, f.verdict])).toEqual([
      [brokenPage, 'modified', 'violation'],
      [notesPage, 'modified', 'ok'],
    ]);
    const [violation] = snapshot.files[0]?.violations ?? [];
    expect(violation).toMatchObject({ file: brokenPage, line: 1, rule: 'generated-changed' });
    expect(describeViolation(violation as NonNullable<typeof violation>)).toMatchObject({ title: 'Text above the edit line changed', where: 'line 1' });
    expect(snapshot.files[0]?.repairable).toBe(true);
    expect(snapshot.files[1]?.diff).toContain('+Seen on WhatsApp (T0155.007: Encrypted Communication Channel).');
    expect(snapshot.files[0]?.firstChangedLine).toBe(1);
    expect(snapshot.files[1]?.firstChangedLine).toBe(splitAtEditLine(read(notesPage)).lineNumber);

    const all = new Set(snapshot.files.map((f) => f.path));
    const message = messageFor(snapshot.files);
    expect(message).toBe('Add notes to T0097.100 and T0155.007');
    expect(commitBlockers(snapshot, all, message).join(' ')).toContain(`1 file breaks the edit-line rule: ${brokenPage}`);
    // Leaving the broken file out makes the rest committable.
    expect(commitBlockers(snapshot, new Set([notesPage]), message)).toEqual([]);
    expect(commitBlockers(snapshot, all, ' ')).toContain('Write a commit message.');
  });

  it('blocks Commit on a validation error in the notes', async () => {
    const before = read(notesPage);
    write(notesPage, `${before}Also T0155.099.\n`);
    const snapshot = await loadReview(backEnd.api, lint());
    const file = snapshot.files.find((f) => f.path === notesPage);
    expect(file?.verdict).toBe('error');
    expect(file?.problems.map((p) => p.code)).toEqual(['unknown-id']);
    expect(commitBlockers(snapshot, new Set([notesPage]), 'x').join(' ')).toContain('validation errors');
    write(notesPage, before);
  });

  it('repair restores the generated part, keeps the notes, and the commit goes through', async () => {
    await backEnd.api.call('guard.repair', { path: brokenPage });
    expect(read(brokenPage)).toContain('My note on personas.');
    expect(read(brokenPage)).not.toContain('(edited)');
    const snapshot = await loadReview(backEnd.api, lint());
    expect(snapshot.files.map((f) => [f.path, f.verdict])).toEqual([
      [brokenPage, 'ok'],
      [notesPage, 'ok'],
    ]);
    const all = new Set(snapshot.files.map((f) => f.path));
    const message = messageFor(snapshot.files);
    expect(commitBlockers(snapshot, all, message)).toEqual([]);

    const result = await commitIncluded(backEnd.api, snapshot, all, message);
    expect(git(backEnd.clone.path, 'log', '-1', '--format=%H %s').trim()).toBe(`${result.commit} ${message}`);
    expect(git(backEnd.clone.path, 'status', '--porcelain')).toBe('');
    expect(git(backEnd.clone.path, 'diff', '--name-only', 'HEAD~1', 'HEAD').trim().split('\n').sort()).toEqual([brokenPage, notesPage]);
    const committed = git(backEnd.clone.path, 'show', `HEAD:${brokenPage}`);
    expect(committed.slice(0, splitAtEditLine(committed).notesOffset)).toBe(git(backEnd.clone.path, 'show', `HEAD~1:${brokenPage}`).slice(0, splitAtEditLine(committed).notesOffset));
  });

  it('commits only the included files and leaves the others changed', async () => {
    write(notesPage, `${read(notesPage)}One more.\n`);
    write(brokenPage, `${read(brokenPage)}Another.\n`);
    const snapshot = await loadReview(backEnd.api, lint());
    await commitIncluded(backEnd.api, snapshot, new Set([notesPage]), 'Add notes to T0155.007');
    expect(git(backEnd.clone.path, 'diff', '--name-only', 'HEAD~1', 'HEAD').trim()).toBe(notesPage);
    expect(git(backEnd.clone.path, 'status', '--porcelain').trim()).toBe(`M ${brokenPage}`);
  });

  it('undo of the last unpushed commit keeps its changes in the work tree', async () => {
    const head = git(backEnd.clone.path, 'rev-parse', 'HEAD').trim();
    const text = read(notesPage);
    const undone = await backEnd.api.call('repo.undoLastCommit', {});
    expect(undone.undone).toBe(head);
    expect(read(notesPage)).toBe(text);
    const snapshot = await loadReview(backEnd.api, lint());
    expect(snapshot.files.find((f) => f.path === notesPage)).toMatchObject({ staged: true, change: 'modified' });
  });
});
