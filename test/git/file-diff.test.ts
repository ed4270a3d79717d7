/**
 * One file's change for the review screen (repo.fileDiff), on a real clone: the committed and the
 * new text with git's unified diff, for the work tree and for the index; a new untracked file
 * against nothing; a deleted file; a new file staged on a branch with no commit yet; and a path
 * that names no file (missing, or a folder) refused as not found.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RepositoryService } from '../../electron/git/repository-service';
import { DISARM_DIR, git, tempDir } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes, cloneForFile, resetToOrigin } from './helpers';

const clone = cloneForFile();
const repo = new RepositoryService();

beforeEach(() => resetToOrigin(clone.path));

describe('the diff of one file', () => {
  it('shows the work tree against HEAD, and the index against HEAD, each with its own text', async () => {
    const committed = readFileSync(join(clone.path, T0155_007), 'utf8');
    appendNotes(clone.path, T0155_007, '\nstaged note');
    git(clone.path, 'add', T0155_007);
    appendNotes(clone.path, T0155_007, '\nunstaged note');

    const worktree = await repo.fileDiff(clone.path, T0155_007);
    expect(worktree).toMatchObject({ path: T0155_007, oldText: committed, newText: `${committed}\nstaged note\nunstaged note`, encoding: 'utf8' });
    expect(worktree.diff).toContain('+staged note');
    expect(worktree.diff).toContain('+unstaged note');

    const staged = await repo.fileDiff(clone.path, T0155_007, 'staged');
    expect(staged).toMatchObject({ oldText: committed, newText: `${committed}\nstaged note` });
    expect(staged.diff).toContain('+staged note');
    expect(staged.diff).not.toContain('unstaged note');
  });

  it('shows a new untracked file against nothing, and a deleted page without a new text', async () => {
    writeFileSync(join(clone.path, 'generated_pages/scratch.txt'), 'a new line\n');
    const added = await repo.fileDiff(clone.path, 'generated_pages/scratch.txt');
    expect(added.oldText).toBeUndefined();
    expect(added.newText).toBe('a new line\n');
    expect(added.diff).toContain('+a new line');

    rmSync(join(clone.path, T0155_007));
    const deleted = await repo.fileDiff(clone.path, T0155_007);
    expect(deleted.newText).toBeUndefined();
    expect(deleted.oldText).toContain('DO NOT EDIT ABOVE THIS LINE');
    expect(deleted.diff).toContain('deleted file');
  });

  it('refuses a path that names no file (missing everywhere, or a folder) as not found', async () => {
    for (const path of ['generated_pages/techniques/T9999.md', 'generated_pages/techniques']) {
      for (const side of ['worktree', 'staged'] as const) {
        const error = await refusal(repo.fileDiff(clone.path, path, side));
        expect(error.code, `${path} (${side})`).toBe('not-found');
      }
    }
  });

  it('shows a file staged on a branch with no commit yet', async () => {
    const fresh = tempDir('disarm-diff-unborn-');
    try {
      const path = join(fresh.path, 'checkout');
      mkdirSync(join(path, 'generated_pages', 'incidents'), { recursive: true });
      git(fresh.path, 'init', '-q', '-b', 'main', path);
      const incident = readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8');
      writeFileSync(join(path, 'generated_pages/incidents/I00068.md'), incident);
      git(path, 'add', '.');
      for (const side of ['worktree', 'staged'] as const) {
        const diff = await repo.fileDiff(path, 'generated_pages/incidents/I00068.md', side);
        expect(diff.oldText, side).toBeUndefined();
        expect(diff.newText, side).toBe(incident);
        expect(diff.diff, side).toContain('new file');
      }
    } finally {
      fresh.dispose();
    }
  });
});
