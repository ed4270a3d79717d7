/**
 * The store's lock between processes (two windows, the app and the CLI): every read-modify-write
 * of the store file runs while holding it, and re-reads the file first, so no process writes from
 * a stale copy and nobody loses a write. proper-lockfile makes the lock a folder beside the file
 * (mkdir is atomic on every filesystem, including network ones) and keeps its mtime fresh, so a
 * lock left by a killed process is taken over once it is `staleMs` old.
 */
import lockfile from 'proper-lockfile';
import { ApiError } from '../../shared/api/errors';

/** How the lock waits and when it counts as abandoned. */
export interface LockTiming {
  /** A lock not refreshed for this long belongs to a dead process (proper-lockfile's minimum is 2000). */
  readonly staleMs: number;
  /** How long to keep trying before giving up with a `busy` error. */
  readonly waitMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { staleMs: 10_000, waitMs: 30_000 };

/**
 * Runs `action` while holding the lock on `file`. `onCompromised` is told if the lock was lost
 * while held (the process stalled past `staleMs` and another took over).
 */
export async function withStoreLock<T>(file: string, timing: LockTiming, onCompromised: (error: Error) => void, action: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: timing.staleMs,
      onCompromised,
      retries: { retries: Math.ceil(timing.waitMs / 100), minTimeout: 10, maxTimeout: 100, factor: 1.5, randomize: true },
    });
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ELOCKED') {
      throw new ApiError('busy', `Another DISARM Workbench (a window or the command line) has been saving drafts for over ${Math.round(timing.waitMs / 1000)} seconds. Try again; if it persists, close the other copies.`);
    }
    throw error;
  }
  try {
    return await action();
  } finally {
    await release().catch(() => undefined);
  }
}
