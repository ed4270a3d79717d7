/**
 * Fetching from a remote: no hooks, no submodules, only the allowed transports (core/environment),
 * and never while the checkout's own settings would run a program on the way (core/local-config).
 */
import { explained } from './core/errors';
import { assertSafeConfig, type ConfigEntry } from './core/local-config';
import { runGit, type GitProgress } from './core/runner';
import { assertRemote } from './remotes';

/** What to fetch, and the checkout's settings as the operation read them. */
export interface FetchRequest {
  /** Default `origin`. */
  readonly remote?: string;
  /** The checkout's settings (readConfig), judged for the network here. */
  readonly config: readonly ConfigEntry[];
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** git's progress as it receives objects. */
  readonly onProgress?: (progress: GitProgress) => void;
}

/** Fetches the remote. */
export async function fetchRemote(checkout: string, request: FetchRequest): Promise<{ remote: string }> {
  const { baseEnv, onProgress } = request;
  assertSafeConfig(request.config, 'network');
  const name = await assertRemote(checkout, request.remote ?? 'origin');
  await explained(`Fetching from ${name}`, () =>
    runGit(checkout, ['fetch', onProgress ? '--progress' : '--quiet', '--no-recurse-submodules', '--prune', '--end-of-options', name], {
      stallTimeoutMs: 120_000,
      ...(baseEnv ? { baseEnv } : {}),
      ...(onProgress ? { onProgress } : {}),
    }),
  );
  return { remote: name };
}
