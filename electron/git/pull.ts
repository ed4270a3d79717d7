/**
 * Pulling: fetch, then fast-forward (or, on request, rebase the analyst's commits onto the
 * remote's). Nothing is ever lost:
 * - a pull never starts over uncommitted changes (they are the analyst's unsaved work);
 * - when the branches have diverged and no rebase was asked for, nothing moves;
 * - when a rebase meets a conflict, both versions of each conflicted file are read and the rebase
 *   is aborted, which puts the branch back exactly where it was: the local commits stay on the
 *   branch, the remote's in the remote-tracking branch, and the analyst sees both texts.
 */
import { ApiError } from '../../shared/api/errors';
import { GitFailure, explained, toApiError } from './core/errors';
import { assertNoIndexLock, assertNoOperationInProgress, operationInProgress, repositoryState } from './core/repository-state';
import { runGit, runGitText, type GitProgress } from './core/runner';
import type { ConfigEntry } from './core/local-config';
import { validAuthor, type AuthorIdentity } from './core/validate';
import { decodeForDisplay } from './core/decode';
import { readObjects } from './core/trees';
import { assertNoUncommittedChanges } from './branches';
import { identityFrom } from './commit';
import { fetchRemote } from './fetch';
import { upstreamOf } from './remotes';

/** Both sides of a file the rebase could not combine. */
export interface ConflictedFile {
  readonly path: string;
  /** The analyst's version (from the local commit), absent when it deleted the file. */
  readonly local?: string;
  /** The remote's version, absent when the remote deleted the file. */
  readonly remote?: string;
}

/** What a pull did. */
export type PullResult =
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'fast-forwarded'; readonly from: string; readonly to: string }
  | { readonly kind: 'rebased'; readonly from: string; readonly to: string }
  | { readonly kind: 'diverged'; readonly ahead: number; readonly behind: number }
  | { readonly kind: 'conflict'; readonly files: ConflictedFile[]; readonly local: string; readonly remote: string };

/** How to pull. */
export interface PullRequest {
  readonly rebase?: boolean;
  /** Used for the rebased commits' committer when git has no identity configured. */
  readonly fallbackAuthor?: AuthorIdentity;
  /** The checkout's settings (readConfig): judged for the network, and the committer's identity. */
  readonly config: readonly ConfigEntry[];
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Progress of the fetch that starts the pull. */
  readonly onProgress?: (progress: GitProgress) => void;
}

/** Pulls the current branch's upstream. */
export async function pull(checkout: string, request: PullRequest): Promise<PullResult> {
  const { gitDir, head } = await repositoryState(checkout, request.baseEnv);
  if (head.kind !== 'branch') {
    throw new ApiError('conflict', head.kind === 'detached' ? 'HEAD is detached (not on a branch); switch to a branch to pull.' : 'Nothing is committed on this branch yet; there is nothing to pull into.');
  }
  assertNoOperationInProgress(gitDir, 'Pulling');
  assertNoIndexLock(gitDir, 'Pulling');
  await assertNoUncommittedChanges(checkout, 'Pulling');
  const upstream = await upstreamOf(checkout, head.name);
  if (!upstream) throw new ApiError('conflict', `The branch ${head.name} does not track a remote branch yet; push it first (which sets its upstream).`);
  await fetchRemote(checkout, { remote: upstream.remote, config: request.config, ...(request.baseEnv ? { baseEnv: request.baseEnv } : {}), ...(request.onProgress ? { onProgress: request.onProgress } : {}) });
  const remoteRef = `refs/remotes/${upstream.ref}`;
  const counts = (await runGitText(checkout, ['rev-list', '--left-right', '--count', `HEAD...${remoteRef}`])).trim().split(/\s+/).map(Number);
  const [ahead = 0, behind = 0] = counts;
  if (behind === 0) return { kind: 'up-to-date' };
  const from = head.oid;
  const env = request.baseEnv ? { baseEnv: request.baseEnv } : {};
  if (ahead === 0) {
    await explained('Fast-forwarding', () => runGit(checkout, ['merge', '--ff-only', '--quiet', '--end-of-options', remoteRef], env));
    return { kind: 'fast-forwarded', from, to: await revParse(checkout, 'HEAD') };
  }
  if (!request.rebase) return { kind: 'diverged', ahead, behind };
  const identity = rebaseIdentity(request);
  try {
    await runGit(checkout, ['rebase', '--quiet', '--no-autostash', '--end-of-options', remoteRef], { ...env, env: identity });
  } catch (error) {
    if (!(error instanceof GitFailure)) throw error;
    if (operationInProgress(gitDir) !== 'rebase') throw toApiError(error, 'Rebasing');
    const files = await conflictedFiles(checkout);
    await runGit(checkout, ['rebase', '--abort'], env);
    if (files.length === 0) throw toApiError(error, 'Rebasing (undone, nothing changed)');
    return { kind: 'conflict', files, local: from, remote: await revParse(checkout, remoteRef) };
  }
  return { kind: 'rebased', from, to: await revParse(checkout, 'HEAD') };
}

function rebaseIdentity(request: PullRequest): Record<string, string> {
  if (identityFrom(request.config, request.baseEnv)) return {};
  if (!request.fallbackAuthor) {
    throw new ApiError('bad-request', 'A rebase re-creates your commits, which needs your name and email: set them in Settings (or `git config --global user.name` / `user.email`), then pull again.');
  }
  const author = validAuthor(request.fallbackAuthor);
  return { GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
}

/** During a stopped rebase, stage 2 is the branch being rebased onto (the remote), stage 3 the analyst's commit. */
async function conflictedFiles(checkout: string): Promise<ConflictedFile[]> {
  const out = await runGitText(checkout, ['ls-files', '-u', '-z']);
  const stages = new Map<string, Map<number, string>>();
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, oid = '', stage = '0'] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (!stages.has(path)) stages.set(path, new Map());
    stages.get(path)?.set(Number(stage), oid);
  }
  // Both versions of every conflicted file through one cat-file.
  const blobs = await readObjects(checkout, [...stages.values()].flatMap((byStage) => [byStage.get(2), byStage.get(3)].filter((oid) => oid !== undefined)));
  const text = (oid: string | undefined) => {
    const blob = oid === undefined ? undefined : blobs.get(oid);
    return blob === undefined ? undefined : decodeForDisplay(blob.bytes).text;
  };
  return [...stages].map(([path, byStage]) => {
    const local = text(byStage.get(3));
    const remote = text(byStage.get(2));
    return { path, ...(local !== undefined ? { local } : {}), ...(remote !== undefined ? { remote } : {}) };
  });
}

async function revParse(checkout: string, revision: string): Promise<string> {
  return (await runGitText(checkout, ['rev-parse', '--verify', '--end-of-options', revision])).trim();
}
