/**
 * Fetching from a remote: no hooks, no submodules, only the allowed transports (core/environment),
 * and never while the checkout's own settings would run a program on the way (core/local-config).
 */
import { explained } from './core/errors';
import { assertSafeLocalConfig } from './core/local-config';
import { runGit, type GitProgress } from './core/runner';
import { assertRemote } from './remotes';

/** Fetches `remote` (default `origin`); with `onProgress`, git's progress as it receives objects. */
export async function fetchRemote(checkout: string, remote = 'origin', baseEnv?: NodeJS.ProcessEnv, onProgress?: (progress: GitProgress) => void): Promise<{ remote: string }> {
  await assertSafeLocalConfig(checkout, 'network', baseEnv);
  const name = await assertRemote(checkout, remote);
  await explained(`Fetching from ${name}`, () =>
    runGit(checkout, ['fetch', onProgress ? '--progress' : '--quiet', '--no-recurse-submodules', '--prune', '--end-of-options', name], {
      stallTimeoutMs: 120_000,
      ...(baseEnv ? { baseEnv } : {}),
      ...(onProgress ? { onProgress } : {}),
    }),
  );
  return { remote: name };
}
