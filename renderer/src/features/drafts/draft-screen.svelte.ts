/**
 * What every screen of one draft (the incident editor, the quote tagger) starts from: the draft
 * open in it, or the message saying why it could not be opened. Each screen's state extends it.
 */
import type { Workbench } from '../../lib/app/workbench.svelte';
import { messageOf } from '../../lib/app/notices.svelte';
import type { DraftSession } from './draft-session.svelte';

/** The open draft of a screen, opened through the workbench's drafts. */
export class DraftScreenState {
  session = $state<DraftSession | undefined>(undefined);
  loadError = $state<string | undefined>(undefined);
  /** The app the screen belongs to (its drafts, notices, catalog). */
  protected readonly workbench: Workbench;

  constructor(workbench: Workbench) {
    this.workbench = workbench;
  }

  /** Opens draft `id` (none: no draft is open), or says why it cannot. */
  async load(id: string | undefined): Promise<void> {
    this.loadError = undefined;
    if (!id) {
      this.session = undefined;
      return;
    }
    try {
      this.session = await this.workbench.drafts.open(id);
      this.opened(this.session);
    } catch (error) {
      this.session = undefined;
      this.loadError = messageOf(error);
    }
  }

  /** Called as soon as a draft is open, for what a screen shows of it first. */
  protected opened(_session: DraftSession): void {
    // Nothing by default: the incident editor shows the whole draft.
  }
}
