/**
 * Technique pages: read every historical format, write the newest one byte for byte.
 *
 * Newest format (2025-02):
 *   # Technique T0155.007: Encrypted Communication Channel
 *   **Summary**: ...
 *   **Tactic**: TA07 Select Channels and Affordances <br><br>**Parent Technique:** T0155 Gated Asset
 *   | Associated Technique | Description |        (then | Incident | ... | and | Counters | ... |)
 * Legacy formats: `* **Summary**:`, `* **Belongs to tactic stage**: TA07`, no associated table,
 * and one version with spaces instead of `<br><br>` before the parent.
 */
import { EDIT_LINE, splitAtEditLine, type SplitPage } from '../edit-line';
import { PAGE_FOLDERS } from '../ids';
import { parseCounterRows, parseLinkRows, renderLinkRow, splitLinkText } from './rows';
import { scannedBase, scannedLinkRows, scanPageOfKind } from './scanned-page';
import { pageWarnings, type DescribedRow } from './warnings';
import type { AssociatedTechniqueRow, ObjectLink, ParseResult, TechniqueIncidentRow, TechniquePage } from './types';

const NEWEST = new RegExp(
  '^# Technique ([^\\n:]*): ([^\\n]*)\\n\\n' +
    '\\*\\*Summary\\*\\*: ([\\s\\S]*?)\\n\\n' +
    '\\*\\*Tactic\\*\\*: ([^\\n]*)\\n\\n\\n' +
    '\\| Associated Technique \\| Description \\|\\n\\| --------- \\| ------------------------- \\|\\n([\\s\\S]*?)\\n\\n\\n' +
    '\\| Incident \\| Descriptions given for this incident \\|\\n\\| -------- \\| -------------------- \\|\\n([\\s\\S]*?)\\n\\n\\n' +
    '\\| Counters \\| Response types \\|\\n\\| -------- \\| -------------- \\|\\n([\\s\\S]*?)\\n\\n$',
);

/** `TA07 Select Channels <br><br>**Parent Technique:** T0155 Gated Asset` (or spaces instead of `<br><br>`). */
const TACTIC_WITH_PARENT = /^(\S*) (.*?) ?(?:<br><br>|\s+)\*\*Parent Technique:\*\* ?(\S*) ?(.*)$/;

/** Parses a technique page of any format. */
export function parseTechniquePage(text: string, marker: string = EDIT_LINE): ParseResult<TechniquePage> {
  const split = splitAtEditLine(text, marker);
  const newest = NEWEST.exec(split.generated);
  if (newest) {
    const [, id, name, summary, tacticPart, associated, incidents, counters] = newest as unknown as string[];
    const { tactic, parent } = parseTacticPart(tacticPart as string);
    const incidentRows = parseLinkRows(incidents as string).map(({ link, rest }) => ({ incident: link, description: rest }));
    const page: TechniquePage = {
      kind: 'technique',
      id: id as string,
      name: name as string,
      summary: summary as string,
      tactic,
      parent,
      associated: parseLinkRows(associated as string).map(({ link, rest }) => ({ technique: link, description: rest })),
      incidents: incidentRows,
      counters: parseCounterRows(counters as string),
      hasEditLine: split.hasLine,
      notes: split.notes,
      format: 'newest',
      warnings: pageWarnings('technique', id as string, split.hasLine, described(incidentRows)),
    };
    // Only claim the newest format when writing it back gives the same bytes.
    if (renderTechniqueGenerated(page) === split.generated) return { ok: true, page };
  }
  return parseLegacy(split);
}

function parseTacticPart(part: string): { tactic: ObjectLink | undefined; parent: ObjectLink | undefined } {
  const withParent = TACTIC_WITH_PARENT.exec(part);
  if (withParent) {
    return { tactic: { id: withParent[1] as string, name: withParent[2] as string }, parent: { id: withParent[3] as string, name: (withParent[4] as string).trimEnd() } };
  }
  const trimmed = part.trim();
  return { tactic: trimmed === '' ? undefined : splitLinkText(trimmed), parent: undefined };
}

function parseLegacy(split: SplitPage): ParseResult<TechniquePage> {
  const scanned = scanPageOfKind('technique', split);
  if ('reason' in scanned) return { ok: false, reason: scanned.reason };
  const tacticField = scanned.fields.get('tactic') ?? scanned.fields.get('belongs to tactic stage') ?? '';
  const { tactic, parent } = parseTacticPart(tacticField);
  const incidents: TechniqueIncidentRow[] = [];
  const associated: AssociatedTechniqueRow[] = [];
  let counters: TechniquePage['counters'] = [];
  for (const table of scanned.tables) {
    const head = (table.header[0] ?? '').toLowerCase();
    if (head === 'incident') incidents.push(...scannedLinkRows(table.rows).map(({ link, rest }) => ({ incident: link, description: rest })));
    else if (head === 'associated technique') associated.push(...scannedLinkRows(table.rows).map(({ link, rest }) => ({ technique: link, description: rest })));
    else if (head === 'counters') counters = scannedLinkRows(table.rows).map(({ link, rest }) => ({ counter: link, responseTypes: rest }));
  }
  const page: TechniquePage = { ...scannedBase('technique', split, scanned, described(incidents)), kind: 'technique', tactic, parent, associated, incidents, counters };
  return { ok: true, page };
}

/** The incident rows as the warnings judge them. */
function described(incidents: readonly TechniqueIncidentRow[]): DescribedRow[] {
  return incidents.map((row) => ({ id: row.incident.id, description: row.description }));
}

/** Renders the generated part of a technique page in the newest format (up to, not including, the edit line). */
export function renderTechniqueGenerated(page: TechniquePage): string {
  const tactic = page.tactic ? `${page.tactic.id} ${page.tactic.name}` : '';
  const parent = page.parent ? `<br><br>**Parent Technique:** ${page.parent.id} ${page.parent.name}` : '';
  return (
    `# Technique ${page.id}: ${page.name}\n\n` +
    `**Summary**: ${page.summary}\n\n` +
    `**Tactic**: ${tactic} ${parent}\n\n\n` +
    '| Associated Technique | Description |\n| --------- | ------------------------- |\n' +
    page.associated.map((row) => renderLinkRow(row.technique, PAGE_FOLDERS.technique, [row.description])).join('') +
    '\n\n\n| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n' +
    page.incidents.map((row) => renderLinkRow(row.incident, PAGE_FOLDERS.incident, [row.description])).join('') +
    '\n\n\n| Counters | Response types |\n| -------- | -------------- |\n' +
    page.counters.map((row) => renderLinkRow(row.counter, PAGE_FOLDERS.counter, [row.responseTypes])).join('') +
    '\n\n'
  );
}

/** Renders a whole technique page in the newest format: generated part, edit line, notes verbatim. */
export function renderTechniquePage(page: TechniquePage, marker: string = EDIT_LINE): string {
  return renderTechniqueGenerated(page) + marker + page.notes;
}

