/**
 * Branches: list, create, switch. Switching never happens over uncommitted edits: the workbench
 * refuses while any tracked file has changes (git itself would carry some over and refuse others;
 * the analyst should not have to know which).
 */
import { ApiError } from '../../shared/api/errors';
import { assertNoOperationInProgress, repositoryState } from './core/repository-state';
import { runGit, runGitText } from './core/runner';
import { validBranchName } from './core/validate';
import { changedFiles } from './status';

/** A local branch. */
export interface BranchInfo {
  readonly name: string;
  readonly current: boolean;
  /** Its upstream (`origin/main`), if it tracks one. */
  readonly upstream?: string;
}

/** The local branches. */
export async function listBranches(checkout: string): Promise<BranchInfo[]> {
  const [out, { head }] = await Promise.all([runGitText(checkout, ['for-each-ref', '--format=%(refname:short)%00%(upstream:short)%00%(HEAD)', 'refs/heads']), repositoryState(checkout)]);
  const branches: BranchInfo[] = out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', upstream = '', current = ''] = line.split('\0');
      return { name, current: current === '*', ...(upstream ? { upstream } : {}) };
    });
  if (head.kind === 'unborn' && !branches.some((b) => b.name === head.name)) branches.push({ name: head.name, current: true });
  return branches;
}

/** Creates `name` at HEAD; switches to it when asked. */
export async function createBranch(checkout: string, name: string, options: { switchTo?: boolean } = {}): Promise<void> {
  const branch = validBranchName(name);
  const existing = await runGit(checkout, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { expectedExitCodes: [0, 1] });
  if (existing.exitCode === 0) throw new ApiError('conflict', `A branch called ${branch} already exists; choose another name or switch to it.`);
  const { head } = await repositoryState(checkout);
  if (head.kind === 'unborn') {
    // Nothing is committed yet: the new branch is just HEAD's new name.
    await runGit(checkout, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    return;
  }
  await runGit(checkout, ['branch', '--', branch]);
  // The new branch is at HEAD, so switching to it changes no file: only HEAD moves, and any
  // uncommitted work simply stays (this also rescues a detached HEAD).
  if (options.switchTo) await runGit(checkout, ['symbolic-ref', '-m', `disarm-workbench: switch to new branch ${branch}`, 'HEAD', `refs/heads/${branch}`]);
}

/** Switches to the existing branch `name`; refuses over uncommitted changes. */
export async function switchBranch(checkout: string, name: string): Promise<void> {
  const branch = validBranchName(name);
  assertNoOperationInProgress((await repositoryState(checkout)).gitDir, `Switching to ${branch}`);
  const existing = await runGit(checkout, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { expectedExitCodes: [0, 1] });
  if (existing.exitCode !== 0) throw new ApiError('not-found', `There is no branch called ${branch}.`);
  await assertNoUncommittedChanges(checkout, `Switching to ${branch}`);
  await runGit(checkout, ['switch', '--quiet', '--no-guess', branch]);
}

/** Refuses when a tracked file has staged or unstaged changes (untracked files are left alone by git). */
export async function assertNoUncommittedChanges(checkout: string, what: string): Promise<void> {
  // The files alone: the callers (switch, pull) have read where HEAD is already.
  const changed = (await changedFiles(checkout)).files.filter((f) => !f.untracked);
  if (changed.length === 0) return;
  const list = changed.slice(0, 5).map((f) => f.path).join(', ');
  throw new ApiError('conflict', `${what}: you have changes that are not committed (${list}${changed.length > 5 ? ', ...' : ''}). Commit them first; the workbench never switches or pulls over uncommitted work.`, {
    files: changed.map((f) => f.path),
  });
}
