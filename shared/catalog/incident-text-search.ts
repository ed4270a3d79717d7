/**
 * Full-text search over incidents: their names, summaries and the descriptions given for each
 * technique, so an analyst can ask "which incidents used encrypted chat?". Question words are
 * dropped; words match by prefix and with small typos; the best incidents come first.
 */
import MiniSearch from 'minisearch';
import type { CatalogIncident, TechniqueUse } from './catalog';
import { stripMarkup } from './description-text';

export interface IncidentTextHit {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  /** A few words around the first match in a description or the summary. */
  readonly excerpt: string;
}

/** Words that carry no meaning in a question about incidents. */
const STOP_WORDS = new Set(
  'a an and are as at be by did do does for from had has have how in incident incidents is it of on or that the their them these they this those to was were what when where which who why with used use uses using'.split(' '),
);

interface IncidentDocument {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly descriptions: string;
}

export class IncidentTextSearch {
  private readonly index: MiniSearch<IncidentDocument>;
  private readonly documents = new Map<string, IncidentDocument>();

  constructor(incidents: readonly CatalogIncident[], usesOf: (incidentId: string) => readonly TechniqueUse[]) {
    this.index = new MiniSearch<IncidentDocument>({
      fields: ['name', 'summary', 'descriptions'],
      idField: 'id',
      processTerm: (term) => {
        const lower = term.toLowerCase();
        return STOP_WORDS.has(lower) ? null : lower;
      },
      searchOptions: { boost: { name: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
    });
    for (const incident of incidents) {
      const document = { id: incident.id, name: incident.name, summary: stripMarkup(incident.summary), descriptions: usesOf(incident.id).map((u) => stripMarkup(u.description)).join('\n') };
      this.documents.set(incident.id, document);
    }
    this.index.addAll([...this.documents.values()]);
  }

  search(query: string, limit: number): IncidentTextHit[] {
    return this.index
      .search(query)
      .slice(0, limit)
      .map((hit) => {
        const document = this.documents.get(String(hit.id)) as IncidentDocument;
        return { id: document.id, name: document.name, score: hit.score, excerpt: excerptAround(`${document.summary}\n${document.descriptions}`, hit.terms) };
      });
  }
}

function excerptAround(text: string, terms: readonly string[]): string {
  const lower = text.toLowerCase();
  const at = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - 60);
  const slice = text.slice(start, start + 200).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + slice + (start + 200 < text.length ? '…' : '');
}
