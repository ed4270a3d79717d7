/**
 * The framework grid screen's state: the grid built from the catalog, which incident's techniques
 * are highlighted (the draft being written, or an incident of the checkout), and the cell that
 * has the keyboard focus. Layout and movement rules are in grid-model.ts.
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { SearchResultInfo, TacticInfo, TechniqueInfo } from '../../../../shared/api/ops/catalog';
import type { DraftSummary } from '../../../../shared/drafts/model';
import { pagePath } from '../../../../shared/ids';
import { parseIncidentPage } from '../../../../shared/pages/incident';
import { buildFrameworkGrid, findCell, highlightOf, moveInGrid, uniqueInOrder, type FrameworkGrid } from './grid-model';
import { messageOf } from '../../lib/app/notices.svelte';

/** What the grid highlights: a draft, an incident of the checkout, or nothing. */
export type GridSubject = { readonly kind: 'draft'; readonly id: string } | { readonly kind: 'incident'; readonly id: string } | { readonly kind: 'none' };

/** A choice in the "highlight the techniques of" list. */
export interface SubjectOption {
  readonly value: string;
  readonly label: string;
}

/** The keys that move the focus in the grid. */
export type GridKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/** True when `key` moves the grid's focus. */
export function isGridKey(key: string): key is GridKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End';
}

/** Encodes a subject as a <select> value. */
export function subjectValue(subject: GridSubject): string {
  return subject.kind === 'none' ? '' : `${subject.kind}:${subject.id}`;
}

/** The subject a route's argument names: `I00068` (an incident) or `draft:<id>` (none for anything else). */
export function subjectOfArg(arg: string): GridSubject {
  return parseSubject(arg.includes(':') ? arg : `incident:${arg}`);
}

/** Decodes a <select> value. */
export function parseSubject(value: string): GridSubject {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  if ((kind === 'draft' || kind === 'incident') && id) return { kind, id };
  return { kind: 'none' };
}

/** The catalog's parts the grid is drawn from (the frame's CatalogState is one). */
export interface GridCatalog {
  readonly tactics: readonly TacticInfo[];
  readonly techniques: readonly TechniqueInfo[];
}

/** The analyst's drafts as the grid offers them (the frame's DraftStore is one). */
interface GridDrafts {
  readonly list: readonly DraftSummary[];
  refresh(): Promise<void>;
}

export class GridState {
  subject = $state<GridSubject>({ kind: 'none' });
  /** The techniques the subject uses. */
  usedIds = $state<string[]>([]);
  /** What the subject is called, for the heading and the screen reader. */
  subjectLabel = $state('');
  /** The checkout's incidents, once listed. */
  incidents = $state<readonly SearchResultInfo[]>([]);
  focus = $state<{ column: number; row: number }>({ column: 0, row: 0 });
  error = $state<string | undefined>(undefined);

  readonly grid: FrameworkGrid = $derived.by(() => buildFrameworkGrid(this.#catalog.tactics, this.#catalog.techniques));
  readonly highlight = $derived.by(() => highlightOf(this.usedIds, this.#catalog.techniques));
  /** Used techniques the grid has no cell for (retired since, or mistyped in the draft). */
  readonly missing = $derived(this.usedIds.filter((id) => findCell(this.grid, id) === undefined));
  /** The subject list: the analyst's drafts, then the checkout's incidents. */
  readonly options: SubjectOption[] = $derived.by(() => [
    ...this.#drafts.list.map((d) => ({ value: subjectValue({ kind: 'draft', id: d.id }), label: `Draft: ${d.incidentId ? `${d.incidentId} ` : ''}${d.name || 'untitled'}` })),
    ...this.incidents.map((i) => ({ value: subjectValue({ kind: 'incident', id: i.id }), label: `${i.id} ${i.name}` })),
  ]);

  readonly #api: ApiClient;
  readonly #catalog: GridCatalog;
  readonly #drafts: GridDrafts;
  #request = 0;

  /** `catalog` and `drafts` are read as they change (another checkout, a pull, a new draft), never copied. */
  constructor(api: ApiClient, catalog: GridCatalog, drafts: GridDrafts) {
    this.#api = api;
    this.#catalog = catalog;
    this.#drafts = drafts;
  }

  /** Reads the drafts (the workbench's list) and the checkout's incidents for the subject list. */
  async loadOptions(): Promise<void> {
    const [, incidents] = await Promise.all([this.#drafts.refresh(), this.#api.call('catalog.search', { query: 'I0', kinds: ['incident'], limit: 200 })]);
    this.incidents = incidents;
  }

  /** Highlights the techniques of `subject`. */
  async show(subject: GridSubject): Promise<void> {
    this.subject = subject;
    const request = ++this.#request;
    this.error = undefined;
    try {
      const { ids, label } = await this.#techniquesOf(subject);
      if (request !== this.#request) return;
      this.usedIds = ids;
      this.subjectLabel = label;
      const first = ids.map((id) => findCell(this.grid, id)).find((at) => at !== undefined);
      if (first) this.focus = first;
    } catch (error) {
      if (request !== this.#request) return;
      this.usedIds = [];
      this.subjectLabel = '';
      this.error = messageOf(error);
    }
  }

  async #techniquesOf(subject: GridSubject): Promise<{ ids: string[]; label: string }> {
    switch (subject.kind) {
      case 'none':
        return { ids: [], label: '' };
      case 'draft': {
        const draft = await this.#api.call('drafts.get', { id: subject.id });
        const ids = uniqueInOrder(draft.annotations.flatMap((a) => a.techniqueIds));
        return { ids, label: `${draft.incidentId ? `${draft.incidentId}: ` : ''}${draft.incident.name || 'untitled draft'}` };
      }
      case 'incident': {
        // The catalog api lists techniques' incidents, not incidents' techniques: read the page.
        const file = await this.#api.call('files.read', { path: pagePath(subject.id) });
        const parsed = parseIncidentPage(file.text);
        if (!parsed.ok) throw new Error(`${subject.id}'s page could not be read: ${parsed.reason}`);
        const ids = uniqueInOrder(parsed.page.techniques.map((t) => t.technique.id));
        return { ids, label: `${parsed.page.id}: ${parsed.page.name}` };
      }
    }
  }

  /** Moves the keyboard focus. */
  move(key: GridKey): void {
    this.focus = moveInGrid(this.grid, this.focus, key);
  }
}
