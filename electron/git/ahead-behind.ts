/** How far the current branch is from its upstream: commits to push, commits to pull. */
import { repositoryState } from './core/repository-state';
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
  // No upstream, or one configured but never fetched: nothing to count against yet.
  if (!upstream?.distance) return { kind: 'no-upstream', branch: head.name };
  return { kind: 'tracking', branch: head.name, upstream: upstream.ref, ...upstream.distance };
}
