/**
 * A tolerant reader for the generated part of any DISARM object page in any historical format:
 * the title line, the `**Label**:` fields and the tables. The page-kind parsers build their typed
 * objects from what this finds. It copes with what the history holds: fields written as
 * `* **Summary:**` or `**Summary**:`, values over several paragraphs, table rows whose cells hold
 * raw line breaks or raw `|`, and link paths of every depth (`../`, `../../`, none).
 */
import { splitTableRow, isDelimiterRow } from '../markdown/table-cell';
import type { ObjectLink } from './types';

/** The title line: `# Technique T0155.007: Name`, `# Technique T0039 : Name`, `# Incident : `. */
export interface Title {
  /** The word(s) before the id: Technique, Incident, Actor... */
  readonly kindWord: string;
  readonly id: string;
  readonly name: string;
}

/** A table: its header cells and its rows, each row's text as written (it may span lines). */
export interface ScannedTable {
  readonly header: readonly string[];
  readonly rows: readonly string[];
}

/** What a page's generated part holds. */
export interface ScannedPage {
  readonly title: Title;
  /** Field values by lower-cased label (`summary`, `belongs to tactic stage`...), trimmed. */
  readonly fields: ReadonlyMap<string, string>;
  readonly tables: readonly ScannedTable[];
}

const TITLE = /^#\s+([A-Za-z][A-Za-z ]*?)\s+([A-Z]{0,2}[0-9][0-9.]*\s*)?:[ \t]?(.*)$/;
const TITLE_WITHOUT_ID = /^#\s+([A-Za-z][A-Za-z ]*?)\s*:[ \t]?(.*)$/;
/** `* **Summary:** x`, `**Summary**: x`, `* **incident type**: x`. */
const FIELD = /^(?:\* )?\*\*([^*\n]+?)(?::\*\*|\*\*:)[ \t]?(.*)$/;

/** Reads a title line. */
export function parseTitle(line: string): Title | undefined {
  const withId = TITLE.exec(line);
  if (withId) return { kindWord: withId[1] as string, id: (withId[2] ?? '').trim(), name: withId[3] as string };
  const withoutId = TITLE_WITHOUT_ID.exec(line);
  if (withoutId) return { kindWord: withoutId[1] as string, id: '', name: withoutId[2] as string };
  return undefined;
}

/**
 * Scans a page's generated part (the text before the edit line). With `fieldsOnly` it stops at
 * the first table: the title and the fields are all that a catalog needs of most kinds.
 */
export function scanGenerated(generated: string, options: { fieldsOnly?: boolean } = {}): ScannedPage | { error: string } {
  const lines = generated.replace(/\r\n?/g, '\n').split('\n');
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  const title = titleIndex >= 0 ? parseTitle(lines[titleIndex] as string) : undefined;
  if (!title) return { error: `the page does not start with a title line such as "# Technique T0001: Name" (found ${JSON.stringify((lines[titleIndex] ?? '').slice(0, 60))})` };

  const fields = new Map<string, string>();
  const tables: ScannedTable[] = [];
  let field: { label: string; lines: string[] } | undefined;
  const closeField = () => {
    if (field && !fields.has(field.label)) fields.set(field.label, field.lines.join('\n').trim());
    field = undefined;
  };

  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isTableStart(lines, i)) {
      closeField();
      if (options.fieldsOnly) break;
      const table = readTable(lines, i);
      tables.push(table.table);
      i = table.next - 1;
      continue;
    }
    const match = FIELD.exec(line);
    if (match) {
      closeField();
      field = { label: (match[1] as string).trim().toLowerCase(), lines: [match[2] as string] };
      continue;
    }
    if (field) field.lines.push(line);
  }
  closeField();
  return { title, fields, tables };
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const line = lines[i] as string;
  const next = lines[i + 1];
  // Cheap tests first: this runs for every line scanned (the head of most pages of a checkout load).
  if (next === undefined || !startsWithPipe(line) || !startsWithPipe(next) || !next.includes('-')) return false;
  return isDelimiterRow(next) && !isDelimiterRow(line);
}

function startsWithPipe(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x7c) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return false;
}

/** The next line after `i` that is not blank, if any. */
function nextNonBlank(lines: readonly string[], i: number): string | undefined {
  for (let k = i + 1; k < lines.length; k++) if ((lines[k] as string).trim() !== '') return lines[k];
  return undefined;
}

/**
 * Reads a table from its header at `start`. A row that does not yet have as many cells as the
 * header, or does not end with `|`, goes on over the following lines (the generator wrote raw line
 * breaks into cells). The table ends at a blank line after a complete row, or where another table
 * or a field begins.
 */
function readTable(lines: readonly string[], start: number): { table: ScannedTable; next: number } {
  const header = splitTableRow(lines[start] as string);
  const rows: string[] = [];
  let current: string | undefined;
  let i = start + 2;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isTableStart(lines, i) || (line.startsWith('*') && FIELD.test(line))) break;
    if (current !== undefined && !rowComplete(current, header.length)) {
      current += '\n' + line;
      continue;
    }
    if (startsWithPipe(line)) {
      if (current !== undefined) rows.push(current);
      current = line;
      continue;
    }
    if (line.trim() === '') {
      // A blank line ends the table unless a continuation line of the last row follows it.
      const nextText = current === undefined ? undefined : nextNonBlank(lines, i);
      if (current === undefined || nextText === undefined || startsWithPipe(nextText) || FIELD.test(nextText) || parseTitle(nextText)) break;
      // Only a row already cut by raw line breaks goes on; a finished single-line row does not.
      if (!current.includes('\n')) break;
      current += '\n' + line;
      continue;
    }
    if (current !== undefined) current += '\n' + line;
    else break;
  }
  if (current !== undefined) rows.push(current.replace(/\n+$/, ''));
  return { table: { header, rows }, next: i };
}

function rowComplete(row: string, columns: number): boolean {
  const trimmed = row.trimEnd();
  return trimmed.endsWith('|') && countDelimiters(trimmed) >= columns + 1;
}

function countDelimiters(row: string): number {
  let count = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') count++;
  }
  return count;
}

/** `[T0001 Name](path)` at the start of a cell: the id and name; undefined when the cell is no link. */
export function parseLinkCell(cell: string): (ObjectLink & { readonly href: string }) | undefined {
  const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(cell.trim());
  if (!match) return undefined;
  const text = (match[1] as string).trim();
  const space = text.search(/\s/);
  const id = space < 0 ? text : text.slice(0, space);
  const name = space < 0 ? '' : text.slice(space).trim();
  return { id, name, href: match[2] as string };
}

/**
 * The cells of a row: the first cell (a link, for the object tables), then the rest of the row as
 * one text up to the closing `|` (so a raw `|` inside a description stays in it).
 */
export function splitLinkRow(row: string): { first: string; rest: string } {
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const link = /^\s*\[[^\]]*\]\([^)]*\)\s*/.exec(body);
  if (link) {
    const after = body.slice(link[0].length);
    return { first: link[0].trim(), rest: after.replace(/^\|/, '').trim() };
  }
  const cells = splitTableRow(row);
  return { first: cells[0] ?? '', rest: cells.slice(1).join(' | ') };
}
