/**
 * Opening a checkout given by the person at the keyboard: `serve --repo DIR`, a folder on the
 * desktop app's command line or passed to a second launch. The folder must be a git work tree of
 * the DISARM framework (a `.git` and a `generated_pages` folder); anything else is refused with
 * a message that says what is missing, and the workspace is left as it was.
 */
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { Services } from '../services/container';

/** The checkout's real absolute path, or an ApiError('not-a-checkout') saying why it is not one. */
export function checkCheckoutFolder(folder: string): string {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    throw new ApiError('not-a-checkout', `${folder} does not exist.`);
  }
  if (!isDirectory(real)) throw new ApiError('not-a-checkout', `${folder} is not a folder.`);
  // `.git` is a folder in a clone and a file in a linked worktree or submodule: both are fine.
  if (!exists(join(real, '.git'))) throw new ApiError('not-a-checkout', `${folder} is not a git checkout (it has no .git). Clone the DISARM framework repository first.`);
  if (!isDirectory(join(real, 'generated_pages'))) {
    throw new ApiError('not-a-checkout', `${folder} is a git checkout but not of the DISARM framework (it has no generated_pages folder).`);
  }
  return real;
}

/** Checks `folder` and makes it the open checkout; returns its real path. */
export function openCheckout(services: Services, folder: string): string {
  const real = checkCheckoutFolder(folder);
  services.workspace.set(real);
  return real;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
