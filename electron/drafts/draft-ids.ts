/**
 * Id allocation and id conflicts for drafts against a checkout: gathers the ids the checkout has
 * ever used (used-ids.ts, slow: git history), then decides under the store lock, so that two
 * processes allocating at once never hand out the same id.
 */
import { ApiError } from '../../shared/api/errors';
import { allocateDraftIds, findIdConflicts, idsOfDrafts, mergeUsedIds, reallocateDraftIds, type IdConflict, type UsedIds } from '../../shared/drafts/id-allocation';
import type { Draft } from '../../shared/drafts/model';
import type { Store } from '../store/store';
import { collectUsedIds } from './used-ids';

/** Gives a draft its incident id and IT ids (keeping any it has). */
export async function allocateIds(store: Store, checkout: string, draftId: string, used?: UsedIds): Promise<Draft> {
  const inCheckout = used ?? (await collectUsedIds(checkout));
  return store.updateDraftWith(draftId, (draft, all) => {
    const taken = mergeUsedIds(inCheckout, idsOfDrafts(all.filter((d) => d.id !== draftId)));
    const allocated = allocateDraftIds(draft, taken);
    return { ...(allocated.incidentId !== undefined ? { incidentId: allocated.incidentId } : {}), annotations: allocated.annotations };
  });
}

/** Drafts whose ids the checkout (or an older draft) now uses. */
export async function idConflicts(store: Store, checkout: string): Promise<IdConflict[]> {
  const inCheckout = await collectUsedIds(checkout);
  return findIdConflicts(await store.allDrafts(), inCheckout);
}

/** Gives a conflicting draft the next free ids for those that were taken. */
export async function resolveIdConflict(store: Store, checkout: string, draftId: string): Promise<Draft> {
  const inCheckout = await collectUsedIds(checkout);
  return store.updateDraftWith(draftId, (draft, all) => {
    const conflict = findIdConflicts(all, inCheckout).find((c) => c.draftId === draftId);
    if (!conflict) throw new ApiError('conflict', 'This draft’s ids are not taken by anyone else: there is nothing to change.');
    const taken = mergeUsedIds(inCheckout, idsOfDrafts(all));
    const fresh = reallocateDraftIds(draft, conflict, taken);
    return { ...(fresh.incidentId !== undefined ? { incidentId: fresh.incidentId } : {}), annotations: fresh.annotations };
  });
}
