/**
 * A draft as master-data rows: what the maintainers paste into DISARM_DATA_MASTER.xlsx (sheets
 * `incidents`, `urls`, `incidenttechniques`), from which their generator writes the pages. The
 * column lists are the spreadsheet's own header rows (a test reads them from the fixture's
 * spreadsheet and compares). Cell values follow the spreadsheet's habits: empty cells are null,
 * `year_started` is a number, several URLs are separated by one space, several technique ids by
 * commas. And the reverse, rows to a draft, so existing incidents can be opened as drafts.
 */
import { compareIds } from '../ids';
import { EDIT_LINE } from '../edit-line';
import type { Annotation, Draft, IncidentFields, Reference } from './model';
import { frameworkTextToField, plainLine } from './framework-text';
import { parseDescription, renderDescription } from './render-description';

/** The `incidents` sheet's columns, in order. */
export const INCIDENT_COLUMNS = ['disarm_id', 'name', 'objecttype', 'summary', 'year_started', 'attributions_seen', 'found_in_country', 'urls', 'notes', 'when_added', 'found_via', 'longname'] as const;
/** The `urls` sheet's columns, in order. */
export const URL_COLUMNS = ['url_id', 'pub_date', 'authors', 'org', 'archive_link'] as const;
/** The `incidenttechniques` sheet's columns, in order. */
export const INCIDENT_TECHNIQUE_COLUMNS = ['disarm_id', 'name', 'incident_id', 'technique_ids', 'summary'] as const;

/** One cell: text, a number, or empty. */
export type Cell = string | number | null;
export type IncidentRow = Record<(typeof INCIDENT_COLUMNS)[number], Cell>;
export type UrlRow = Record<(typeof URL_COLUMNS)[number], Cell>;
export type IncidentTechniqueRow = Record<(typeof INCIDENT_TECHNIQUE_COLUMNS)[number], Cell>;

/** The three sheets' rows for one incident. */
export interface MasterRows {
  readonly incidents: IncidentRow[];
  readonly urls: UrlRow[];
  readonly incidenttechniques: IncidentTechniqueRow[];
}

/** The sheet names, with their columns, in the order they are written. */
export const MASTER_SHEETS = [
  { name: 'incidents', columns: INCIDENT_COLUMNS },
  { name: 'urls', columns: URL_COLUMNS },
  { name: 'incidenttechniques', columns: INCIDENT_TECHNIQUE_COLUMNS },
] as const;

/** Thrown when a draft is not ready to become rows (no ids yet). */
export class NotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReadyError';
  }
}

const orNull = (text: string): Cell => (text.trim() === '' ? null : text);

/** The year as the spreadsheet holds it: a number when it is one, else the text. */
function yearCell(year: string): Cell {
  const trimmed = year.trim();
  if (trimmed === '') return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An annotation's technique ids as rows and pages carry them: trimmed, blank ones left out. */
export function techniqueIdsOf(annotation: Annotation): string[] {
  return annotation.techniqueIds.map((id) => id.trim()).filter((id) => id !== '');
}

/** The annotations that become rows: those with at least one technique. */
export function taggedAnnotations(draft: Draft): Annotation[] {
  return draft.annotations.filter((a) => techniqueIdsOf(a).length > 0);
}

/** The draft's rows. The draft must have its incident id and a link id on every tagged annotation. */
export function draftToMasterRows(draft: Draft, marker: string = EDIT_LINE): MasterRows {
  const id = draft.incidentId;
  if (!id) throw new NotReadyError('The draft has no incident id yet: allocate one first.');
  const tagged = taggedAnnotations(draft);
  const missing = tagged.filter((a) => !a.linkId).length;
  if (missing > 0) throw new NotReadyError(`${missing} tagged quote(s) have no IT id yet: allocate ids first.`);
  const f = draft.incident;
  const name = plainLine(f.name, marker);
  const incident: IncidentRow = {
    disarm_id: id,
    name,
    objecttype: orNull(plainLine(f.type, marker)),
    summary: orNull(frameworkTextToField(f.summary, marker)),
    year_started: yearCell(f.yearStarted),
    attributions_seen: orNull(plainLine(f.attributedTo, marker)),
    found_in_country: orNull(plainLine(f.foundInCountry, marker)),
    urls: orNull(draft.references.map((r) => r.url.trim()).filter((u) => u !== '').join(' ')),
    notes: orNull(f.notes),
    when_added: orNull(f.dateAdded.trim()),
    found_via: orNull(plainLine(f.foundVia, marker)),
    longname: `${id} - ${name}`,
  };
  const urls: UrlRow[] = draft.references
    .filter((r) => r.url.trim() !== '')
    .map((r) => ({ url_id: r.url.trim(), pub_date: orNull(r.pubDate.trim()), authors: orNull(plainLine(r.authors, marker)), org: orNull(plainLine(r.org, marker)), archive_link: orNull(r.archiveUrl.trim()) }));
  const incidenttechniques: IncidentTechniqueRow[] = tagged.map((a) => ({
    disarm_id: a.linkId as string,
    name: renderDescription(a.quote, a.explanation, marker),
    incident_id: id,
    technique_ids: techniqueIdsOf(a).join(','),
    summary: null,
  }));
  incidenttechniques.sort((a, b) => compareIds(String(a.disarm_id), String(b.disarm_id)));
  return { incidents: [incident], urls, incidenttechniques };
}

/** Cell text, for reading rows back. */
function text(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : String(cell);
}

/** What masterRowsToDraftContent needs to give parts their ids. */
export interface RowsToDraftContext {
  readonly newId: () => string;
}

/**
 * An existing incident's rows as draft content: the incident row, its URL rows (matched by URL),
 * and its incident-technique rows (each becomes an annotation with its technique ids). Rows are
 * objects keyed by column name, as read from the spreadsheet.
 */
export function masterRowsToDraftContent(
  incident: Readonly<Record<string, unknown>>,
  urls: readonly Readonly<Record<string, unknown>>[],
  links: readonly Readonly<Record<string, unknown>>[],
  context: RowsToDraftContext,
): { incidentId: string; incident: IncidentFields; references: Reference[]; annotations: Annotation[] } {
  const incidentId = text(incident.disarm_id);
  const wanted = text(incident.urls).split(/\s+/).filter((u) => u !== '');
  const references = wanted.flatMap((url) => {
    const row = urls.find((r) => text(r.url_id).trim() === url);
    if (!row) return [];
    return [{ id: context.newId(), url, pubDate: text(row.pub_date), authors: text(row.authors), org: text(row.org), archiveUrl: text(row.archive_link) }];
  });
  const annotations = links
    .filter((row) => text(row.incident_id) === incidentId)
    .map((row) => {
      const description = text(row.name);
      const parts = parseDescription(description) ?? { quote: '', explanation: description };
      return {
        id: context.newId(),
        quote: parts.quote,
        techniqueIds: text(row.technique_ids).split(',').map((t) => t.trim()).filter((t) => t !== ''),
        explanation: parts.explanation,
        review: 'accepted' as const,
        linkId: text(row.disarm_id),
      };
    });
  return {
    incidentId,
    incident: {
      name: text(incident.name),
      summary: text(incident.summary),
      type: text(incident.objecttype),
      yearStarted: text(incident.year_started),
      attributedTo: text(incident.attributions_seen),
      foundInCountry: text(incident.found_in_country),
      foundVia: text(incident.found_via),
      dateAdded: text(incident.when_added),
      notes: text(incident.notes),
    },
    references,
    annotations,
  };
}
