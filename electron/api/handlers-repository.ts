/**
 * Handlers of shared/api/ops/repository.ts: git on the open checkout through the repository
 * service (electron/git), and the edit-line guard. The author for commits and the edit-line text
 * come from the analyst's settings.
 */
import { ApiError } from '../../shared/api/errors';
import type { Services } from '../services/container';
import type { AuthorIdentity } from '../git/core/validate';
import type { CheckoutInfo } from '../git/open';
import type { Handler } from './dispatch';

type RepositoryOperation =
  | 'repo.open'
  | 'repo.clone'
  | 'repo.status'
  | 'repo.fileDiff'
  | 'repo.stage'
  | 'repo.unstage'
  | 'repo.commit'
  | 'repo.branches'
  | 'repo.createBranch'
  | 'repo.switchBranch'
  | 'repo.fetch'
  | 'repo.pull'
  | 'repo.push'
  | 'repo.cancel'
  | 'repo.aheadBehind'
  | 'repo.undoLastCommit'
  | 'guard.check'
  | 'guard.repair';

/**
 * Makes `checkout` the open one. Everything that follows a checkout (the catalog, file watching)
 * listens to `services.workspace.onChange`; this is the one place the repository api opens one.
 */
async function useCheckout(services: Services, info: CheckoutInfo) {
  services.workspace.set(info.path);
  const warnings = [...info.warnings];
  try {
    await services.store.addRecent(info.path);
  } catch (error) {
    // The recent list is a convenience: a store that cannot be written must not keep the
    // checkout from opening. The refusal is said here and kept among the store's warnings.
    if (!(error instanceof ApiError && error.code === 'store-not-writable')) throw error;
    warnings.push(error.message);
  }
  return { path: info.path, head: info.head, operation: info.operation, warnings };
}

/** The commit author and edit line from the settings (the author only when complete). */
async function fromSettings(services: Services): Promise<{ fallbackAuthor?: AuthorIdentity; marker: string }> {
  const settings = await services.store.getSettings();
  const author = settings.authorName.trim() && settings.authorEmail ? { name: settings.authorName, email: settings.authorEmail } : undefined;
  return { ...(author ? { fallbackAuthor: author } : {}), marker: settings.editLine };
}

/** The repo.* and guard.* handlers. */
export function repositoryHandlers(services: Services): { [N in RepositoryOperation]: Handler<N> } {
  const repo = services.repository;
  const checkout = () => services.workspace.require();
  return {
    'repo.open': async ({ folder }) => useCheckout(services, await repo.open(folder)),
    'repo.clone': async ({ source, destination, branch }) => useCheckout(services, await repo.clone(source, destination, branch)),
    'repo.status': () => repo.status(checkout()),
    'repo.fileDiff': ({ path, side }) => repo.fileDiff(checkout(), path, side),
    'repo.stage': async ({ paths }) => {
      await repo.stage(checkout(), paths);
      return { paths };
    },
    'repo.unstage': async ({ paths }) => {
      await repo.unstage(checkout(), paths);
      return { paths };
    },
    'repo.commit': async ({ message }) => repo.commit(checkout(), message, await fromSettings(services)),
    'repo.branches': async () => ({ branches: await repo.branches(checkout()) }),
    'repo.createBranch': async ({ name, switchTo }) => {
      await repo.createBranch(checkout(), name, switchTo ?? true);
      return { branch: name };
    },
    'repo.switchBranch': async ({ name }) => {
      await repo.switchBranch(checkout(), name);
      services.catalog.invalidate();
      return { branch: name };
    },
    'repo.fetch': ({ remote }) => repo.fetch(checkout(), remote),
    'repo.pull': async ({ rebase }) => {
      const { fallbackAuthor } = await fromSettings(services);
      // Whatever the outcome, the files may have changed: the catalog reads them again when next asked.
      const result = await repo.pull(checkout(), { rebase: rebase ?? false, ...(fallbackAuthor ? { fallbackAuthor } : {}) }).finally(() => services.catalog.invalidate());
      return result;
    },
    'repo.push': ({ remote }) => repo.push(checkout(), remote),
    // Needs no open checkout: a clone has none yet.
    'repo.cancel': async () => repo.cancel(),
    'repo.aheadBehind': () => repo.aheadBehind(checkout()),
    'repo.undoLastCommit': () => repo.undoLastCommit(checkout()),
    'guard.check': async ({ target }) => ({ violations: await repo.check(checkout(), target ?? 'worktree', (await fromSettings(services)).marker) }),
    'guard.repair': async ({ path }) => {
      const result = await repo.repair(checkout(), path, (await fromSettings(services)).marker);
      services.catalog.invalidate();
      return result;
    },
  };
}
