/**
 * The "Must show" for the app's side, on a real clone of the history bundle: notes below
 * the line pass and commit; one character above is refused at its line and repaired; index pages,
 * deletes and renames are refused with their own codes; a well-formed new incident commits.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
