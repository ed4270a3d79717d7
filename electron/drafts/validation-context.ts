/**
 * What validation needs to know about a checkout, gathered for one draft: the framework's
 * techniques (the catalog), the techniques it no longer has (git history, cached per HEAD), and
 * the incident ids someone else uses (pages, history, remote branches, master data, other
 * drafts). The draft's own page, once applied, does not count against it.
 */
import { readFile } from 'node:fs/promises';
import { EDIT_LINE, splitAtEditLine } from '../../shared/edit-line';
import { pagePath } from '../../shared/ids';
import { idsOfDrafts, nextFreeIds, type UsedIds } from '../../shared/drafts/id-allocation';
import type { FrameworkLookup } from '../../shared/drafts/framework-lookup';
import type { Draft } from '../../shared/drafts/model';
import { findBlocks, isOwnBlock } from '../../shared/drafts/notes-blocks';
import type { RetiredTechnique } from '../../shared/validation/types';
import type { ValidationContext } from '../../shared/validation/context';
import { resolveInCheckout } from '../paths';
import { historySnapshot, SnapshotCache, type HistorySnapshot } from './history-snapshot';
import { findRetiredTechniques } from './retired-techniques';
import { collectUsedIncidentIds } from './used-ids';

/**
 * True when `text` (the page of the draft's incident) carries the draft's block below its line: a
 * public block about its incident, or an old block naming the draft (notes-blocks.ts).
 */
export function isDraftsOwnPage(text: string, draft: Pick<Draft, 'id' | 'incidentId'>, marker: string = EDIT_LINE): boolean {
  const split = splitAtEditLine(text, marker);
  return split.hasLine && draft.incidentId !== undefined && findBlocks(split.notes).some((b) => isOwnBlock(b, draft.id, draft.incidentId as string));
}

/** The text of a file, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const retiredCache = new SnapshotCache<Map<string, RetiredTechnique>>();

/** Retired techniques of the checkout, computed once per HEAD commit (and set of current techniques). */
export async function retiredTechniques(checkout: string, lookup: FrameworkLookup, snapshot?: HistorySnapshot | Promise<HistorySnapshot>): Promise<Map<string, RetiredTechnique>> {
  const { head } = await (snapshot ?? historySnapshot(checkout));
  if (head === undefined) return new Map();
  const current = lookup.techniques().map((t) => t.id);
  return retiredCache.get(checkout, `${head}\0${current.join(' ')}`, () => findRetiredTechniques(checkout, new Set(current)));
}

/** The validation context of `draft` against the checkout; `others` are the store's other drafts. */
export async function draftValidationContext(
  checkout: string,
  lookup: FrameworkLookup,
  draft: Draft,
  others: readonly Draft[],
  options: { marker?: string; used?: UsedIds } = {},
): Promise<ValidationContext> {
  // One look at the refs serves both history scans (and their caches); git answers while the
  // incident folder and the master data are read.
  const snapshot = historySnapshot(checkout);
  snapshot.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
  const used = options.used?.incidents ?? (await collectUsedIncidentIds(checkout, snapshot));
  const taken = new Set([...used, ...idsOfDrafts(others.filter((d) => d.id !== draft.id)).incidents]);
  if (draft.incidentId && used.has(draft.incidentId)) {
    const page = await readIfExists(resolveInCheckout(checkout, pagePath(draft.incidentId)));
    const otherDraftHasIt = others.some((d) => d.id !== draft.id && d.incidentId === draft.incidentId);
    if (page !== undefined && isDraftsOwnPage(page, draft, options.marker) && !otherDraftHasIt) taken.delete(draft.incidentId);
  }
  return {
    lookup,
    retired: await retiredTechniques(checkout, lookup, snapshot),
    takenIncidentIds: taken,
    nextFreeIncidentId: nextFreeIds('incident', [...taken, ...(draft.incidentId ? [draft.incidentId] : [])])[0] as string,
  };
}
