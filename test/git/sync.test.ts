/**
 * Working with a team through a bare remote: push (with progress), fetch, ahead/behind, pull by
 * fast-forward or rebase, the conflict case (both analysts' notes on the same page: reported with
 * both versions, nothing lost), a rejected push, and undoing an unpushed commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { GitProgress } from '../../electron/git/core/runner';
import { RepositoryService } from '../../electron/git/repository-service';
import { addBareRemote, cloneHistory, git, type HistoryClone } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes } from './helpers';

const pushes: GitProgress[] = [];
const fetches: GitProgress[] = [];
const repo = new RepositoryService({ progress: { push: (p) => pushes.push(p), fetch: (p) => fetches.push(p) } });
let mine: HistoryClone;
let colleague: string;

/** The colleague commits notes on `path` and pushes them (with plain git, as another machine would). */
function colleaguePushes(path: string, notes: string): void {
  git(colleague, 'pull', '-q', '--ff-only', 'origin', 'main');
  appendNotes(colleague, path, notes);
  git(colleague, 'commit', '-qam', `colleague: ${notes.trim()}`);
  git(colleague, 'push', '-q', 'origin', 'main');
}

async function commitNotes(path: string, notes: string): Promise<string> {
  appendNotes(mine.path, path, notes);
  await repo.stage(mine.path, [path]);
  return (await repo.commit(mine.path, `mine: ${notes.trim()}`)).commit;
}

beforeEach(() => {
  mine = cloneHistory();
  const bare = addBareRemote(mine);
  colleague = join(mine.root, 'colleague');
  git(mine.root, 'clone', '-q', bare, colleague);
  git(colleague, 'config', 'user.name', 'Colleague');
  git(colleague, 'config', 'user.email', 'colleague@example.org');
});
afterEach(() => mine.dispose());

describe('push and pull with a bare remote', () => {
  it('pushes a commit with progress, and counts ahead/behind', async () => {
    expect(await repo.aheadBehind(mine.path)).toEqual({ kind: 'tracking', branch: 'main', upstream: 'origin/main', ahead: 0, behind: 0 });
    const commit = await commitNotes(T0155_007, '\nmy note');
    expect(await repo.aheadBehind(mine.path)).toMatchObject({ ahead: 1, behind: 0 });
    pushes.length = 0;
    expect(await repo.push(mine.path)).toEqual({ kind: 'pushed', remote: 'origin', branch: 'main', upstreamSet: false });
    expect(git(join(mine.root, 'remote.git'), 'rev-parse', 'main').trim()).toBe(commit);
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.at(-1)).toMatchObject({ percent: 100 });
    expect(await repo.aheadBehind(mine.path)).toMatchObject({ ahead: 0, behind: 0 });

    colleaguePushes('generated_pages/techniques/T0155.md', '\ncolleague note');
    await repo.fetch(mine.path);
    expect(await repo.aheadBehind(mine.path)).toMatchObject({ ahead: 0, behind: 1 });
  });

  it("pulls by fast-forward, with the fetch's progress", async () => {
    colleaguePushes(T0155_007, '\ncolleague note');
    fetches.length = 0;
    const result = await repo.pull(mine.path);
    expect(result.kind).toBe('fast-forwarded');
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches.at(-1)).toMatchObject({ percent: 100 });
    expect(readFileSync(join(mine.path, T0155_007), 'utf8')).toMatch(/colleague note$/);
  });

  it('pushes a new branch and sets its upstream', async () => {
    await repo.createBranch(mine.path, 'analyst/I00130');
    await commitNotes(T0155_007, '\nbranch note');
    expect(await repo.push(mine.path)).toEqual({ kind: 'pushed', remote: 'origin', branch: 'analyst/I00130', upstreamSet: true });
    expect(await repo.aheadBehind(mine.path)).toEqual({ kind: 'tracking', branch: 'analyst/I00130', upstream: 'origin/analyst/I00130', ahead: 0, behind: 0 });
    expect((await repo.branches(mine.path)).find((b) => b.current)).toEqual({ name: 'analyst/I00130', current: true, upstream: 'origin/analyst/I00130' });
  });

  it('counts nothing for a branch without an upstream, or whose upstream was never fetched', async () => {
    await repo.createBranch(mine.path, 'analyst/I00131');
    expect(await repo.aheadBehind(mine.path)).toEqual({ kind: 'no-upstream', branch: 'analyst/I00131' });
    git(mine.path, 'config', 'branch.analyst/I00131.remote', 'origin');
    git(mine.path, 'config', 'branch.analyst/I00131.merge', 'refs/heads/analyst/I00131');
    expect(await repo.aheadBehind(mine.path)).toEqual({ kind: 'no-upstream', branch: 'analyst/I00131' });
  });

  it("refuses a remote the checkout does not have, and one that the analyst's own config rewrites to a transport program", async () => {
    const missing = await refusal(repo.fetch(mine.path, 'nope'));
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringContaining('no remote called nope') });
    // ~/.gitconfig is trusted as a whole, but the address it makes git use is still checked.
    const global = join(mine.root, 'gitconfig');
    writeFileSync(global, `[url "ext::sh -c false% "]\n\tpushInsteadOf = ${mine.root}\n`);
    const before = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = global;
    try {
      expect(await refusal(repo.push(mine.path))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('a transport that runs a program') });
    } finally {
      if (before === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = before;
    }
  });

  it('rebases local commits onto the remote when they touch different pages, then pushes', async () => {
    colleaguePushes('generated_pages/techniques/T0155.md', '\ncolleague note');
    await commitNotes(T0155_007, '\nmy note');
    expect(await repo.pull(mine.path)).toEqual({ kind: 'diverged', ahead: 1, behind: 1 });
    const result = await repo.pull(mine.path, { rebase: true });
    expect(result.kind).toBe('rebased');
    expect(readFileSync(join(mine.path, 'generated_pages/techniques/T0155.md'), 'utf8')).toMatch(/colleague note$/);
    expect(readFileSync(join(mine.path, T0155_007), 'utf8')).toMatch(/my note$/);
    expect((await repo.push(mine.path)).kind).toBe('pushed');
  });

  it('reports a conflict when both changed the notes of the same page, keeps both versions and loses nothing', async () => {
    colleaguePushes(T0155_007, '\nThe colleague wrote this.');
    const myCommit = await commitNotes(T0155_007, '\nI wrote this.');
    const myText = readFileSync(join(mine.path, T0155_007), 'utf8');

    const diverged = await repo.pull(mine.path);
    expect(diverged).toEqual({ kind: 'diverged', ahead: 1, behind: 1 });

    const result = await repo.pull(mine.path, { rebase: true });
    if (result.kind !== 'conflict') throw new Error(`expected a conflict, got ${result.kind}`);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.path).toBe(T0155_007);
    expect(result.files[0]?.local).toMatch(/I wrote this\.$/);
    expect(result.files[0]?.remote).toMatch(/The colleague wrote this\.$/);
    // Nothing moved: my commit is still the branch, my text is on disk, no rebase is left under way.
    expect(result.local).toBe(myCommit);
    expect(git(mine.path, 'rev-parse', 'HEAD').trim()).toBe(myCommit);
    expect(readFileSync(join(mine.path, T0155_007), 'utf8')).toBe(myText);
    expect((await repo.status(mine.path)).operation).toBe('none');
    expect(git(mine.path, 'status', '--porcelain')).toBe('');
    // The colleague's version is kept too, in the remote-tracking branch.
    expect(git(mine.path, 'show', `${result.remote}:${T0155_007}`)).toMatch(/The colleague wrote this\.$/);
    expect(git(mine.path, 'rev-parse', 'origin/main').trim()).toBe(result.remote);
  });

  it('returns a rejected push as a result when the remote has new commits', async () => {
    colleaguePushes('generated_pages/techniques/T0155.md', '\ncolleague note');
    await commitNotes(T0155_007, '\nmy note');
    const result = await repo.push(mine.path);
    expect(result.kind).toBe('rejected');
    if (result.kind === 'rejected') expect(result.message).toMatch(/Pull/);
  });

  it('never pulls over uncommitted changes', async () => {
    colleaguePushes('generated_pages/techniques/T0155.md', '\ncolleague note');
    appendNotes(mine.path, 'generated_pages/techniques/T0155.md', '\nunsaved work');
    const error = await repo.pull(mine.path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('not committed');
    expect(readFileSync(join(mine.path, 'generated_pages/techniques/T0155.md'), 'utf8')).toMatch(/unsaved work$/);
    await expect(repo.switchBranch(mine.path, 'main')).rejects.toThrow(/not committed/);
  });

  it('refuses to fetch from a remote that does not exist', async () => {
    await expect(repo.fetch(mine.path, 'upstream')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('undo the last commit', () => {
  it('moves the branch back and keeps the changes staged, while the commit is not pushed', async () => {
    const before = git(mine.path, 'rev-parse', 'HEAD').trim();
    const commit = await commitNotes(T0155_007, '\nto undo');
    const undone = await repo.undoLastCommit(mine.path);
    expect(undone).toEqual({ undone: commit, subject: 'mine: to undo', head: before });
    expect(git(mine.path, 'rev-parse', 'HEAD').trim()).toBe(before);
    expect((await repo.status(mine.path)).files).toEqual([{ path: T0155_007, staged: 'modified', untracked: false, conflicted: false }]);
    expect(readFileSync(join(mine.path, T0155_007), 'utf8')).toMatch(/to undo$/);
    // The undone commit is still in the object database (and the reflog).
    expect(git(mine.path, 'cat-file', '-t', commit).trim()).toBe('commit');
  });

  it('refuses once the commit is pushed, and for the bundle history itself', async () => {
    await expect(repo.undoLastCommit(mine.path)).rejects.toThrow(/already on origin\//);
    await commitNotes(T0155_007, '\npushed');
    await repo.push(mine.path);
    const head = git(mine.path, 'rev-parse', 'HEAD').trim();
    await expect(repo.undoLastCommit(mine.path)).rejects.toMatchObject({ code: 'conflict' });
    expect(git(mine.path, 'rev-parse', 'HEAD').trim()).toBe(head);
  });
});
