/**
 * Where a checkout stands: which branch HEAD is on (or that it is detached or unborn), whether a
 * merge or rebase is under way, whether a git process holds the index lock. Operations ask before
 * they write, so that a refusal comes with a reason instead of half-done work.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { runPlumbing } from './plumbing';
import { runGit } from './runner';

/** What HEAD is. */
export type HeadState =
  | { readonly kind: 'branch'; readonly name: string; readonly oid: string }
  | { readonly kind: 'detached'; readonly oid: string }
  | { readonly kind: 'unborn'; readonly name: string };

/** A multi-step git operation left under way in the checkout. */
export type OperationInProgress = 'none' | 'merge' | 'rebase' | 'cherry-pick' | 'revert';

/** Where the checkout's git data is and what HEAD is, read together. */
export interface RepositoryState {
  /** The checkout's git folder (absolute); for a linked worktree, its own git folder. */
  readonly gitDir: string;
  /** `sha1` or `sha256`. */
  readonly objectFormat: string;
  readonly head: HeadState;
}

/**
 * The git folder, the object format and HEAD in one process (an operation asks once, not once per
 * step). On an unborn branch HEAD names no commit and that call fails: unbornState then reads them.
 */
export async function repositoryState(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<RepositoryState> {
  return (await readState(checkout, [], baseEnv))?.state ?? (await unbornState(checkout, baseEnv));
}

/**
 * The state of a checkout whose HEAD names no commit (the one-process reading failed): the
 * folders from one rev-parse and HEAD's branch from symbolic-ref, the two at once.
 */
export async function unbornState(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<RepositoryState> {
  const env = baseEnv ? { baseEnv } : {};
  const [folders, symbolic] = await Promise.all([
    runPlumbing(checkout, ['rev-parse', '--absolute-git-dir', '--show-object-format'], env),
    runGit(checkout, ['symbolic-ref', '-q', 'HEAD'], { expectedExitCodes: [0, 1], ...env }),
  ]);
  const [gitDir = '', objectFormat = ''] = folders.stdout.toString('utf8').split('\n');
  // Not on a branch either: a detached HEAD that names no commit (a damaged checkout).
  const head: HeadState = symbolic.exitCode === 0 ? { kind: 'unborn', name: symbolic.stdout.toString('utf8').trim().replace(/^refs\/heads\//, '') } : { kind: 'detached', oid: '' };
  return { gitDir, objectFormat, head };
}

/**
 * repositoryState and the top of the work tree, from one process; undefined when that call fails
 * (not a repository, or an unborn branch): the caller then asks step by step.
 */
export async function workTreeState(folder: string, baseEnv?: NodeJS.ProcessEnv): Promise<{ topLevel: string; state: RepositoryState } | undefined> {
  const read = await readState(folder, ['--show-toplevel'], baseEnv);
  return read && read.before[0] ? { topLevel: read.before[0], state: read.state } : undefined;
}

async function readState(checkout: string, before: readonly string[], baseEnv?: NodeJS.ProcessEnv): Promise<{ before: string[]; state: RepositoryState } | undefined> {
  // `--` ends the revisions, so a file named HEAD in the work tree is never taken for one.
  const out = await runPlumbing(checkout, ['rev-parse', ...before, '--absolute-git-dir', '--show-object-format', 'HEAD', '--symbolic-full-name', 'HEAD', '--'], { expectedExitCodes: [0, 128], ...(baseEnv ? { baseEnv } : {}) });
  const lines = out.stdout.toString('utf8').split('\n');
  const [gitDir = '', objectFormat = '', oid = '', symbolic = ''] = lines.slice(before.length);
  if (out.exitCode !== 0 || !gitDir || !objectFormat || !/^[0-9a-f]+$/.test(oid) || !symbolic) return undefined;
  const head: HeadState = symbolic === 'HEAD' ? { kind: 'detached', oid } : { kind: 'branch', name: symbolic.replace(/^refs\/heads\//, ''), oid };
  return { before: lines.slice(0, before.length), state: { gitDir, objectFormat, head } };
}

/** Which operation is under way, from the files git leaves in its folder. */
export function operationInProgress(gitDir: string): OperationInProgress {
  if (existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply'))) return 'rebase';
  if (existsSync(join(gitDir, 'MERGE_HEAD'))) return 'merge';
  if (existsSync(join(gitDir, 'CHERRY_PICK_HEAD'))) return 'cherry-pick';
  if (existsSync(join(gitDir, 'REVERT_HEAD'))) return 'revert';
  return 'none';
}

/** Refuses while a merge, rebase, cherry-pick or revert is under way; says how to finish it. */
export function assertNoOperationInProgress(gitDir: string, what: string): void {
  const operation = operationInProgress(gitDir);
  if (operation === 'none') return;
  throw new ApiError(
    'conflict',
    `${what}: a ${operation} is under way in this checkout. Finish it (\`git ${operation} --continue\`) or abandon it (\`git ${operation} --abort\`) in a terminal first; the workbench does not touch a checkout in that state.`,
    { operation },
  );
}

/**
 * Refuses when `.git/index.lock` exists: a git program is running, or one crashed and left it.
 * The workbench never deletes the lock: only the analyst can know no git program is running.
 */
export function assertNoIndexLock(gitDir: string, what: string): void {
  const lock = join(gitDir, 'index.lock');
  if (!existsSync(lock)) return;
  throw new ApiError(
    'busy',
    `${what}: another git program is working in this checkout, or one crashed and left its lock file behind (${lock}). ` +
      'Wait for it to finish and try again. If no git program is running (close other git tools and terminals), delete that file yourself and try again; the workbench never deletes it for you.',
    { lockFile: lock },
  );
}
