/**
 * The validation context the renderer builds from the catalog and from what the back end knows
 * besides it (`drafts.context`: retired techniques from the checkout's history, incident ids in
 * use). Plain module: the maps are built once per answer and never changed.
 */
import type { ApiOutput } from '../../../../shared/api/contract';
import type { FrameworkLookup } from '../../../../shared/drafts/framework-lookup';
import type { RetiredTechnique, ValidationContext } from '../../../../shared/validation';

/** The back end's answer to `drafts.context`. */
export type BackEndContext = ApiOutput<'drafts.context'>;

/** Retired techniques by id. */
export function retiredById(retired: readonly RetiredTechnique[]): ReadonlyMap<string, RetiredTechnique> {
  return new Map(retired.map((r) => [r.id, r]));
}

/** The whole context: the catalog's lookup, and the back end's part once it has answered. */
export function validationContext(lookup: FrameworkLookup, backEnd: BackEndContext | undefined): ValidationContext {
  if (!backEnd) return { lookup };
  return {
    lookup,
    retired: retiredById(backEnd.retired),
    takenIncidentIds: new Set(backEnd.takenIncidentIds),
    ...(backEnd.nextFreeIncidentId ? { nextFreeIncidentId: backEnd.nextFreeIncidentId } : {}),
  };
}
