/**
 * Staging and unstaging one file at a time. Paths arrive validated (core/validate) and resolved
 * inside the checkout; they still go after `--`, and pathspecs are literal (environment.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { runGit } from './core/runner';

/** Stages `path`: its new content, or its deletion. */
export async function stageFile(checkout: string, path: string): Promise<void> {
  const known = existsSync(join(checkout, path)) || (await runGit(checkout, ['ls-files', '-z', '--', path])).stdout.length > 0;
  if (!known) throw new ApiError('not-found', `There is no file ${path} in the checkout to stage.`);
  await runGit(checkout, ['add', '--all', '--', path]);
}

/**
 * Unstages `path`, keeping the work tree as it is: the index entry goes back to HEAD's (or is
 * removed when the file is new, or HEAD does not exist yet).
 */
export async function unstageFile(checkout: string, path: string): Promise<void> {
  const head = await runGit(checkout, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { expectedExitCodes: [0, 1] });
  if (head.exitCode === 0) await runGit(checkout, ['reset', '-q', 'HEAD', '--', path]);
  else await runGit(checkout, ['rm', '--cached', '-q', '--ignore-unmatch', '--', path]);
}
