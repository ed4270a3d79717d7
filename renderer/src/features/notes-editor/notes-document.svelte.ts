/**
 * The page open in the notes editor: its path, the text as read from the checkout, the text being
 * edited, and saving. Only the notes (the text after the edit line) are ever sent back; the back
 * end puts them under the page's own generated part, so nothing above the line can be written
 * from here even if the editor's filter were bypassed.
 */
import type { ApiClient } from '../../../../shared/api/client';
import { splitAtEditLine } from '../../../../shared/edit-line';
import { isId, pagePath } from '../../../../shared/ids';
import { messageOf } from '../../lib/app/notices.svelte';

/** The repository path a route argument names: an object id (`T0155.007`) or a path. */
export function pathOfArg(arg: string): string {
  const text = arg.trim();
  return isId(text) ? pagePath(text) : text;
}

export class NotesDocument {
  path = $state<string | undefined>(undefined);
  /** The text on disk when loaded or last saved. */
  saved = $state('');
  /** The text in the editor. */
  text = $state('');
  loading = $state(false);
  saving = $state(false);
  error = $state<string | undefined>(undefined);

  /** The edit-line text in use (the analyst's setting). */
  readonly marker = $derived.by(() => this.#marker());
  readonly dirty = $derived(this.text !== this.saved);
  readonly split = $derived(splitAtEditLine(this.text, this.marker));
  readonly #api: ApiClient;
  readonly #marker: () => string;
  #request = 0;

  constructor(api: ApiClient, marker: () => string) {
    this.#api = api;
    this.#marker = marker;
  }

  /** Reads the page at `path` from the checkout. */
  async open(path: string): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    this.error = undefined;
    try {
      const file = await this.#api.call('files.read', { path });
      if (request !== this.#request) return;
      this.path = file.path;
      this.saved = file.text;
      this.text = file.text;
    } catch (error) {
      if (request !== this.#request) return;
      this.path = undefined;
      this.saved = '';
      this.text = '';
      this.error = messageOf(error);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** Writes the notes below the line; refused by the back end if the page changed on disk meanwhile. */
  async save(): Promise<void> {
    if (!this.path || !this.dirty || !this.split.hasLine) return;
    this.saving = true;
    try {
      const result = await this.#api.call('pages.saveNotes', { path: this.path, notes: this.split.notes, expectedText: this.saved });
      this.saved = result.text;
      if (this.text === result.text) return;
      // Typing went on during the save: keep it, against the new saved text.
    } finally {
      this.saving = false;
    }
  }

  /** Throws away the edits. */
  revert(): void {
    this.text = this.saved;
  }
}
