/**
 * How long a git process may run before the workbench stops it, by what its verb may wait on: a
 * commit runs the checkout's hooks and perhaps a signing program (either may wait for input no one
 * will give, such as a passphrase); clone, fetch and push wait on a remote; everything else reads
 * or writes files here. A process that overruns is stopped and the message says which verb, after
 * how long, and what it may have been waiting on. Each RepositoryService has its own limits (tests
 * use short ones); calls outside a service (the `check` command) get the defaults.
 */

/** Limits in milliseconds. */
export interface GitTimeLimits {
  /** commit, rebase, merge, cherry-pick, revert: hooks and signing may run. */
  readonly commit: number;
  /** clone, fetch, push: the whole transfer (a transfer that sends nothing for two minutes is stopped sooner, see `stallTimeoutMs`). */
  readonly network: number;
  /** Every other verb, plumbing included. */
  readonly local: number;
}

export const DEFAULT_TIME_LIMITS: GitTimeLimits = { commit: 60_000, network: 30 * 60_000, local: 120_000 };

/** The verbs that talk to a remote: the long ones, which the analyst can cancel. */
export const NETWORK_VERBS: readonly string[] = ['clone', 'fetch', 'push'];
const COMMIT_VERBS: readonly string[] = ['commit', 'rebase', 'merge', 'cherry-pick', 'revert'];

/** The class of a verb, which sets its limit and what the message says it may have waited on. */
function classOf(verb: string): keyof GitTimeLimits {
  if (NETWORK_VERBS.includes(verb)) return 'network';
  return COMMIT_VERBS.includes(verb) ? 'commit' : 'local';
}

const WAITING_ON: Readonly<Record<keyof GitTimeLimits, string>> = {
  commit: 'a hook (pre-commit, commit-msg) or a signing program (gpg.program) may be waiting for input, such as a passphrase, or be stuck',
  network: 'the remote may be very slow or not answering',
  local: 'the disk may be very slow, or another program may be holding a file of the checkout',
};

/** The limit of `verb` under `limits`. */
export function timeLimitOf(verb: string, limits: GitTimeLimits = DEFAULT_TIME_LIMITS): number {
  return limits[classOf(verb)];
}

/** What an overrun of `verb` says: `git commit did not finish within 60 s: a hook ... may be waiting ...`. */
export function overrunMessage(verb: string, limitMs: number): string {
  return `git ${verb} did not finish within ${formatDuration(limitMs)}: ${WAITING_ON[classOf(verb)]}. It was stopped`;
}

/** `1.5 s`, `60 s`, `30 min`. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}
