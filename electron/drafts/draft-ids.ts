/**
 * Id allocation and id conflicts for drafts against a checkout: gathers the ids the checkout has
 * ever used (used-ids.ts, slow: git history), then decides under the store lock, so that two
 * processes allocating at once never hand out the same id.
 */
import { ApiError } from '../../shared/api/errors';
import { allocateDraftIds, findIdConflicts, idsOfDrafts, mergeUsedIds, reallocateDraftIds, type IdConflict, type UsedIds } from '../../shared/drafts/id-allocation';
import type { Draft } from '../../shared/drafts/model';
import type { Store } from '../store/store';
import { pagePath } from '../../shared/ids';
import { resolveInCheckout } from '../paths';
import { collectUsedIds } from './used-ids';
import { isDraftsOwnPage, readIfExists } from './validation-context';

/** Gives a draft its incident id and IT ids (keeping any it has). */
export async function allocateIds(store: Store, checkout: string, draftId: string, used?: UsedIds): Promise<Draft> {
  const inCheckout = used ?? (await collectUsedIds(checkout));
  return store.updateDraftWith(draftId, (draft, all) => {
    const taken = mergeUsedIds(inCheckout, idsOfDrafts(all.filter((d) => d.id !== draftId)));
    const allocated = allocateDraftIds(draft, taken);
    return { ...(allocated.incidentId !== undefined ? { incidentId: allocated.incidentId } : {}), annotations: allocated.annotations };
  });
}

/** Drafts whose ids the checkout (or an older draft) now uses; a draft's own applied page is not a conflict. */
export async function idConflicts(store: Store, checkout: string): Promise<IdConflict[]> {
  const [inCheckout, drafts] = await Promise.all([collectUsedIds(checkout), store.allDrafts()]);
  return findIdConflicts(drafts, inCheckout, await draftsWithOwnPage(checkout, drafts));
}

/** The drafts whose incident page in the checkout is their own (they applied it: validation-context.ts). */
async function draftsWithOwnPage(checkout: string, drafts: readonly Draft[]): Promise<Set<string>> {
  const own = new Set<string>();
  await Promise.all(
    drafts.map(async (draft) => {
      if (!draft.incidentId) return;
      const page = await readIfExists(resolveInCheckout(checkout, pagePath(draft.incidentId)));
      if (page !== undefined && isDraftsOwnPage(page, draft)) own.add(draft.id);
    }),
  );
  return own;
}

/** Gives a conflicting draft the next free ids for those that were taken. */
export async function resolveIdConflict(store: Store, checkout: string, draftId: string): Promise<Draft> {
  const inCheckout = await collectUsedIds(checkout);
  const own = await draftsWithOwnPage(checkout, await store.allDrafts());
  return store.updateDraftWith(draftId, (draft, all) => {
    const conflict = findIdConflicts(all, inCheckout, own).find((c) => c.draftId === draftId);
    if (!conflict) throw new ApiError('conflict', 'This draft’s ids are not taken by anyone else: there is nothing to change.');
    const taken = mergeUsedIds(inCheckout, idsOfDrafts(all));
    const fresh = reallocateDraftIds(draft, conflict, taken);
    return { ...(fresh.incidentId !== undefined ? { incidentId: fresh.incidentId } : {}), annotations: fresh.annotations };
  });
}
