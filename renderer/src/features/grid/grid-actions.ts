/**
 * What activating a grid cell does: when a passage is selected in the quote tagger, tag it with
 * the cell's technique (a new annotation of that draft); otherwise open the technique in the library.
 */
import type { Workbench } from '../../lib/app/workbench.svelte';

/** What a cell click did. */
export type CellOutcome = { readonly kind: 'tagged'; readonly draftId: string; readonly annotationId: string } | { readonly kind: 'opened' };

/** Tags the tagger's selected passage with technique `id`, or opens the technique. */
export async function activateCell(workbench: Workbench, id: string): Promise<CellOutcome> {
  const passage = workbench.selectedPassage;
  if (passage) {
    const session = await workbench.drafts.open(passage.draftId);
    const annotationId = session.tagPassage(passage.sourceId, passage.from, passage.to, [id]);
    if (annotationId) {
      // One passage, one tag from here; the next click opens techniques again.
      workbench.selectedPassage = undefined;
      return { kind: 'tagged', draftId: passage.draftId, annotationId };
    }
  }
  workbench.go('library', id);
  return { kind: 'opened' };
}
