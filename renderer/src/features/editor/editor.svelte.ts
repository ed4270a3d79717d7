/**
 * The incident editor's state: the open draft (or none: the list of drafts shows), the preview's
 * mode, and counts of what validation found.
 */
import type { DraftSession } from '../drafts/draft-session.svelte';
import { messageOf } from '../../lib/app/notices.svelte';
import type { Workbench } from '../../lib/app/workbench.svelte';

export type PreviewMode = 'page' | 'markdown';

export class EditorState {
  session = $state<DraftSession | undefined>(undefined);
  loadError = $state<string | undefined>(undefined);
  preview = $state<PreviewMode>('page');
  allocating = $state(false);
  readonly #workbench: Workbench;

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  async load(id: string | undefined): Promise<void> {
    this.loadError = undefined;
    if (!id) {
      this.session = undefined;
      return;
    }
    try {
      this.session = await this.#workbench.drafts.open(id);
    } catch (error) {
      this.session = undefined;
      this.loadError = messageOf(error);
    }
  }

  /** Gives the draft its incident id and IT ids. */
  async allocate(): Promise<void> {
    if (!this.session) return;
    this.allocating = true;
    try {
      await this.session.allocateIds();
      this.#workbench.notices.success(`The draft is incident ${this.session.draft.incidentId ?? ''}.`);
    } catch (error) {
      this.#workbench.notices.error(error, 'Could not allocate an id');
    } finally {
      this.allocating = false;
    }
  }
}
