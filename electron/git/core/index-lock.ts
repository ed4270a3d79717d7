/**
 * The index lock of one git call, watched so that a call the workbench stopped leaves the index as
 * it was. Git removes its own lock file when it is interrupted; one killed harder, or whose
 * lock outlived it, leaves `index.lock` behind, and every later write of the checkout fails on it.
 * Such a lock is removed only when it is certainly the stopped call's: it did not exist when the
 * call started (the checkout's queue runs nothing else of the workbench meanwhile), it was made
 * after that, and the process that made it has exited. A lock that was there before is never
 * touched (repository-state.ts explains it to the analyst instead).
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** The lock of the index a call in `cwd` writes (`indexFile` when it has its own), watched from now. */
export function indexLockWatch(cwd: string, indexFile?: string) {
  const path = indexFile !== undefined ? `${indexFile}.lock` : defaultIndexLock(cwd);
  const startedAt = Date.now();
  const existedBefore = path !== undefined && existsSync(path);
  const madeSince = (): boolean => {
    if (path === undefined || existedBefore) return false;
    try {
      // File systems keep coarse times: a second of slack.
      return statSync(path).mtimeMs >= startedAt - 1_000;
    } catch {
      return false;
    }
  };
  return {
    path: path ?? 'index.lock',
    madeSince,
    /** Call only once the call's process has exited. */
    removeIfMadeSince(): void {
      if (path !== undefined && madeSince()) rmSync(path, { force: true });
    },
  };
}

/** `.git/index.lock` of the work tree at `cwd` (a linked worktree's `.git` file names its folder). */
function defaultIndexLock(cwd: string): string | undefined {
  const dotGit = join(cwd, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return join(dotGit, 'index.lock');
    const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (named) return join(isAbsolute(named) ? named : resolve(cwd, named), 'index.lock');
  } catch {
    // no .git here (a clone's parent folder): no index to protect
  }
  return undefined;
}
