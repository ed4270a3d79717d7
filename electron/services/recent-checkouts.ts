/**
 * The recent checkouts as the start screen shows them: the store remembers paths, and a folder
 * can go away meanwhile (moved, deleted, on a disk that is not plugged in). Each entry says
 * whether its folder is still there, looked up when the list is asked for, so a gone one is
 * marked "folder not found" and can be removed rather than looking like it would open.
 */
import { stat } from 'node:fs/promises';
import type { RecentCheckout, RecentRepository } from '../../shared/api/ops/settings';

/** `recent`, each marked `missing` when its folder is not there. */
export function markMissing(recent: readonly RecentRepository[]): Promise<RecentCheckout[]> {
  return Promise.all(recent.map(async (entry) => ({ ...entry, missing: await isMissing(entry.path) })));
}

/**
 * True when nothing is at `path`, or what is there is not a folder. A folder that cannot be
 * looked at (permissions) is not called missing: it may open, and repo.open then says why not.
 */
async function isMissing(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}
