/**
 * The incident editor's state: the open draft (or none: the list of drafts shows), the preview's
 * mode, and allocating the draft's ids. Its validation is the screen's DraftChecks.
 */
import { DraftScreenState } from '../drafts/draft-screen.svelte';

export type PreviewMode = 'page' | 'markdown';

export class EditorState extends DraftScreenState {
  preview = $state<PreviewMode>('page');
  allocating = $state(false);

  /** Gives the draft its incident id and IT ids. */
  async allocate(): Promise<void> {
    if (!this.session) return;
    this.allocating = true;
    try {
      await this.session.allocateIds();
      this.workbench.notices.success(`The draft is incident ${this.session.draft.incidentId ?? ''}.`);
    } catch (error) {
      this.workbench.notices.error(error, 'Could not allocate an id');
    } finally {
      this.allocating = false;
    }
  }
}
