/**
 * The analyst's drafts as the workbench sees them: the list (summaries), creating one, and the
 * open sessions (one per draft, shared by the editor and the tagger, so moving between the two
 * screens never reloads a draft or drops an unsaved edit).
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { Draft, DraftSummary } from '../../../../shared/drafts/model';
import { DraftSession, type SessionReporter } from './draft-session.svelte';

export class DraftStore {
  list = $state<DraftSummary[]>([]);
  listLoaded = $state(false);
  readonly #api: ApiClient;
  readonly #report: SessionReporter;
  // Not reactive on purpose: a cache of loads, never shown.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #sessions = new Map<string, Promise<DraftSession>>();
  /** The sessions loaded so far, for the synchronous question of whether anything is unsaved. */
  readonly #loaded: DraftSession[] = [];

  constructor(api: ApiClient, report: SessionReporter) {
    this.#api = api;
    this.#report = report;
  }

  /** Reads the list of drafts again. */
  async refresh(): Promise<void> {
    this.list = await this.#api.call('drafts.list', {});
    this.listLoaded = true;
  }

  /**
   * Creates an empty draft, gives it the next free incident id (so its page previews as it will
   * be written; ids are never reused, a deleted draft's id included), and opens it.
   */
  async create(): Promise<DraftSession> {
    const created = await this.#api.call('drafts.create', {});
    let draft = created;
    try {
      draft = await this.#api.call('drafts.allocateIds', { id: created.id });
    } catch (error) {
      this.#report.error(error, 'The draft was created without an incident id');
    }
    const session = this.#session(draft);
    this.#sessions.set(draft.id, Promise.resolve(session));
    void this.refresh().catch(() => undefined);
    return session;
  }

  /** The session of draft `id`, loading it the first time. */
  open(id: string): Promise<DraftSession> {
    let session = this.#sessions.get(id);
    if (!session) {
      session = this.#api.call('drafts.get', { id }).then((draft) => this.#session(draft));
      session.catch(() => this.#sessions.delete(id));
      this.#sessions.set(id, session);
    }
    return session;
  }

  /** Deletes a draft (after the analyst confirmed). */
  async remove(id: string): Promise<void> {
    this.#sessions.delete(id);
    const at = this.#loaded.findIndex((s) => s.id === id);
    if (at >= 0) this.#loaded.splice(at, 1);
    await this.#api.call('drafts.delete', { id });
    await this.refresh();
  }

  /** Saves every open session (before a reload of the page, a checkout change). */
  async saveAll(): Promise<void> {
    for (const session of this.#sessions.values()) await (await session).save();
  }

  /** True while some open draft has edits not yet in the store (closing the page would lose them). */
  hasUnsaved(): boolean {
    return this.#loaded.some((session) => session.unsaved);
  }

  #session(draft: Draft): DraftSession {
    const session = new DraftSession(draft, { api: this.#api, report: this.#report, newId: () => crypto.randomUUID() });
    this.#loaded.push(session);
    return session;
  }
}
