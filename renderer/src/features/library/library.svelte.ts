/**
 * The library's state: the search as you type over techniques, tactics and incidents (the
 * catalog's autocomplete search), the tactic filter, the full-text search over incident
 * descriptions, and the page being read (its markdown, rendered safely by MarkdownView).
 */
import type { ApiOutput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { pageOfPath, pagePath, type PageKind } from '../../../../shared/ids';
import type { SearchResultInfo } from '../../../../shared/api/ops/catalog';
import { messageOf } from '../../lib/app/notices.svelte';
import type { Workbench } from '../../lib/app/workbench.svelte';

/** Which objects the search lists. */
export type LibraryKind = 'all' | 'technique' | 'tactic' | 'incident';

/** The search's two modes: ids and names, or words in what incidents say. */
export type LibraryMode = 'catalog' | 'text';

/** A page being shown (with the object it is the page of, when opened by id). */
export interface LibraryPage {
  readonly path: string;
  readonly markdown: string;
  readonly object?: { readonly kind: PageKind; readonly id: string } | undefined;
}

/** How many results the search lists. */
const RESULT_LIMIT = 60;

export class LibraryState {
  query = $state('');
  kind = $state<LibraryKind>('all');
  tacticId = $state('');
  mode = $state<LibraryMode>('catalog');
  results = $state<SearchResultInfo[]>([]);
  textHits = $state<ApiOutput<'catalog.incidentText'>>([]);
  searching = $state(false);
  page = $state<LibraryPage | undefined>(undefined);
  pageError = $state<string | undefined>(undefined);
  pageLoading = $state(false);
  readonly #workbench: Workbench;
  #seq = 0;
  #pageSeq = 0;

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  /** With no query: the techniques of the chosen tactic, or the tactics themselves. */
  readonly browse = $derived.by((): SearchResultInfo[] => {
    const catalog = this.#workbench.catalog;
    if (this.tacticId) {
      const tactic = catalog.tacticById.get(this.tacticId);
      return (tactic?.techniqueIds ?? []).flatMap((id) => {
        const t = catalog.technique(id);
        return t ? [{ kind: 'technique' as const, id: t.id, name: t.name, tier: 'exact-id' as const, tacticId: t.tacticId, tacticName: t.tacticName }] : [];
      });
    }
    return catalog.tactics.map((t) => ({ kind: 'tactic' as const, id: t.id, name: t.name, tier: 'exact-id' as const }));
  });

  /** Runs the search for the current query, kind, tactic and mode; stale answers are dropped. */
  async search(): Promise<void> {
    const seq = ++this.#seq;
    const query = this.query.trim();
    if (query === '') {
      this.results = [];
      this.textHits = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      if (this.mode === 'text') {
        const hits = await this.#workbench.api.call('catalog.incidentText', { query, limit: 50 });
        if (seq === this.#seq) this.textHits = hits;
      } else {
        const kinds = this.tacticId ? ['technique' as const] : this.kind === 'all' ? undefined : [this.kind];
        const results = await this.#workbench.api.call('catalog.search', { query, limit: RESULT_LIMIT, ...(kinds ? { kinds } : {}), ...(this.tacticId ? { tacticId: this.tacticId } : {}) });
        if (seq === this.#seq) this.results = results;
      }
    } catch (error) {
      if (seq === this.#seq) this.#workbench.notices.error(error, 'Search failed');
    } finally {
      if (seq === this.#seq) this.searching = false;
    }
  }

  /** Shows the page of an object id (`T0155.007`) or a repository path (`generated_pages/…md`). */
  async open(target: string | undefined): Promise<void> {
    const seq = ++this.#pageSeq;
    this.pageError = undefined;
    if (!target) {
      this.page = undefined;
      return;
    }
    this.pageLoading = true;
    const byId = !target.includes('/');
    try {
      // An object's page is at the path its id names (shared/ids), so one read shows it.
      const file = await this.#workbench.api.call('files.read', { path: byId ? pagePath(target) : target });
      const object = byId ? pageOfPath(file.path) : undefined;
      if (seq === this.#pageSeq) this.page = { path: file.path, markdown: file.text, object };
    } catch (error) {
      if (seq === this.#pageSeq) {
        this.page = undefined;
        this.pageError = byId && error instanceof ApiError && error.code === 'not-found' ? `${target} is not in this checkout of the framework.` : messageOf(error);
      }
    } finally {
      if (seq === this.#pageSeq) this.pageLoading = false;
    }
  }
}
