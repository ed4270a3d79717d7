/** How far the current branch is from its upstream: commits to push, commits to pull. */
import { repositoryState } from './core/repository-state';
import { runGit, runGitText } from './core/runner';
import { upstreamOf } from './remotes';

/** Where the branch stands against its upstream. */
export type AheadBehind =
  | { readonly kind: 'tracking'; readonly branch: string; readonly upstream: string; readonly ahead: number; readonly behind: number }
  | { readonly kind: 'no-upstream'; readonly branch: string }
  | { readonly kind: 'detached' }
  | { readonly kind: 'unborn'; readonly branch: string };

/** Counts against the last fetched state of the upstream (fetch first for fresh numbers). */
export async function aheadBehind(checkout: string): Promise<AheadBehind> {
  const { head } = await repositoryState(checkout);
  if (head.kind === 'detached') return { kind: 'detached' };
  if (head.kind === 'unborn') return { kind: 'unborn', branch: head.name };
  const upstream = await upstreamOf(checkout, head.name);
  if (!upstream) return { kind: 'no-upstream', branch: head.name };
  // Configured but never fetched: nothing to count against yet.
  const fetched = await runGit(checkout, ['show-ref', '--verify', '--quiet', `refs/remotes/${upstream.ref}`], { expectedExitCodes: [0, 1] });
  if (fetched.exitCode !== 0) return { kind: 'no-upstream', branch: head.name };
  const counts = await runGitText(checkout, ['rev-list', '--left-right', '--count', `refs/heads/${head.name}...refs/remotes/${upstream.ref}`]);
  const [ahead = '0', behind = '0'] = counts.trim().split(/\s+/);
  return { kind: 'tracking', branch: head.name, upstream: upstream.ref, ahead: Number(ahead), behind: Number(behind) };
}
