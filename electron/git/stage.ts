/**
 * Staging and unstaging files. Paths arrive validated (core/validate) and resolved inside the
 * checkout; they still go after `--`, and pathspecs are literal (environment.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { repositoryState } from './core/repository-state';
import { runGit } from './core/runner';

/** Paths per `git add` or `git reset`: far below any system's command-line limit. */
const PATHS_PER_CALL = 500;

/**
 * Stages `paths`: each one's new content, or its deletion. Every path must exist in the work tree
 * or the index; an unknown one is refused before anything is staged.
 */
export async function stageFiles(checkout: string, paths: readonly string[]): Promise<void> {
  const unique = [...new Set(paths)];
  const missing = unique.filter((path) => !existsSync(join(checkout, path)));
  if (missing.length > 0) {
    const out = await runGit(checkout, ['ls-files', '-z', '--', ...missing]);
    const tracked = out.stdout.toString('utf8').split('\0');
    // A path is known when git tracks it, or files under it (a folder deleted from the disk).
    const unknown = missing.find((path) => !tracked.some((file) => file === path || file.startsWith(`${path}/`)));
    if (unknown !== undefined) throw new ApiError('not-found', `There is no file ${unknown} in the checkout to stage.`);
  }
  for (let start = 0; start < unique.length; start += PATHS_PER_CALL) {
    await runGit(checkout, ['add', '--all', '--', ...unique.slice(start, start + PATHS_PER_CALL)]);
  }
}

/**
 * Unstages `paths`, keeping the work tree as it is: each index entry goes back to HEAD's (or is
 * removed when the file is new, or HEAD does not exist yet). HEAD is asked once for all of them.
 */
export async function unstageFiles(checkout: string, paths: readonly string[]): Promise<void> {
  const unique = [...new Set(paths)];
  if (unique.length === 0) return;
  const { head } = await repositoryState(checkout);
  for (let start = 0; start < unique.length; start += PATHS_PER_CALL) {
    const batch = unique.slice(start, start + PATHS_PER_CALL);
    if (head.kind === 'unborn') await runGit(checkout, ['rm', '--cached', '-q', '--ignore-unmatch', '--', ...batch]);
    else await runGit(checkout, ['reset', '-q', 'HEAD', '--', ...batch]);
  }
}
