/**
 * The catalog: the framework's objects as the workbench uses them (techniques with their tactic
 * and parent, tactics, phases, incidents, counters...) and the links between them (which incident
 * used which technique, and how it was described). Built once from parsed pages; read-only.
 */
import { compareIds, parentTechniqueId, type PageKind } from '../ids';
import type { PageSummary } from '../pages/other-kinds';
import type { IncidentPage, Page, TacticPage, TechniquePage } from '../pages/types';
import { CatalogSearch, isIdQuery, type SearchOptions, type SearchResult } from './search';
import { IncidentTextSearch, type IncidentTextHit } from './incident-text-search';
import { MeaningIndex, type MeaningExample, type MeaningHit } from './meaning-search';
import { rankSource, type SourceSuggestion } from './source-suggestions';

/** A technique as the UI shows it. */
export interface CatalogTechnique {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly tacticId: string;
  readonly tacticName: string;
  /** The parent of a sub-technique, else undefined. */
  readonly parentId: string | undefined;
  /** Its sub-techniques, in id order. */
  readonly subTechniqueIds: readonly string[];
}

export interface CatalogTactic {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly phaseId: string;
  /** Techniques of this tactic (parents and subs), in id order. */
  readonly techniqueIds: readonly string[];
}

export interface CatalogIncident {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly techniqueIds: readonly string[];
}

/** One use of a technique in an incident, with the description the analyst gave. */
export interface TechniqueUse {
  readonly incidentId: string;
  readonly incidentName: string;
  readonly techniqueId: string;
  readonly description: string;
}

/** Any object with a page: enough to list it and link to it. */
export interface CatalogObject {
  readonly kind: PageKind;
  readonly id: string;
  readonly name: string;
  readonly summary: string;
}

/** What the catalog is built from: full pages, or summaries of the kinds it only lists. */
export type CatalogEntry = Page | PageSummary;

/** Counts per page kind. */
export type KindCounts = Readonly<Record<PageKind, number>>;

export class Catalog {
  private readonly techniqueMap = new Map<string, CatalogTechnique>();
  private readonly tacticMap = new Map<string, CatalogTactic>();
  private readonly incidentMap = new Map<string, CatalogIncident>();
  private readonly objectMap = new Map<string, CatalogObject>();
  private readonly usesByTechnique = new Map<string, TechniqueUse[]>();
  private readonly pageCounts: Record<PageKind, number> = { technique: 0, incident: 0, tactic: 0, phase: 0, task: 0, counter: 0, actortype: 0, metatechnique: 0 };
  private techniqueList: readonly CatalogTechnique[] | undefined;
  private tacticList: readonly CatalogTactic[] | undefined;
  private incidentList: readonly CatalogIncident[] | undefined;
  private searchIndex: CatalogSearch | undefined;
  private textIndex: IncidentTextSearch | undefined;
  private meaning: MeaningIndex | undefined;

  /**
   * Builds the catalog from parsed pages (any order; pages without an id are counted but not
   * indexed). Kinds other than techniques, tactics and incidents may come as summaries.
   */
  constructor(pages: Iterable<CatalogEntry>) {
    const techniquePages: TechniquePage[] = [];
    const tacticPages: TacticPage[] = [];
    const incidentPages: IncidentPage[] = [];
    for (const page of pages) {
      this.pageCounts[page.kind]++;
      if (page.id === '') continue;
      this.objectMap.set(page.id, { kind: page.kind, id: page.id, name: page.name, summary: page.summary });
      if (page.kind === 'technique') techniquePages.push(page);
      else if (page.kind === 'tactic') tacticPages.push(page);
      else if (page.kind === 'incident') incidentPages.push(page);
    }

    const tacticNames = new Map(tacticPages.map((t) => [t.id, t.name]));
    const parents = new Map(techniquePages.map((page) => [page.id, page.parent?.id || parentTechniqueId(page.id)]));
    const subs = new Map<string, string[]>();
    for (const [id, parentId] of parents) if (parentId) pushTo(subs, parentId, id);
    for (const page of techniquePages) {
      const tacticId = page.tactic?.id ?? '';
      this.techniqueMap.set(page.id, {
        id: page.id,
        name: page.name,
        summary: page.summary,
        tacticId,
        tacticName: page.tactic?.name || tacticNames.get(tacticId) || '',
        parentId: parents.get(page.id),
        subTechniqueIds: (subs.get(page.id) ?? []).sort(compareIds),
      });
    }
    const techniquesByTactic = new Map<string, string[]>();
    for (const technique of this.techniqueMap.values()) {
      pushTo(techniquesByTactic, technique.tacticId, technique.id);
    }
    for (const page of tacticPages) {
      const fromTechniques = techniquesByTactic.get(page.id) ?? page.techniques.map((t) => t.id);
      this.tacticMap.set(page.id, { id: page.id, name: page.name, summary: page.summary, phaseId: page.phaseId, techniqueIds: [...fromTechniques].sort(compareIds) });
    }
    for (const page of incidentPages) {
      const techniqueIds = [...new Set(page.techniques.map((t) => t.technique.id))].sort(compareIds);
      this.incidentMap.set(page.id, { id: page.id, name: page.name, summary: page.summary, techniqueIds });
      for (const row of page.techniques) {
        const use: TechniqueUse = { incidentId: page.id, incidentName: page.name, techniqueId: row.technique.id, description: row.description };
        pushTo(this.usesByTechnique, row.technique.id, use);
      }
    }
    // Technique pages list incidents too; take those the incident pages do not (older data).
    for (const page of techniquePages) {
      const known = new Set((this.usesByTechnique.get(page.id) ?? []).map((u) => u.incidentId));
      for (const row of page.incidents) {
        if (known.has(row.incident.id)) continue;
        pushTo(this.usesByTechnique, page.id, { incidentId: row.incident.id, incidentName: row.incident.name, techniqueId: page.id, description: row.description });
      }
    }
    for (const uses of this.usesByTechnique.values()) uses.sort((a, b) => compareIds(a.incidentId, b.incidentId));
  }

  /** Page counts per kind, including pages without an id. */
  counts(): KindCounts {
    return { ...this.pageCounts };
  }

  /** How many pages the catalog was built from, of every kind, including pages without an id. */
  pageCount(): number {
    return Object.values(this.pageCounts).reduce((sum, count) => sum + count, 0);
  }

  technique(id: string): CatalogTechnique | undefined {
    return this.techniqueMap.get(id);
  }

  /** All techniques in id order (sorted on first use; the catalog never changes). */
  techniques(): readonly CatalogTechnique[] {
    return (this.techniqueList ??= inIdOrder(this.techniqueMap));
  }

  tactic(id: string): CatalogTactic | undefined {
    return this.tacticMap.get(id);
  }

  /** All tactics in id order (the red framework's columns). */
  tactics(): readonly CatalogTactic[] {
    return (this.tacticList ??= inIdOrder(this.tacticMap));
  }

  incident(id: string): CatalogIncident | undefined {
    return this.incidentMap.get(id);
  }

  /** All incidents in id order. */
  incidents(): readonly CatalogIncident[] {
    return (this.incidentList ??= inIdOrder(this.incidentMap));
  }

  /** Any object with a page, by id. */
  object(id: string): CatalogObject | undefined {
    return this.objectMap.get(id);
  }

  /** Which incidents used a technique, with their descriptions, in incident order. */
  usesOf(techniqueId: string): readonly TechniqueUse[] {
    return this.usesByTechnique.get(techniqueId) ?? [];
  }

  /**
   * Autocomplete search: ids and names first, in CatalogSearch's tiers, then techniques by meaning
   * (MeaningIndex: summaries and the framework's incident descriptions), each with its reason.
   * When meaning has answers, the typo tier keeps at most a third of the room the exact tiers
   * leave, so that `impersonate a trusted contact` is not all near-miss names.
   */
  search(query: string, options: SearchOptions = {}): SearchResult[] {
    this.searchIndex ??= new CatalogSearch([...this.objectMap.values()], (id) => this.techniqueMap.get(id)?.tacticId);
    const named = this.searchIndex.search(query, options);
    const limit = options.limit ?? 20;
    if ((options.kinds && !options.kinds.includes('technique')) || isIdQuery(query)) return named;
    const strong = named.filter((r) => r.tier !== 'fuzzy');
    const room = limit - strong.length;
    if (room <= 0) return named;
    const meaning = this.meaningIndex()
      .search(query, { limit: limit * 2, exclude: strong.map((r) => r.id) })
      .filter((hit) => !options.tacticId || this.techniqueMap.get(hit.id)?.tacticId === options.tacticId);
    if (meaning.length === 0) return named;
    const fuzzy = named.filter((r) => r.tier === 'fuzzy').slice(0, Math.max(Math.ceil(room / 3), room - meaning.length));
    const kept = new Set(fuzzy.map((r) => r.id));
    const byMeaning = meaning.filter((hit) => !kept.has(hit.id)).slice(0, room - fuzzy.length);
    return [...strong, ...fuzzy, ...byMeaning.map((hit): SearchResult => ({ kind: 'technique', id: hit.id, name: hit.name, tier: 'meaning', reason: hit.reason }))];
  }

  /** Techniques a passage of a source evokes, best first, with the analyst's examples counted. */
  suggest(passage: string, examples: readonly MeaningExample[] = [], options: { limit?: number; exclude?: readonly string[] } = {}): MeaningHit[] {
    return this.meaningIndex().suggest(passage, examples, options);
  }

  /** Techniques a whole source evokes, ranked, each with the sentences that evoke it most. */
  suggestForSource(text: string, examples: readonly MeaningExample[] = [], limit = 15): SourceSuggestion[] {
    return rankSource(text, (passage, ex, options) => this.suggest(passage, ex, options), examples, limit);
  }

  /** The search by meaning, built on first use from the techniques and every incident row. */
  meaningIndex(): MeaningIndex {
    return (this.meaning ??= new MeaningIndex(this.techniques(), [...this.usesByTechnique.values()].flat()));
  }

  /** Full-text search over incident summaries and descriptions. Built on first use. */
  searchIncidentText(query: string, limit = 20): IncidentTextHit[] {
    this.textIndex ??= new IncidentTextSearch(this.incidents(), (id) => this.incidentUses(id));
    return this.textIndex.search(query, limit);
  }

  private incidentUses(incidentId: string): TechniqueUse[] {
    const incident = this.incidentMap.get(incidentId);
    if (!incident) return [];
    return incident.techniqueIds.flatMap((tid) => this.usesOf(tid).filter((u) => u.incidentId === incidentId));
  }
}

function inIdOrder<T extends { readonly id: string }>(map: ReadonlyMap<string, T>): readonly T[] {
  return [...map.values()].sort((a, b) => compareIds(a.id, b.id));
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
