/**
 * Remotes the workbench talks to. A name must be a remote of the checkout, and its address (after
 * git's `insteadOf` rewriting) must not be a transport helper that runs a program (`ext::`).
 */
import { ApiError } from '../../shared/api/errors';
import { runGitText } from './core/runner';
import { validRemoteName } from './core/validate';

/** The remotes of the checkout, by name. */
async function listRemotes(checkout: string): Promise<string[]> {
  return (await runGitText(checkout, ['remote'])).split('\n').filter((name) => name !== '');
}

/** Checks that `name` is a usable remote of the checkout; returns its (rewritten) address. */
export async function assertRemote(checkout: string, name: string): Promise<string> {
  const remote = validRemoteName(name);
  if (!(await listRemotes(checkout)).includes(remote)) {
    throw new ApiError('not-found', `This checkout has no remote called ${remote}. Add it with \`git remote add ${remote} <address>\` first.`);
  }
  for (const push of [false, true]) {
    // `remote get-url` applies insteadOf/pushInsteadOf, so this is the address git will really use.
    const urls = (await runGitText(checkout, ['remote', 'get-url', '--all', ...(push ? ['--push'] : []), '--', remote])).split('\n').filter((u) => u !== '');
    for (const url of urls) {
      if (/^[A-Za-z0-9+.-]*::/.test(url) || url.startsWith('-')) {
        throw new ApiError('forbidden', `The remote ${remote} points at ${JSON.stringify(url.slice(0, 120))}, a transport that runs a program; the workbench does not use it. Set a normal address with \`git remote set-url ${remote} <https or ssh address>\`.`);
      }
    }
  }
  return remote;
}

/** The upstream of `branch` (`origin/main`): the remote, the remote's branch and the tracking ref. */
export async function upstreamOf(checkout: string, branch: string): Promise<{ remote: string; branch: string; ref: string } | undefined> {
  const out = await runGitText(checkout, ['for-each-ref', '--format=%(upstream:short)%00%(upstream:remotename)%00%(upstream:remoteref)', `refs/heads/${branch}`]);
  const [ref = '', remote = '', remoteRef = ''] = out.trim().split('\0');
  if (!ref || !remote || remote === '.') return undefined;
  return { remote, branch: remoteRef.replace(/^refs\/heads\//, ''), ref };
}
