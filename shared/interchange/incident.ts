/**
 * One incident as the interchange formats (STIX, Navigator, MISP) see it: its id, name, summary,
 * references and the techniques it used, each with the quote and explanation that show the use.
 * Made from a committed incident page or from a draft, so each exporter is written once.
 */
import type { Draft } from '../drafts/model';
import { parseDescription } from '../drafts/render-description';
import type { IncidentPage } from '../pages/types';

export interface InterchangeReference {
  readonly url: string;
  readonly archiveUrl: string;
  /** `YYYY/MM/DD` or '' */
  readonly pubDate: string;
  readonly authors: string;
  readonly org: string;
}

/** One technique shown by one quote. */
export interface InterchangeUse {
  readonly techniqueId: string;
  readonly quote: string;
  readonly explanation: string;
}

export interface InterchangeIncident {
  /**
   * What the deterministic ids are made from: the incident id (`I00068`), or `draft:<uuid>` for a
   * draft without one yet, so that exporting again gives the same ids.
   */
  readonly key: string;
  /** The incident id, or '' for a draft that has none yet. */
  readonly incidentId: string;
  readonly name: string;
  readonly summary: string;
  /** `YYYY-MM-DD` or '' */
  readonly dateAdded: string;
  readonly references: readonly InterchangeReference[];
  readonly uses: readonly InterchangeUse[];
}

/** A committed incident page. A description of an older shape is kept whole as the explanation. */
export function incidentFromPage(page: IncidentPage): InterchangeIncident {
  return {
    key: page.id,
    incidentId: page.id,
    name: page.name,
    summary: page.summary,
    dateAdded: page.dateAdded,
    references: page.references.map((r) => ({ url: r.url, archiveUrl: r.archiveUrl, pubDate: r.pubDate, authors: r.authors, org: r.org })),
    uses: page.techniques.map((row) => {
      const parsed = parseDescription(row.description);
      return { techniqueId: row.technique.id, quote: parsed?.quote ?? '', explanation: parsed?.explanation ?? row.description };
    }),
  };
}

/** A draft: each technique of each annotation is one use. */
export function incidentFromDraft(draft: Draft): InterchangeIncident {
  return {
    key: draft.incidentId ?? `draft:${draft.id}`,
    incidentId: draft.incidentId ?? '',
    name: draft.incident.name,
    summary: draft.incident.summary,
    dateAdded: draft.incident.dateAdded,
    references: draft.references.map((r) => ({ url: r.url, archiveUrl: r.archiveUrl, pubDate: r.pubDate, authors: r.authors, org: r.org })),
    uses: draft.annotations.flatMap((a) => a.techniqueIds.map((techniqueId) => ({ techniqueId, quote: a.quote, explanation: a.explanation }))),
  };
}

/** The incident's technique ids, each once, in first-use order. */
export function techniqueIdsOf(incident: InterchangeIncident): string[] {
  return [...new Set(incident.uses.map((u) => u.techniqueId))];
}
