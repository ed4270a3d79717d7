/**
 * Incident pages: read every historical format, write the newest one byte for byte.
 *
 * Newest format (2025-02): the bullet fields (`* **Summary:**`, `* **incident type**:`,
 * `* **Year started:**`, `* **Countries:** <from> , <to>`, `* **Found via:**`, `* **Date added:**`),
 * a `| Reference | Pub Date | Authors | Org | Archive |` table and a
 * `| Technique | Description given for this incident |` table. Before 2025-02 each description
 * began with its `IT00000219` link id; before 2024-05 there was no reference table, then for a
 * while a one-column `| Reference(s) |` table.
 */
import { EDIT_LINE, splitAtEditLine, type SplitPage } from '../edit-line';
import { PAGE_FOLDERS } from '../ids';
import { parseLinkRows, renderLinkRow, splitRowsBlock } from './rows';
import { parseLinkCell, splitLinkRow, type ScannedTable } from './scan';
import { scannedBase, scannedLinkRows, scanPageOfKind } from './scanned-page';
import { pageWarnings, type DescribedRow } from './warnings';
import type { IncidentPage, IncidentReference, IncidentTechniqueRow, ParseResult } from './types';

const NEWEST = new RegExp(
  '^# Incident ([^\\n:]*): ([^\\n]*)\\n\\n' +
    '\\* \\*\\*Summary:\\*\\* ([\\s\\S]*?)\\n\\n' +
    '\\* \\*\\*incident type\\*\\*: ([\\s\\S]*?)\\n\\n' +
    '\\* \\*\\*Year started:\\*\\* ([\\s\\S]*?)\\n\\n' +
    '\\* \\*\\*Countries:\\*\\* ([\\s\\S]*?) , ([\\s\\S]*?)\\n\\n' +
    '\\* \\*\\*Found via:\\*\\* ([\\s\\S]*?)\\n\\n' +
    '\\* \\*\\*Date added:\\*\\* ([\\s\\S]*?)\\n\\n\\n' +
    '\\| Reference \\| Pub Date \\| Authors \\| Org \\| Archive \\|\\n\\| --------- \\| -------- \\| ------- \\| --- \\| ------- \\|\\n([\\s\\S]*?)\\n \\n\\n' +
    '\\| Technique \\| Description given for this incident \\|\\n\\| --------- \\| ------------------------- \\|\\n([\\s\\S]*?)\\n\\n$',
);

/** `| [url](url) | 2024/04/10 | Authors | Org | [archive](archive) |`; authors may hold a raw line break. */
const REFERENCE_ROW = /^\| \[([^\]]*)\]\(([^)]*)\) \| ([\s\S]*?) \| ([\s\S]*?) \| ([\s\S]*?) \| \[([^\]]*)\]\(([^)]*)\) \|$/;
const LINK_ID = /^(IT\d{8})\s+/;

/** Parses an incident page of any format. */
export function parseIncidentPage(text: string, marker: string = EDIT_LINE): ParseResult<IncidentPage> {
  const split = splitAtEditLine(text, marker);
  const newest = NEWEST.exec(split.generated);
  if (newest) {
    const [, id, name, summary, incidentType, yearStarted, attributedTo, foundInCountry, foundVia, dateAdded, references, techniques] = newest as unknown as string[];
    const parsedReferences = splitRowsBlock(references as string).map(parseReferenceRow);
    if (parsedReferences.every((r): r is IncidentReference => r !== undefined)) {
      const techniqueRows = parseLinkRows(techniques as string).map(({ link, rest }) => ({ technique: link, linkId: '', description: rest }));
      const page: IncidentPage = {
        kind: 'incident',
        id: id as string,
        name: name as string,
        summary: summary as string,
        incidentType: incidentType as string,
        yearStarted: yearStarted as string,
        attributedTo: attributedTo as string,
        foundInCountry: foundInCountry as string,
        foundVia: foundVia as string,
        dateAdded: dateAdded as string,
        references: parsedReferences,
        techniques: techniqueRows,
        hasEditLine: split.hasLine,
        notes: split.notes,
        format: 'newest',
        warnings: pageWarnings('incident', id as string, split.hasLine, described(techniqueRows)),
      };
      if (renderIncidentGenerated(page) === split.generated) return { ok: true, page };
    }
  }
  return parseLegacy(split);
}

function parseReferenceRow(row: string): IncidentReference | undefined {
  const match = REFERENCE_ROW.exec(row);
  if (!match) return undefined;
  const [, title, url, pubDate, authors, org, archiveTitle, archiveUrl] = match as unknown as string[];
  return { title: title as string, url: url as string, pubDate: pubDate as string, authors: authors as string, org: org as string, archiveTitle: archiveTitle as string, archiveUrl: archiveUrl as string };
}

function parseLegacy(split: SplitPage): ParseResult<IncidentPage> {
  const scanned = scanPageOfKind('incident', split);
  if ('reason' in scanned) return { ok: false, reason: scanned.reason };
  const countries = scanned.fields.get('countries') ?? '';
  const comma = countries.indexOf(' , ');
  const references: IncidentReference[] = [];
  const techniques: IncidentTechniqueRow[] = [];
  for (const table of scanned.tables) {
    const head = (table.header[0] ?? '').toLowerCase();
    if (head.startsWith('reference')) references.push(...legacyReferences(table));
    else if (head === 'technique') techniques.push(...legacyTechniques(table));
  }
  const page: IncidentPage = {
    ...scannedBase('incident', split, scanned, described(techniques)),
    kind: 'incident',
    incidentType: scanned.fields.get('incident type') ?? '',
    yearStarted: scanned.fields.get('year started') ?? '',
    attributedTo: comma < 0 ? countries : countries.slice(0, comma).trim(),
    foundInCountry: comma < 0 ? '' : countries.slice(comma + 3).trim(),
    foundVia: scanned.fields.get('found via') ?? '',
    dateAdded: scanned.fields.get('date added') ?? '',
    references,
    techniques,
  };
  return { ok: true, page };
}

function legacyReferences(table: ScannedTable): IncidentReference[] {
  return table.rows.map((row) => {
    const full = parseReferenceRow(row.trim());
    if (full) return full;
    const { first, rest } = splitLinkRow(row);
    const link = parseLinkCell(first);
    const cells = rest.split(' | ');
    return { title: link ? `${link.id}${link.name ? ' ' + link.name : ''}` : first, url: link?.href ?? '', pubDate: cells[0] ?? '', authors: cells[1] ?? '', org: cells[2] ?? '', archiveTitle: '', archiveUrl: '' };
  });
}

function legacyTechniques(table: ScannedTable): IncidentTechniqueRow[] {
  return scannedLinkRows(table.rows).map(({ link, rest }) => {
    const linkId = LINK_ID.exec(rest);
    return { technique: link, linkId: linkId ? (linkId[1] as string) : '', description: linkId ? rest.slice(linkId[0].length) : rest };
  });
}

/** The technique rows as the warnings judge them. */
function described(techniques: readonly IncidentTechniqueRow[]): DescribedRow[] {
  return techniques.map((row) => ({ id: row.technique.id, description: row.description }));
}

/** Renders one reference row, the generator's way. */
function renderReferenceRow(reference: IncidentReference): string {
  return `| [${reference.title}](${reference.url}) | ${reference.pubDate} | ${reference.authors} | ${reference.org} | [${reference.archiveTitle}](${reference.archiveUrl}) |\n`;
}

/** Renders the generated part of an incident page in the newest format (up to, not including, the edit line). */
export function renderIncidentGenerated(page: IncidentPage): string {
  return (
    `# Incident ${page.id}: ${page.name}\n\n` +
    `* **Summary:** ${page.summary}\n\n` +
    `* **incident type**: ${page.incidentType}\n\n` +
    `* **Year started:** ${page.yearStarted}\n\n` +
    `* **Countries:** ${page.attributedTo} , ${page.foundInCountry}\n\n` +
    `* **Found via:** ${page.foundVia}\n\n` +
    `* **Date added:** ${page.dateAdded}\n\n\n` +
    '| Reference | Pub Date | Authors | Org | Archive |\n| --------- | -------- | ------- | --- | ------- |\n' +
    page.references.map(renderReferenceRow).join('') +
    '\n \n\n| Technique | Description given for this incident |\n| --------- | ------------------------- |\n' +
    page.techniques.map((row) => renderLinkRow(row.technique, PAGE_FOLDERS.technique, [row.description])).join('') +
    '\n\n'
  );
}

/** Renders a whole incident page in the newest format: generated part, edit line, notes verbatim. */
export function renderIncidentPage(page: IncidentPage, marker: string = EDIT_LINE): string {
  return renderIncidentGenerated(page) + marker + page.notes;
}
