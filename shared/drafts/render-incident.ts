/**
 * A draft as framework pages: the new incident page in the newest generator format (through
 * shared/pages, the same renderer the guard checks new pages against, so the result passes it by
 * construction), its notes below the edit line, and the notes entry each tagged technique page
 * gains below its own line. Every note is a workbench block (notes-blocks.ts) so that applying
 * the draft again replaces its own entries and nothing else.
 *
 * Values go on the page the way the maintainers' generator writes them from the master data
 * (see master-rows.ts): the year as the spreadsheet's number is printed (`2016.0`), an empty
 * field as nothing, the reference's URL as its own link text.
 */
import { EDIT_LINE, splitAtEditLine } from '../edit-line';
import { compareIds, PAGE_FOLDERS } from '../ids';
import { renderIncidentGenerated, renderLinkRow } from '../pages';
import type { IncidentPage, IncidentTechniqueRow } from '../pages/types';
import type { Draft } from './model';
import type { FrameworkLookup } from './framework-lookup';
import { frameworkTextToField, plainLine } from './framework-text';
import { taggedAnnotations, techniqueIdsOf } from './master-rows';
import { generatedRepeats, TECHNIQUE_INCIDENTS_HEADER } from './block-lifecycle';
import { upsertBlock } from './notes-blocks';
import { renderDescription } from './render-description';

/** Thrown when a draft cannot be rendered yet (no incident id). */
class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/** The year as the generator prints the spreadsheet's number (pandas reads the column as floats). */
export function renderYear(year: string): string {
  const trimmed = year.trim();
  return /^\d{1,4}$/.test(trimmed) ? `${Number(trimmed)}.0` : plainLine(trimmed);
}

/**
 * The technique table rows of a draft: one per (tagged quote, technique), ordered by technique id
 * then by IT id, as the generator orders them. A technique the framework does not know keeps its
 * id with an empty name (validation reports it before anything is written).
 */
export function techniqueRows(draft: Draft, lookup: FrameworkLookup, marker: string = EDIT_LINE): IncidentTechniqueRow[] {
  const rows: { row: IncidentTechniqueRow; linkId: string; order: number }[] = [];
  taggedAnnotations(draft).forEach((annotation, order) => {
    const description = renderDescription(annotation.quote, annotation.explanation, marker);
    const ids = [...new Set(techniqueIdsOf(annotation))];
    for (const id of ids) {
      rows.push({ row: { technique: { id, name: plainLine(lookup.technique(id)?.name ?? '', marker) }, linkId: '', description }, linkId: annotation.linkId ?? '', order });
    }
  });
  rows.sort((a, b) => compareIds(a.row.technique.id, b.row.technique.id) || compareIds(a.linkId, b.linkId) || a.order - b.order);
  return rows.map((r) => r.row);
}

/** The draft as an incident page (without notes). */
function draftToIncidentPage(draft: Draft, lookup: FrameworkLookup, marker: string = EDIT_LINE): IncidentPage {
  const id = draft.incidentId;
  if (!id) throw new RenderError('The draft has no incident id yet: allocate one first.');
  const f = draft.incident;
  return {
    kind: 'incident',
    id,
    name: plainLine(f.name, marker),
    summary: frameworkTextToField(f.summary, marker).replace(/\n+$/, ''),
    incidentType: plainLine(f.type, marker),
    yearStarted: renderYear(f.yearStarted),
    attributedTo: plainLine(f.attributedTo, marker),
    foundInCountry: plainLine(f.foundInCountry, marker),
    foundVia: plainLine(f.foundVia, marker),
    dateAdded: plainLine(f.dateAdded.trim(), marker),
    references: draft.references
      .filter((r) => r.url.trim() !== '')
      .map((r) => ({
        title: r.url.trim(),
        url: r.url.trim(),
        pubDate: plainLine(r.pubDate.trim(), marker),
        authors: plainLine(r.authors, marker),
        org: plainLine(r.org, marker),
        archiveTitle: r.archiveUrl.trim(),
        archiveUrl: r.archiveUrl.trim(),
      })),
    techniques: techniqueRows(draft, lookup, marker),
    hasEditLine: true,
    notes: '',
    format: 'newest',
    warnings: [],
  };
}

/** The generated part of the draft's incident page (up to, not including, the edit line). */
export function renderDraftIncidentGenerated(draft: Draft, lookup: FrameworkLookup, marker: string = EDIT_LINE): string {
  return renderIncidentGenerated(draftToIncidentPage(draft, lookup, marker));
}

/** The body of the draft's block below the incident page's line: the analyst's notes. */
function incidentNotesBody(draft: Draft): string {
  return draft.incident.notes.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}

/**
 * The whole incident page. `existing` is the page as it is in the checkout, if the draft was
 * applied before: its generated part is replaced (the page is still the draft's own), and its
 * notes keep everything but the draft's own block, which is updated in place.
 */
export function renderDraftIncidentPage(draft: Draft, lookup: FrameworkLookup, existing?: string, marker: string = EDIT_LINE): string {
  const generated = renderDraftIncidentGenerated(draft, lookup, marker);
  const notes = existing === undefined ? '' : splitAtEditLine(existing, marker).notes;
  return generated + marker + upsertBlock(notes, draft.id, draft.incidentId as string, incidentNotesBody(draft));
}

/**
 * The body of the draft's entry on one technique page: a table in the generated part's own shape
 * (`| Incident | Descriptions given for this incident |`) holding the row the maintainers'
 * generator will write for the incident once its master rows are pasted: ONE row, whose cell is
 * the description of every quote tagged with the technique, in IT-id order (the order the rows are
 * exported, so the sheet's order), joined by ", ". Byte for byte that row, so that after
 * regeneration the block is recognisably redundant (see block-lifecycle.ts). Undefined when no
 * quote is tagged with it.
 */
function techniqueNotesBody(draft: Draft, techniqueId: string, marker: string = EDIT_LINE): string | undefined {
  const id = draft.incidentId;
  if (!id) throw new RenderError('The draft has no incident id yet: allocate one first.');
  const quotes = taggedAnnotations(draft)
    .filter((a) => techniqueIdsOf(a).includes(techniqueId))
    .sort((a, b) => compareIds(a.linkId ?? '', b.linkId ?? ''));
  if (quotes.length === 0) return undefined;
  const incident = { id, name: plainLine(draft.incident.name, marker) };
  return TECHNIQUE_INCIDENTS_HEADER + renderLinkRow(incident, PAGE_FOLDERS.incident, [quotes.map((a) => renderDescription(a.quote, a.explanation, marker)).join(', ')]);
}

/** The technique ids the draft tags, each once, in id order. */
export function taggedTechniqueIds(draft: Draft): string[] {
  return [...new Set(taggedAnnotations(draft).flatMap(techniqueIdsOf))].sort(compareIds);
}

/**
 * A technique page with the draft's entry set below its line (added, updated in place, or removed
 * when the draft no longer tags the technique, or when the generated part already lists the
 * incident with the entry's very rows: the maintainers took it, and the entry would only repeat
 * it). The generated part and the line are kept byte for byte, and so is every other note.
 */
export function applyDraftToTechniquePage(text: string, draft: Draft, techniqueId: string, marker: string = EDIT_LINE): string {
  const split = splitAtEditLine(text, marker);
  if (!split.hasLine) throw new RenderError(`The page of ${techniqueId} has no edit line: nothing can be added to it.`);
  const incidentId = draft.incidentId as string;
  const body = techniqueNotesBody(draft, techniqueId, marker);
  const needed = body !== undefined && !generatedRepeats(split.generated, incidentId, body);
  return split.generated + split.line + upsertBlock(split.notes, draft.id, incidentId, needed ? body : undefined);
}
