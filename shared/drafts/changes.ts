/**
 * Partial input for drafts: what creating a draft may leave out and what an update (an autosave)
 * may send. Kept apart from the stored shape (model.ts) because a stored draft is always complete,
 * while an update names only what changed, so that two windows editing different parts of the
 * same store never overwrite each other's fields.
 */
import { z } from 'zod';
import { Annotation, DRAFT_LIMITS, DRAFT_SCHEMA_VERSION, Draft, EMPTY_INCIDENT, IncidentFieldsPatch, IncidentId, Reference, SourceText } from './model';

/** The draft's lists, each whole or left out, within the draft's limits (creating and updating alike). */
const DRAFT_LISTS = {
  references: z.array(Reference).max(DRAFT_LIMITS.references).optional(),
  sources: z.array(SourceText).max(DRAFT_LIMITS.sources).optional(),
  annotations: z.array(Annotation).max(DRAFT_LIMITS.annotations).optional(),
};

/** The content of a new draft; anything left out starts empty. */
export const DraftInput = z
  .object({
    incidentId: IncidentId.optional(),
    incident: IncidentFieldsPatch.optional(),
    ...DRAFT_LISTS,
  })
  .strict();
export type DraftInput = z.infer<typeof DraftInput>;

/**
 * What one update changes. Incident fields are merged one by one; a list that is given replaces
 * the draft's list whole (the editor always holds the whole list); `incidentId: null` releases
 * an allocated id.
 */
export const DraftChanges = z
  .object({
    incidentId: IncidentId.nullable().optional(),
    incident: IncidentFieldsPatch.optional(),
    ...DRAFT_LISTS,
  })
  .strict();
export type DraftChanges = z.infer<typeof DraftChanges>;

/**
 * Builds a new draft. The id and the time come from the caller (shared/ has no clock or random
 * source of its own), so the same inputs always give the same draft.
 */
export function newDraft(id: string, now: string, input: DraftInput = {}): Draft {
  return Draft.parse({
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id,
    createdAt: now,
    updatedAt: now,
    revision: 0,
    ...(input.incidentId !== undefined ? { incidentId: input.incidentId } : {}),
    incident: { ...EMPTY_INCIDENT, ...input.incident },
    references: input.references ?? [],
    sources: input.sources ?? [],
    annotations: input.annotations ?? [],
  });
}

/** The draft with `changes` applied, its revision increased and its time updated; validated whole. */
export function applyDraftChanges(draft: Draft, changes: DraftChanges, now: string): Draft {
  const { incidentId: _oldId, ...rest } = draft;
  const incidentId = changes.incidentId === undefined ? draft.incidentId : (changes.incidentId ?? undefined);
  return Draft.parse({
    ...rest,
    ...(incidentId !== undefined ? { incidentId } : {}),
    incident: { ...draft.incident, ...changes.incident },
    references: changes.references ?? draft.references,
    sources: changes.sources ?? draft.sources,
    annotations: changes.annotations ?? draft.annotations,
    revision: draft.revision + 1,
    updatedAt: now,
  });
}
