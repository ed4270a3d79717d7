/**
 * Remotes the workbench talks to. A name must be a remote of the checkout, and its address (after
 * git's `insteadOf` rewriting) must not be a transport helper that runs a program (`ext::`).
 */
import { ApiError } from '../../shared/api/errors';
import { runGit, runGitText } from './core/runner';
import { validRemoteName } from './core/validate';

/** Checks that `name` is a usable remote of the checkout; returns its name. */
export async function assertRemote(checkout: string, name: string): Promise<string> {
  const remote = validRemoteName(name);
  // `remote get-url` applies insteadOf/pushInsteadOf, so these are the addresses git will really
  // use; it exits 2 for a remote the checkout does not have. Fetch and push addresses at once.
  const urls = (push: boolean) => runGit(checkout, ['remote', 'get-url', '--all', ...(push ? ['--push'] : []), '--', remote], { expectedExitCodes: [0, 2] });
  const [fetchUrls, pushUrls] = await Promise.all([urls(false), urls(true)]);
  if (fetchUrls.exitCode !== 0 || pushUrls.exitCode !== 0) {
    throw new ApiError('not-found', `This checkout has no remote called ${remote}. Add it with \`git remote add ${remote} <address>\` first.`);
  }
  for (const url of [fetchUrls, pushUrls].flatMap((listed) => listed.stdout.toString('utf8').split('\n'))) {
    if (/^[A-Za-z0-9+.-]*::/.test(url) || url.startsWith('-')) {
      throw new ApiError('forbidden', `The remote ${remote} points at ${JSON.stringify(url.slice(0, 120))}, a transport that runs a program; the workbench does not use it. Set a normal address with \`git remote set-url ${remote} <https or ssh address>\`.`);
    }
  }
  return remote;
}

/** The upstream of a branch, as git's config names it and as far as it was fetched. */
export interface Upstream {
  readonly remote: string;
  /** The remote's branch. */
  readonly branch: string;
  /** The remote-tracking ref (`origin/main`). */
  readonly ref: string;
  /** Commits to push and to pull against the tracking ref; undefined when that ref does not exist (never fetched, or gone). */
  readonly distance?: { readonly ahead: number; readonly behind: number };
}

/** The upstream of `branch` (`origin/main`), from one for-each-ref (git counts the distance too). */
export async function upstreamOf(checkout: string, branch: string): Promise<Upstream | undefined> {
  const out = await runGitText(checkout, ['for-each-ref', '--format=%(upstream:short)%00%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream:track,nobracket)', `refs/heads/${branch}`]);
  const [ref = '', remote = '', remoteRef = '', track = ''] = out.trim().split('\0');
  if (!ref || !remote || remote === '.') return undefined;
  // `ahead 1, behind 2`, `ahead 1`, `behind 2`, '' (level), or `gone` (no tracking ref); in English, as the runner pins LC_ALL=C.
  const distance = { ahead: Number(/ahead (\d+)/.exec(track)?.[1] ?? 0), behind: Number(/behind (\d+)/.exec(track)?.[1] ?? 0) };
  return { remote, branch: remoteRef.replace(/^refs\/heads\//, ''), ref, ...(track === 'gone' ? {} : { distance }) };
}
