/** Handlers of shared/api/ops/pages.ts: notes written below a page's edit line, nothing else. */
import { lstat, readFile } from 'node:fs/promises';
import { ApiError } from '../../shared/api/errors';
import { replaceNotes, splitAtEditLine } from '../../shared/edit-line';
import { checkChanges } from '../../shared/guard';
import { tidyCheckout } from '../drafts/tidy-blocks';
import { resolveInCheckout, toRepoPath } from '../paths';
import { writeFileDurably } from '../store/durable-json-file';
import type { Services } from '../services/container';
import type { Handler } from './dispatch';

/** The pages.* handlers over the open checkout. */
export function pagesHandlers(services: Services): { 'pages.saveNotes': Handler<'pages.saveNotes'>; 'pages.tidy': Handler<'pages.tidy'> } {
  return {
    // The write runs in the checkout's git queue, so it never races a commit, a pull or a repair.
    'pages.saveNotes': ({ path, notes, expectedText }) => {
      const checkout = services.workspace.require();
      return services.repository.exclusive(checkout, () => saveNotes(services, checkout, path, notes, expectedText));
    },
    // In the git queue too; removing blocks below the line leaves the catalog as it is.
    'pages.tidy': async ({ dryRun }) => {
      const checkout = services.workspace.require();
      const { editLine: marker } = await services.store.getSettings();
      const report = await services.repository.exclusive(checkout, () => tidyCheckout(checkout, { dryRun: dryRun === true, marker }));
      return { removed: [...report.removed], differing: [...report.differing], written: [...report.written] };
    },
  };
}

/** Replaces the notes of one page, refusing anything that would touch its generated part. */
async function saveNotes(services: Services, checkout: string, path: string, notes: string, expectedText: string): Promise<{ path: string; text: string }> {
  const absolute = resolveInCheckout(checkout, path);
  const repoPath = toRepoPath(checkout, absolute);
  const stats = await lstat(absolute).catch(() => undefined);
  if (!stats?.isFile()) throw new ApiError('not-found', `There is no page ${JSON.stringify(path)} in the open checkout.`);
  const current = await readFile(absolute, 'utf8');
  if (current !== expectedText) {
    throw new ApiError('conflict', `${repoPath} changed on disk since it was opened (another program or a pull). Your notes are still in the editor: copy them, reopen the page, and paste them back.`);
  }
  // The edit line in use (a fork of the framework may name another in the settings).
  const marker = (await services.store.getSettings()).editLine;
  if (!splitAtEditLine(current, marker).hasLine) {
    throw new ApiError('bad-request', `${repoPath} has no edit line ("${marker}"): all of it is generated and read-only, so it has no notes to save.`);
  }
  const text = replaceNotes(current, notes, marker);
  // The guard's own verdict (on guarded pages only, as at commit), as a last check that this write keeps the promise.
  const violations = checkChanges([{ path: repoPath, status: 'modified', oldText: current, newText: text }], { marker });
  if (violations.length > 0) throw new ApiError('guard-violation', violations.map((v) => v.message).join(' '), { violations });
  // The catalog is read from the generated parts alone, which a notes save leaves as they are: it
  // stays loaded (reloading it re-reads every page, 35,855 of them at 50x).
  if (text !== current) await writeFileDurably(absolute, text, stats.mode & 0o777);
  return { path: repoPath, text };
}
