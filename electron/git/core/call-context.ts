/**
 * What every git process of one repository operation runs under: the service's time limits and,
 * for the long operations, the signal that cancels them. The service sets it around the
 * operation (repository-service.ts); the runner and plumbing read it as each process starts. It
 * travels with the operation's async calls (AsyncLocalStorage) rather than as an argument, so
 * that the dozens of git calls of the verbs (status, stage, the commit's guard...) all get it
 * without each passing it on, and a service's limits never become another service's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_TIME_LIMITS, type GitTimeLimits } from './time-limits';

export interface GitCallContext {
  readonly limits: GitTimeLimits;
  /** Aborted when the analyst cancels the operation (clone, fetch, pull, push). */
  readonly signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<GitCallContext>();

/** Runs `task` with `context` for every git process it starts. */
export function withGitCallContext<T>(context: GitCallContext, task: () => Promise<T>): Promise<T> {
  return storage.run(context, task);
}

/** The context of the operation under way, or the defaults outside any. */
export function currentGitCallContext(): GitCallContext {
  return storage.getStore() ?? { limits: DEFAULT_TIME_LIMITS };
}
