/** Handlers of shared/api/ops/files.ts. */
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ApiError } from '../../shared/api/errors';
import { MAX_READ_BYTES } from '../../shared/api/ops/files';
import { resolveInCheckout, toRepoPath } from '../paths';
import type { Services } from '../services/container';
import type { Handler } from './dispatch';

/** The files.* handlers over the open checkout. */
export function filesHandlers(services: Services): { 'files.read': Handler<'files.read'> } {
  return {
    'files.read': async ({ path }) => {
      const checkout = services.workspace.require();
      const absolute = resolveInCheckout(checkout, path);
      return readTextFile(absolute, path, toRepoPath(checkout, absolute));
    },
  };
}

/** Reads a regular file of at most MAX_READ_BYTES, checking size and kind again on the open handle. */
async function readTextFile(absolute: string, requested: string, repoPath: string) {
  // Checked before opening: opening a FIFO would block until something writes to it.
  checkRegularFile(await statOrNotFound(absolute, requested), requested);
  const handle = await open(absolute, 'r');
  try {
    const stats = await handle.stat();
    checkRegularFile(stats, requested);
    const text = await handle.readFile({ encoding: 'utf8' });
    return { path: repoPath, text, bytes: stats.size };
  } finally {
    await handle.close();
  }
}

async function statOrNotFound(absolute: string, requested: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('not-found', `There is no file ${JSON.stringify(requested)} in the open checkout.`);
    throw error;
  }
}

function checkRegularFile(stats: Stats, requested: string): void {
  if (stats.isDirectory()) throw new ApiError('bad-request', `${JSON.stringify(requested)} is a folder, not a file.`);
  if (!stats.isFile()) throw new ApiError('bad-request', `${JSON.stringify(requested)} is not a regular file.`);
  if (stats.size > MAX_READ_BYTES) {
    throw new ApiError('bad-request', `${JSON.stringify(requested)} is ${Math.round(stats.size / 1024)} KB; the workbench reads files up to ${MAX_READ_BYTES / 1024 / 1024} MB.`);
  }
}
