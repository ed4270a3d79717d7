/**
 * Autocomplete over the catalog's ids and names, in the order an analyst expects while typing a
 * technique: the exact id first, then ids that start with what was typed (`T0155.` lists its
 * sub-techniques), then names with words starting with every typed word (`encrypted`), then
 * fuzzy matches for typos (`encrpyted`). Ties within a tier go by id.
 */
import MiniSearch from 'minisearch';
import { compareIds, type PageKind } from '../ids';
import type { CatalogObject } from './catalog';
import { withPrefix } from './sorted-prefix';
import { WordPrefixIndex } from './word-prefix-index';

/** How a result matched, best first. */
export type MatchTier = 'exact-id' | 'id-prefix' | 'name-prefix' | 'fuzzy' | 'meaning';

export interface SearchOptions {
  /** Only these kinds (e.g. ['technique'] for the tagger). Default: all. */
  readonly kinds?: readonly PageKind[];
  /** Only techniques of this tactic. */
  readonly tacticId?: string;
  /** At most this many results. Default 20. */
  readonly limit?: number;
}

export interface SearchResult {
  readonly kind: PageKind;
  readonly id: string;
  readonly name: string;
  readonly tier: MatchTier;
  /** For the `meaning` tier: why it matched (`summary: …`, `like I00068: …`). */
  readonly reason?: string;
}

const ID_QUERY = /^[A-Za-z]{1,2}\d+(?:\.\d*)?$/;

/** An id being typed (`T0155`, `t0155.`): the id tiers alone answer it. */
export function isIdQuery(query: string): boolean {
  return ID_QUERY.test(query.trim());
}

export class CatalogSearch {
  private readonly byUpperId = new Map<string, CatalogObject>();
  /** Upper-cased ids, sorted as strings, for prefix ranges by binary search. */
  private readonly sortedIds: string[];
  /** Position of each object in id order. */
  private readonly rank = new Map<string, number>();
  /** Objects by rank. */
  private readonly ranked: CatalogObject[];
  private readonly wordPrefix: WordPrefixIndex;
  private readonly names: MiniSearch<{ id: string; name: string }>;

  constructor(
    objects: readonly CatalogObject[],
    private readonly tacticOf: (id: string) => string | undefined,
  ) {
    for (const object of objects) this.byUpperId.set(object.id.toUpperCase(), object);
    this.sortedIds = [...this.byUpperId.keys()].sort();
    this.ranked = [...this.byUpperId.values()].sort((a, b) => compareIds(a.id, b.id));
    this.ranked.forEach((o, i) => this.rank.set(o.id.toUpperCase(), i));
    this.wordPrefix = new WordPrefixIndex(this.ranked.map((o) => o.name));
    this.names = new MiniSearch({ fields: ['name'], storeFields: [], idField: 'id' });
    this.names.addAll(objects.map((o) => ({ id: o.id, name: o.name })));
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const text = query.trim();
    if (text === '') return [];
    const limit = options.limit ?? 20;
    const accept = (object: CatalogObject | undefined): object is CatalogObject =>
      object !== undefined && (!options.kinds || options.kinds.includes(object.kind)) && (!options.tacticId || this.tacticOf(object.id) === options.tacticId);
    const results: SearchResult[] = [];
    const seen = new Set<string>();
    const add = (object: CatalogObject, tier: MatchTier) => {
      if (seen.has(object.id) || results.length >= limit) return;
      seen.add(object.id);
      results.push({ kind: object.kind, id: object.id, name: object.name, tier });
    };

    const upper = text.toUpperCase();
    const exact = this.byUpperId.get(upper);
    if (accept(exact)) add(exact, 'exact-id');
    if (ID_QUERY.test(text)) {
      // An id-shaped query never falls through to names: `T9999` finds nothing rather than noise.
      // Upper-cased ids of one kind are zero-padded, so their string order is id order: walk the
      // prefix range and stop once the list is full.
      for (const object of this.idPrefix(upper)) {
        if (accept(object)) add(object, 'id-prefix');
        if (results.length >= limit) break;
      }
      return results;
    }
    if (results.length >= limit) return results;

    // Ranks come in id order, so the first `limit` accepted are the tier's answer.
    for (const rank of this.wordPrefix.match(text)) {
      const object = this.ranked[rank];
      if (accept(object)) add(object, 'name-prefix');
      if (results.length >= limit) return results;
    }

    // Fuzzy only for words of four letters or more: shorter ones match too much to help.
    const fuzzy = this.names.search(text, { prefix: true, fuzzy: (term) => (term.length >= 4 ? 0.25 : false), maxFuzzy: 3, combineWith: 'OR' });
    const ranked = fuzzy
      .map((hit) => ({ object: this.byUpperId.get(String(hit.id).toUpperCase()), score: hit.score }))
      .filter((hit): hit is { object: CatalogObject; score: number } => accept(hit.object))
      .sort((a, b) => b.score - a.score || this.byRank(a.object, b.object));
    for (const hit of ranked) add(hit.object, 'fuzzy');
    return results;
  }

  private readonly byRank = (a: CatalogObject, b: CatalogObject): number => (this.rank.get(a.id.toUpperCase()) ?? 0) - (this.rank.get(b.id.toUpperCase()) ?? 0);

  /** Objects whose id starts with `prefix` (upper-cased), in id order. */
  private *idPrefix(prefix: string): Generator<CatalogObject> {
    for (const id of withPrefix(this.sortedIds, prefix)) {
      const object = this.byUpperId.get(id);
      if (object) yield object;
    }
  }
}
