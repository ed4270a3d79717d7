/**
 * The "Must show" for the app's side, on a real clone of the history bundle: notes below
 * the line pass and commit; one character above is refused at its line and repaired; index pages,
 * deletes and renames are refused with their own codes; a well-formed new incident commits.
 */
import { appendFileSync, chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import { RepositoryService } from '../../electron/git/repository-service';
import { DISARM_DIR, git } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes, changeCharOnLine, cloneForFile, resetToOrigin } from './helpers';

const clone = cloneForFile();
const repo = new RepositoryService();

beforeEach(() => resetToOrigin(clone.path));

describe('the guard on a real checkout', () => {
  it('passes notes appended below the line of T0155.007, and the guarded commit succeeds', async () => {
    appendNotes(clone.path, T0155_007, '\n\nAnalyst note: seen again in 2025 on a gated Telegram channel.\n');
    expect(await repo.check(clone.path)).toEqual([]);
    await repo.stage(clone.path, [T0155_007]);
    expect(await repo.check(clone.path, 'staged')).toEqual([]);
    const before = git(clone.path, 'rev-parse', 'HEAD').trim();
    const result = await repo.commit(clone.path, 'Notes on T0155.007');
    expect(result.commit).not.toBe(before);
    expect(git(clone.path, 'rev-parse', 'HEAD~1').trim()).toBe(before);
    expect(git(clone.path, 'show', '--format=', '--name-only', 'HEAD').trim()).toBe(T0155_007);
  });

  it('refuses one character changed above the line: the check names file and line, the commit is refused, repair restores it keeping the notes', async () => {
    const original = readFileSync(join(clone.path, T0155_007), 'utf8');
    changeCharOnLine(clone.path, T0155_007, 3);
    appendNotes(clone.path, T0155_007, '\nMy notes, which must survive the repair.\n');
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: T0155_007, line: 3, rule: 'generated-changed' })]);

    await repo.stage(clone.path, [T0155_007]);
    const head = git(clone.path, 'rev-parse', 'HEAD').trim();
    const error = await refusal(repo.commit(clone.path, 'Sneaky edit'));
    expect(error.code).toBe('guard-violation');
    expect(error.message).toContain(`${T0155_007}:3`);
    expect(error.details).toMatchObject({ violations: [{ file: T0155_007, line: 3, rule: 'generated-changed' }] });
    expect(git(clone.path, 'rev-parse', 'HEAD').trim()).toBe(head);

    const outcome = await repo.repair(clone.path, T0155_007);
    expect(outcome).toEqual({ path: T0155_007, workTree: 'repaired', index: 'repaired', notesFrom: 'below-line' });
    expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toBe(original + '\nMy notes, which must survive the repair.\n');
    expect(git(clone.path, 'show', `:${T0155_007}`)).toBe(original + '\nMy notes, which must survive the repair.\n');
    expect(await repo.check(clone.path)).toEqual([]);
    await repo.commit(clone.path, 'Notes after repair');
  });

  it('repairs the index and the work tree each with its own notes (an unstaged edit is not staged by the repair)', async () => {
    changeCharOnLine(clone.path, T0155_007, 1);
    appendNotes(clone.path, T0155_007, '\nstaged note');
    await repo.stage(clone.path, [T0155_007]);
    appendNotes(clone.path, T0155_007, '\nunstaged note');
    await repo.repair(clone.path, T0155_007);
    expect(git(clone.path, 'show', `:${T0155_007}`)).toMatch(/staged note$/);
    expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toMatch(/staged note\nunstaged note$/);
    expect(await repo.check(clone.path)).toEqual([]);
  });

  it('refuses an edit of generated_pages/techniques_index.md as read-only-page', async () => {
    const index = join(clone.path, 'generated_pages/techniques_index.md');
    writeFileSync(index, readFileSync(index, 'utf8') + '\n<!-- my note -->\n');
    const violations = await repo.check(clone.path);
    expect(violations).toEqual([expect.objectContaining({ file: 'generated_pages/techniques_index.md', rule: 'read-only-page' })]);
    expect(violations[0]?.line).toBeGreaterThan(1);
    await repo.stage(clone.path, ['generated_pages/techniques_index.md']);
    expect((await refusal(repo.commit(clone.path, 'index edit'))).details).toMatchObject({ violations: [{ rule: 'read-only-page' }] });
  });

  it('refuses deleting a page as page-deleted', async () => {
    rmSync(join(clone.path, T0155_007));
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: T0155_007, rule: 'page-deleted' })]);
    await repo.stage(clone.path, [T0155_007]);
    expect((await refusal(repo.commit(clone.path, 'delete'))).details).toMatchObject({ violations: [{ rule: 'page-deleted' }] });
  });

  it('repairs a deleted page by restoring it, in the work tree and in the index', async () => {
    const original = readFileSync(join(clone.path, T0155_007), 'utf8');
    git(clone.path, 'rm', '-q', T0155_007);
    expect(await repo.check(clone.path, 'staged')).toEqual([expect.objectContaining({ rule: 'page-deleted' })]);
    expect(await repo.repair(clone.path, T0155_007)).toEqual({ path: T0155_007, workTree: 'restored', index: 'restored', notesFrom: 'none' });
    expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toBe(original);
    expect(git(clone.path, 'status', '--porcelain')).toBe('');
  });

  it('refuses to repair a path the last commit holds no file at (a folder, a new page) as not found', async () => {
    writeFileSync(join(clone.path, 'generated_pages/incidents/I00130.md'), `# Incident I00130: x\n\n${EDIT_LINE}\n`);
    for (const path of ['generated_pages/techniques', 'generated_pages/incidents/I00130.md']) expect((await refusal(repo.repair(clone.path, path))).code, path).toBe('not-found');
  });

  it('refuses renaming a page as page-renamed', async () => {
    const renamed = 'generated_pages/techniques/T0155.099.md';
    renameSync(join(clone.path, T0155_007), join(clone.path, renamed));
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: renamed, rule: 'page-renamed' })]);
    git(clone.path, 'add', '-A');
    expect((await refusal(repo.commit(clone.path, 'rename'))).details).toMatchObject({ violations: [{ rule: 'page-renamed' }] });
  });

  it('commits a well-formed new incident page with a free id, and refuses one in an old format or with a taken id', async () => {
    const page = readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8').replace('# Incident I00068:', '# Incident I00130:');
    const path = 'generated_pages/incidents/I00130.md';
    writeFileSync(join(clone.path, path), page + '\n\nNotes on the new incident.\n');
    expect(await repo.check(clone.path)).toEqual([]);
    await repo.stage(clone.path, [path]);
    await repo.commit(clone.path, 'Add incident I00130');

    const legacy = page.replace(/\| Reference \|[\s\S]*?\n \n\n/, '').replace(/I00130/g, 'I00131');
    writeFileSync(join(clone.path, 'generated_pages/incidents/I00131.md'), legacy);
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ rule: 'new-page-not-canonical' })]);
    rmSync(join(clone.path, 'generated_pages/incidents/I00131.md'));

    // I00129 exists in the index page of incidents; a page added under that id is taken.
    git(clone.path, 'rm', '-q', '--cached', 'generated_pages/incidents/I00129.md');
    git(clone.path, 'commit', '-qm', 'forget the page of I00129 (test setup)');
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: 'generated_pages/incidents/I00129.md', rule: 'id-taken' })]);
  });

  it('refuses a new technique page and a stray file in generated_pages as file-added', async () => {
    writeFileSync(join(clone.path, 'generated_pages/techniques/T9999.md'), `# Technique T9999: x\n\n${EDIT_LINE}`);
    writeFileSync(join(clone.path, 'generated_pages/scratch.txt'), 'x');
    const rules = (await repo.check(clone.path)).map((v) => [v.file, v.rule]);
    expect(rules).toEqual(expect.arrayContaining([['generated_pages/techniques/T9999.md', 'file-added'], ['generated_pages/scratch.txt', 'file-added']]));
  });

  it('leaves changes outside the generated folders alone', async () => {
    writeFileSync(join(clone.path, 'README-notes.md'), 'anything');
    appendNotes(clone.path, 'LICENSE.md', '\nextra');
    expect(await repo.check(clone.path)).toEqual([]);
  });
});

/**
 * Issue 11: what the guard let through, on the real checkout. Each case is judged in the work
 * tree, staged, by the app's commit and over a range (a commit made past the guard), the way the
 * issue reproduced it.
 */
describe('the guard on a real checkout: mode, the end of the edit line, text (issue 11)', () => {
  const T0002 = 'generated_pages/techniques/T0002.md';

  /** The rule every way the guard runs reports for the change in the work tree (staged with `git add -A`). */
  async function rulesEverywhere(file: string): Promise<{ worktree: string[]; staged: string[]; commit: unknown; range: string[] }> {
    const worktree = (await repo.check(clone.path)).filter((v) => v.file === file).map((v) => v.rule);
    git(clone.path, 'add', '-A');
    const staged = (await repo.check(clone.path, 'staged')).filter((v) => v.file === file).map((v) => v.rule);
    const head = git(clone.path, 'rev-parse', 'HEAD').trim();
    const commit = (await refusal(repo.commit(clone.path, 'issue 11'))).details;
    expect(git(clone.path, 'rev-parse', 'HEAD').trim()).toBe(head);
    // Past the guard (git itself, no hook here), then the range check CI runs over a pull request.
    git(clone.path, 'commit', '-q', '--no-verify', '-m', 'past the guard');
    const [report] = await repo.checkRange(clone.path, 'origin/main..HEAD');
    return { worktree, staged, commit, range: (report?.violations ?? []).filter((v) => v.file === file).map((v) => v.rule) };
  }

  it('refuses chmod +x of a page (the text unchanged) as mode-changed, in the work tree, staged, at commit and in a range', async () => {
    chmodSync(join(clone.path, T0002), 0o755);
    const found = await rulesEverywhere(T0002);
    expect(found).toEqual({ worktree: ['mode-changed'], staged: ['mode-changed'], commit: { violations: [expect.objectContaining({ file: T0002, rule: 'mode-changed' })] }, range: ['mode-changed'] });
  });

  it('repairs a page made executable: the committed mode back in the work tree and in the index, the notes kept', async () => {
    appendNotes(clone.path, T0002, '\nA note.');
    chmodSync(join(clone.path, T0002), 0o755);
    git(clone.path, 'add', T0002);
    expect(await repo.repair(clone.path, T0002)).toEqual({ path: T0002, workTree: 'repaired', index: 'repaired', notesFrom: 'below-line' });
    expect(await repo.check(clone.path)).toEqual([]);
    expect(await repo.check(clone.path, 'staged')).toEqual([]);
    expect(git(clone.path, 'ls-files', '-s', '--', T0002)).toMatch(/^100644 /);
    expect(git(clone.path, 'show', `:${T0002}`)).toMatch(/\nA note\.$/);
    await repo.commit(clone.path, 'A note on T0002');
  });

  it('refuses text printed after the edit line (the page ends with it) as edit-line-extended, and repair moves it onto a line of its own', async () => {
    const original = readFileSync(join(clone.path, T0002), 'utf8');
    expect(original.endsWith(EDIT_LINE)).toBe(true);
    const line = original.split('\n').length;
    appendFileSync(join(clone.path, T0002), ' X'); // printf ' X' >> page
    const violations = await repo.check(clone.path);
    expect(violations).toEqual([expect.objectContaining({ file: T0002, line, rule: 'edit-line-extended' })]);
    git(clone.path, 'add', T0002);
    expect(await repo.check(clone.path, 'staged')).toEqual([expect.objectContaining({ file: T0002, line, rule: 'edit-line-extended' })]);
    expect(await repo.repair(clone.path, T0002)).toEqual({ path: T0002, workTree: 'repaired', index: 'repaired', notesFrom: 'below-line' });
    expect(readFileSync(join(clone.path, T0002), 'utf8')).toBe(`${original}\n X`);
    expect(await repo.check(clone.path)).toEqual([]);
    expect(await repo.check(clone.path, 'staged')).toEqual([]);
    await repo.commit(clone.path, 'A note on T0002');
  });

  it('refuses the extended edit line at commit and in a range too', async () => {
    appendFileSync(join(clone.path, T0002), ' X');
    const found = await rulesEverywhere(T0002);
    expect(found).toEqual({ worktree: ['edit-line-extended'], staged: ['edit-line-extended'], commit: { violations: [expect.objectContaining({ rule: 'edit-line-extended' })] }, range: ['edit-line-extended'] });
  });

  it('refuses a NUL written below the line (git calls the page binary) as not-text, at its line', async () => {
    const lines = readFileSync(join(clone.path, T0002), 'utf8').split('\n').length;
    appendNotes(clone.path, T0002, '\n\nA note\u0000 with a NUL.\n');
    expect(git(clone.path, 'diff', '--', T0002)).toContain('Binary files');
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: T0002, line: lines + 2, rule: 'not-text' })]);
    const found = await rulesEverywhere(T0002);
    expect(found).toEqual({ worktree: ['not-text'], staged: ['not-text'], commit: { violations: [expect.objectContaining({ rule: 'not-text' })] }, range: ['not-text'] });
  });

  it('refuses an escape character below the line as not-text, and still passes tabs and line breaks', async () => {
    appendNotes(clone.path, T0002, '\n\tA note with a tab.\r\nAnd a CRLF.\n');
    expect(await repo.check(clone.path)).toEqual([]);
    appendNotes(clone.path, T0002, 'An \u001b[31m escape.\n');
    expect((await repo.check(clone.path)).map((v) => v.rule)).toEqual(['not-text']);
  });
});
