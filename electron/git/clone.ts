/**
 * Cloning the framework: from an https/ssh address, a local checkout or a git bundle file, into a
 * new (or empty) folder, reporting git's progress. A clone that turns out not to be a DISARM
 * checkout is removed again (it is the workbench's own fresh folder; nothing of the analyst's is in it).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { explained } from './core/errors';
import { runGit, type GitProgress } from './core/runner';
import { validBranchName, validCloneSource } from './core/validate';
import { openCheckout, type CheckoutInfo } from './open';

/** What to clone where. */
export interface CloneRequest {
  readonly source: string;
  /** Absolute folder; must not exist yet, or be empty. */
  readonly destination: string;
  readonly branch?: string;
  readonly onProgress?: (progress: GitProgress) => void;
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/** Clones and opens the new checkout. */
export async function cloneCheckout(request: CloneRequest): Promise<CheckoutInfo> {
  const source = validCloneSource(request.source);
  const branch = request.branch === undefined ? undefined : validBranchName(request.branch);
  const { destination } = request;
  if (!isAbsolute(destination)) throw new ApiError('bad-request', `The destination ${JSON.stringify(destination)} must be a full path.`);
  if (isAbsolute(source) && !existsSync(source)) throw new ApiError('not-found', `There is nothing at ${source} to clone from (a checkout folder or a bundle file).`);
  const existed = existsSync(destination);
  if (existed && (!statSync(destination).isDirectory() || readdirSync(destination).length > 0)) {
    throw new ApiError('conflict', `${destination} already exists and is not an empty folder; choose a new folder to clone into.`);
  }
  if (!existsSync(dirname(destination))) throw new ApiError('not-found', `The folder ${dirname(destination)} does not exist.`);
  const remote = !isAbsolute(source) && !source.startsWith('file://');
  try {
    await explained(`Cloning ${source}`, () =>
      runGit(dirname(destination), ['clone', '--progress', ...(branch ? ['--branch', branch] : []), '--', source, destination], {
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(remote ? { stallTimeoutMs: 120_000 } : {}),
        ...(request.baseEnv ? { baseEnv: request.baseEnv } : {}),
      }),
    );
    return await openCheckout(destination, request.baseEnv);
  } catch (error) {
    removeClone(destination, existed);
    if (error instanceof ApiError && error.code === 'not-a-checkout') {
      throw new ApiError('not-a-checkout', `${source} was cloned, but it is not a DISARM framework checkout, so the clone was removed again. ${error.message}`);
    }
    throw error;
  }
}

function removeClone(destination: string, existed: boolean): void {
  if (!existsSync(destination)) return;
  if (!existed) {
    rmSync(destination, { recursive: true, force: true });
    return;
  }
  for (const entry of readdirSync(destination)) rmSync(`${destination}/${entry}`, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
}
