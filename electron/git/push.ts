/**
 * Pushing the current branch to a remote, with progress. The first push of a branch sets its
 * upstream. A push the remote rejects (it has commits the analyst does not) is a result, not a
 * crash: the analyst pulls, then pushes again. Hooks do not run (pre-push included): the checkout
 * may have been prepared by someone else, and a push must run nothing but git.
 */
import { ApiError } from '../../shared/api/errors';
import { GitFailure, toApiError } from './core/errors';
import { assertSafeConfig, type ConfigEntry } from './core/local-config';
import { repositoryState } from './core/repository-state';
import { runGit, type GitProgress } from './core/runner';
import { validBranchName } from './core/validate';
import { assertRemote, upstreamOf } from './remotes';

/** What a push did. */
export type PushResult =
  | { readonly kind: 'pushed'; readonly remote: string; readonly branch: string; readonly upstreamSet: boolean }
  | { readonly kind: 'rejected'; readonly remote: string; readonly branch: string; readonly message: string };

/** Where and how to push. */
export interface PushRequest {
  /** Defaults to the branch's upstream remote, or `origin`. */
  readonly remote?: string;
  readonly onProgress?: (progress: GitProgress) => void;
  /** The checkout's settings (readConfig), judged for the network here. */
  readonly config: readonly ConfigEntry[];
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/** Pushes the current branch. */
export async function push(checkout: string, request: PushRequest): Promise<PushResult> {
  const { head } = await repositoryState(checkout, request.baseEnv);
  if (head.kind !== 'branch') throw new ApiError('conflict', head.kind === 'detached' ? 'HEAD is detached (not on a branch); create a branch to push.' : 'Nothing is committed on this branch yet; there is nothing to push.');
  const branch = validBranchName(head.name);
  const upstream = await upstreamOf(checkout, branch);
  assertSafeConfig(request.config, 'network');
  const remote = await assertRemote(checkout, request.remote ?? upstream?.remote ?? 'origin');
  const target = upstream && upstream.remote === remote ? upstream.branch : branch;
  const setUpstream = !upstream;
  try {
    await runGit(checkout, ['push', '--progress', '--no-recurse-submodules', ...(setUpstream ? ['--set-upstream'] : []), '--end-of-options', remote, `refs/heads/${branch}:refs/heads/${validBranchName(target)}`], {
      stallTimeoutMs: 120_000,
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.baseEnv ? { baseEnv: request.baseEnv } : {}),
    });
  } catch (error) {
    if (error instanceof GitFailure && error.kind === 'push-rejected') {
      return { kind: 'rejected', remote, branch, message: toApiError(error).message };
    }
    if (error instanceof GitFailure) throw toApiError(error, `Pushing to ${remote}`);
    throw error;
  }
  return { kind: 'pushed', remote, branch, upstreamSet: setUpstream };
}
