/**
 * Choosing ids for a new incident and its incident-technique links. The framework's ids are
 * sequential and never reused: an id that was used once (even if its page was removed since)
 * still means that incident to someone, in an old clone, a report, a spreadsheet. So the next
 * id is one past the highest ever seen, over the checkout, its whole history (every branch,
 * remote-tracking ones included), the master data and every other draft; gaps are never filled.
 *
 * The ids "ever seen" are gathered in electron/ (git, files); this module only decides.
 */
import { z } from 'zod';
import { formatId, parseId } from '../ids';
import { DraftUuid, type Draft } from './model';

/** Ids already taken, by kind. */
export interface UsedIds {
  /** Incident ids (`I00068`). */
  readonly incidents: ReadonlySet<string>;
  /** Incident-technique link ids (`IT00000219`). */
  readonly links: ReadonlySet<string>;
}

/** The ids `count` past the highest of `used` of that kind (unparseable entries are ignored). */
export function nextFreeIds(kind: 'incident' | 'incidenttechnique', used: Iterable<string>, count = 1): string[] {
  let highest = 0;
  for (const id of used) {
    const parsed = parseId(id);
    if (parsed && parsed.kind === kind && parsed.number > highest) highest = parsed.number;
  }
  return Array.from({ length: count }, (_, i) => formatId(kind, highest + 1 + i));
}

/** Every id a set of drafts holds, by kind. */
export function idsOfDrafts(drafts: Iterable<Draft>): UsedIds {
  const incidents = new Set<string>();
  const links = new Set<string>();
  for (const draft of drafts) {
    if (draft.incidentId) incidents.add(draft.incidentId);
    for (const annotation of draft.annotations) if (annotation.linkId) links.add(annotation.linkId);
  }
  return { incidents, links };
}

/** The union of several UsedIds. */
export function mergeUsedIds(...sets: UsedIds[]): UsedIds {
  return {
    incidents: new Set(sets.flatMap((s) => [...s.incidents])),
    links: new Set(sets.flatMap((s) => [...s.links])),
  };
}

/**
 * Gives a draft an incident id and a link id for each annotation that has none, past everything
 * in `taken` (the checkout's ids and the other drafts'). Ids the draft already holds are kept:
 * a clash with a pulled branch is reported by findIdConflicts and changed only when the analyst
 * accepts (reallocateDraftIds).
 */
export function allocateDraftIds(draft: Draft, taken: UsedIds): Draft {
  const incidentId = draft.incidentId ?? (nextFreeIds('incident', taken.incidents)[0] as string);
  const missing = draft.annotations.filter((a) => !a.linkId).length;
  const fresh = nextFreeIds('incidenttechnique', [...taken.links, ...draft.annotations.flatMap((a) => (a.linkId ? [a.linkId] : []))], missing);
  let next = 0;
  const annotations = draft.annotations.map((a) => (a.linkId ? a : { ...a, linkId: fresh[next++] as string }));
  return { ...draft, incidentId, annotations };
}

/**
 * A draft whose ids someone else has taken meanwhile (typically a branch just pulled). A schema,
 * since it is also the drafts.idConflicts answer (shared/api/ops/drafts.ts).
 */
export const IdConflict = z.object({
  draftId: DraftUuid,
  draftName: z.string(),
  /** The draft's incident id, if taken. */
  incidentId: z.string().optional(),
  /** The draft's link ids that are taken. */
  linkIds: z.array(z.string()).readonly(),
  /** Where the taken ids are now used. */
  takenBy: z.enum(['checkout', 'another draft']),
  /** What the draft would get instead (the next free ids). */
  suggestedIncidentId: z.string().optional(),
});
export type IdConflict = z.infer<typeof IdConflict>;

/**
 * Drafts whose incident or link ids are taken by the checkout (its files, history and master
 * data, `inCheckout`) or by an earlier-created draft. The UI calls this after a pull and offers
 * each draft the next free id. `ownPages` names the drafts whose incident page in the checkout is
 * their own (applied, perhaps committed and pushed): that page is why the checkout has their
 * incident id, so it is no conflict.
 */
export function findIdConflicts(drafts: readonly Draft[], inCheckout: UsedIds, ownPages: ReadonlySet<string> = new Set()): IdConflict[] {
  const conflicts: IdConflict[] = [];
  // Between drafts, the one created first keeps its ids.
  const ordered = [...drafts].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const claimedIncidents = new Set<string>();
  const claimedLinks = new Set<string>();
  const everything = mergeUsedIds(inCheckout, idsOfDrafts(drafts));
  for (const draft of ordered) {
    const byCheckoutIncident = draft.incidentId !== undefined && inCheckout.incidents.has(draft.incidentId) && !ownPages.has(draft.id);
    const incidentTaken = draft.incidentId !== undefined && (byCheckoutIncident || claimedIncidents.has(draft.incidentId));
    const linkIds = draft.annotations.flatMap((a) => (a.linkId && (inCheckout.links.has(a.linkId) || claimedLinks.has(a.linkId)) ? [a.linkId] : []));
    if (incidentTaken || linkIds.length > 0) {
      const byCheckout = byCheckoutIncident || linkIds.some((id) => inCheckout.links.has(id));
      conflicts.push({
        draftId: draft.id,
        draftName: draft.incident.name,
        ...(incidentTaken && draft.incidentId ? { incidentId: draft.incidentId, suggestedIncidentId: nextFreeIds('incident', everything.incidents)[0] as string } : {}),
        linkIds,
        takenBy: byCheckout ? 'checkout' : 'another draft',
      });
    }
    if (draft.incidentId) claimedIncidents.add(draft.incidentId);
    for (const a of draft.annotations) if (a.linkId) claimedLinks.add(a.linkId);
  }
  return conflicts;
}

/**
 * Gives a conflicting draft fresh ids for the ones `conflict` names, past everything in `taken`
 * (the checkout's ids and every draft's, this one's included).
 */
export function reallocateDraftIds(draft: Draft, conflict: IdConflict, taken: UsedIds): Draft {
  const takenLinks = new Set(conflict.linkIds);
  const fresh = nextFreeIds('incidenttechnique', taken.links, draft.annotations.filter((a) => a.linkId && takenLinks.has(a.linkId)).length);
  let next = 0;
  return {
    ...draft,
    ...(conflict.incidentId !== undefined ? { incidentId: nextFreeIds('incident', taken.incidents)[0] as string } : {}),
    annotations: draft.annotations.map((a) => (a.linkId && takenLinks.has(a.linkId) ? { ...a, linkId: fresh[next++] as string } : a)),
  };
}
