/**
 * The tagger's technique autocomplete: what was typed, the matching techniques (id, name and
 * tactic, the catalog search's order), and the techniques used last offered first, since a run of
 * quotes often shares one: with nothing typed the recent ones are the whole list, and when typing
 * they come first among equally good matches. Matches by meaning come after ids and names, each
 * with its reason. When nothing matches, the picker says why (picker-notice.ts) and lists what it
 * offers instead.
 */
import type { SearchResultInfo } from '../../../../shared/api/ops/catalog';
import type { ValidationContext } from '../../../../shared/validation';
import { pickerNotice, type PickerNotice } from './picker-notice';
import { preferRecent } from './recent-first';
import type { TechniqueLookup, TechniqueSearch } from '../../lib/editor/technique-lookup';

/** One option of the list. */
export interface PickerOption {
  readonly id: string;
  readonly name: string;
  readonly tactic: string;
  readonly recent: boolean;
  /** Why it matched, for a match by meaning (`summary: …`, `like I00068: …`). */
  readonly reason?: string;
}

/** How many options are listed. */
const LIMIT = 12;

export class TechniquePicker {
  query = $state('');
  /** The active option's index; -1 for none (nothing typed yet: Enter then moves on). */
  active = $state(-1);
  searched = $state<SearchResultInfo[]>([]);
  open = $state(false);
  /** The query `searched` answers (the notice waits for the answer to what is typed now). */
  searchedFor = $state('');
  readonly #search: TechniqueSearch;
  readonly #lookup: TechniqueLookup;
  readonly #recent: () => readonly string[];
  readonly #exclude: () => readonly string[];
  readonly #context: (() => ValidationContext) | undefined;
  #seq = 0;

  constructor(options: {
    search: TechniqueSearch;
    lookup: TechniqueLookup;
    recent: () => readonly string[];
    exclude: () => readonly string[];
    /** The checkout's techniques and retired ones, to say why an input matches nothing. */
    context?: () => ValidationContext;
  }) {
    this.#search = options.search;
    this.#lookup = options.lookup;
    this.#recent = options.recent;
    this.#exclude = options.exclude;
    this.#context = options.context;
  }

  /** The techniques the search found for what is typed (those already on the annotation left out). */
  readonly #matches = $derived.by(() => preferRecent(this.searched, this.#recent()).filter((r) => r.kind === 'technique' && !this.#exclude().includes(r.id)));

  /** Why nothing matches what is typed, once the search has answered it; undefined while something does. */
  readonly notice = $derived.by((): PickerNotice | undefined => {
    const query = this.query.trim();
    if (query === '' || this.searchedFor !== query || this.#matches.length > 0 || !this.#context) return undefined;
    return pickerNotice(query, this.#context(), this.#exclude());
  });

  /** The options for what is typed now (techniques already on the annotation left out). */
  readonly options = $derived.by((): PickerOption[] => {
    const recent = this.#recent();
    const exclude = this.#exclude();
    if (this.query.trim() === '') {
      return recent
        .filter((id) => !exclude.includes(id))
        .flatMap((id) => {
          const t = this.#lookup(id);
          return t ? [{ id, name: t.name, tactic: `${t.tacticId} ${t.tacticName}`, recent: true }] : [];
        })
        .slice(0, LIMIT);
    }
    if (this.notice) {
      return this.notice.offers
        .filter((o) => !exclude.includes(o.id))
        .map((o) => {
          const t = this.#lookup(o.id);
          return { id: o.id, name: o.name, tactic: t ? `${t.tacticId} ${t.tacticName}` : '', recent: recent.includes(o.id) };
        });
    }
    return this.#matches
      .slice(0, LIMIT)
      .map((r) => ({ id: r.id, name: r.name, tactic: `${r.tacticId ?? ''} ${r.tacticName ?? ''}`.trim(), recent: recent.includes(r.id), ...(r.reason ? { reason: r.reason } : {}) }));
  });

  /** The analyst typed: the best match becomes active, so Enter takes it. */
  async input(query: string): Promise<void> {
    this.query = query;
    this.active = query.trim() === '' ? -1 : 0;
    this.open = true;
    const seq = ++this.#seq;
    if (query.trim() === '') {
      this.searched = [];
      this.searchedFor = '';
      return;
    }
    const results = await this.#search(query.trim());
    if (seq === this.#seq) {
      this.searched = [...results];
      this.searchedFor = query.trim();
      // A guess offered by the notice (the closest ids) waits for the arrows; Enter takes the rest.
      this.active = this.notice && !this.notice.takeFirst ? -1 : 0;
    }
  }

  move(delta: number): void {
    const count = this.options.length;
    this.open = true;
    if (count === 0) return;
    // From no active option, Down goes to the first and Up to the last.
    this.active = this.active < 0 ? (delta > 0 ? 0 : count - 1) : (this.active + delta + count) % count;
  }

  /** The active option. */
  get current(): PickerOption | undefined {
    return this.active < 0 ? undefined : this.options[this.active];
  }

  /** Clears the field for the next technique (the recent ones are listed, none active). */
  clear(): void {
    this.query = '';
    this.searched = [];
    this.searchedFor = '';
    this.active = -1;
  }
}
