/**
 * Quality of technique suggestions, held out one incident at a time over the framework's own
 * tagged descriptions: each distinct description (an incident's quote, tagged with one or more
 * techniques) is a query made of its quoted text only, every technique id and name taken out; the
 * ranking learns from every row but the held-out incident's. A query counts as found at k when
 * one of its techniques is among the first k; MRR takes the first correct technique's rank.
 */
import type { Catalog, CatalogTechnique, TechniqueUse } from '../shared/catalog';
import { descriptionParts, withoutTechniqueNames } from '../shared/catalog/description-text';

export interface HeldOutQuery {
  readonly incidentId: string;
  readonly text: string;
  readonly relevant: ReadonlySet<string>;
}

/** Ranks techniques for a text, learning from `uses` only. */
export type Ranker = (learnFrom: readonly TechniqueUse[]) => (text: string) => readonly string[];

export interface Quality {
  readonly queries: number;
  readonly incidents: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly recallAt10: number;
  readonly mrr: number;
}

/** Every use in the catalog (technique pages' incident rows, and incident pages' rows). */
export function allUses(catalog: Catalog): TechniqueUse[] {
  return catalog.techniques().flatMap((t) => [...catalog.usesOf(t.id)]);
}

/** The distinct quoted descriptions, with the techniques each was tagged with; descriptions quoting nothing are left out. */
export function heldOutQueries(catalog: Catalog): HeldOutQuery[] {
  const names = catalog.techniques().map((t) => t.name).sort((a, b) => b.length - a.length);
  const byText = new Map<string, { incidentId: string; text: string; relevant: Set<string> }>();
  for (const use of allUses(catalog)) {
    const quotes = descriptionParts(use.description).quotes;
    if (quotes.length === 0) continue;
    const key = `${use.incidentId}\n${use.description}`;
    const entry = byText.get(key) ?? { incidentId: use.incidentId, text: withoutTechniqueNames(quotes.join(' '), names), relevant: new Set<string>() };
    entry.relevant.add(use.techniqueId);
    byText.set(key, entry);
  }
  return [...byText.values()].filter((q) => q.text !== '');
}

export function heldOutQuality(catalog: Catalog, ranker: Ranker): Quality {
  const queries = heldOutQueries(catalog);
  const uses = allUses(catalog);
  const incidents = [...new Set(queries.map((q) => q.incidentId))];
  let at1 = 0;
  let at5 = 0;
  let at10 = 0;
  let reciprocal = 0;
  for (const incidentId of incidents) {
    const rank = ranker(uses.filter((u) => u.incidentId !== incidentId));
    for (const query of queries.filter((q) => q.incidentId === incidentId)) {
      const ranked = rank(query.text);
      const first = ranked.findIndex((id) => query.relevant.has(id));
      if (first === 0) at1++;
      if (first >= 0 && first < 5) at5++;
      if (first >= 0 && first < 10) at10++;
      if (first >= 0) reciprocal += 1 / (first + 1);
    }
  }
  const n = queries.length;
  return { queries: n, incidents: incidents.length, recallAt1: at1 / n, recallAt5: at5 / n, recallAt10: at10 / n, mrr: reciprocal / n };
}

/**
 * The baseline: plain TF-IDF cosine over each technique's name and summary (lower-cased words,
 * no stemming, no stop list), learning nothing from incidents.
 */
export function tfidfRanker(techniques: readonly CatalogTechnique[]): Ranker {
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const docs = techniques.map((t) => counts(words(`${t.name} ${t.summary}`)));
  const df = new Map<string, number>();
  for (const doc of docs) for (const w of doc.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((docs.length + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const vectors = docs.map((doc) => normalise(new Map([...doc].map(([w, c]) => [w, c * idf(w)]))));
  const rank = (text: string) => {
    const query = normalise(new Map([...counts(words(text))].map(([w, c]) => [w, c * idf(w)])));
    return techniques
      .map((t, i) => ({ id: t.id, score: [...query].reduce((sum, [w, v]) => sum + v * ((vectors[i] as Map<string, number>).get(w) ?? 0), 0) }))
      .sort((a, b) => b.score - a.score)
      .map((s) => s.id);
  };
  return () => rank;
}

function counts(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const w of words) map.set(w, (map.get(w) ?? 0) + 1);
  return map;
}

function normalise(vector: Map<string, number>): Map<string, number> {
  const length = Math.sqrt([...vector.values()].reduce((sum, v) => sum + v * v, 0)) || 1;
  return new Map([...vector].map(([w, v]) => [w, v / length]));
}
