/**
 * Rows of the newest format's object tables: `| [ID Name](../../generated_pages/<folder>/ID.md) | cell | ... |`.
 * Cells are kept as written; a raw `|` inside a description stays in it (the generator wrote some).
 */
import { renderTableRow } from '../markdown/table-cell';
import type { CounterRow, ObjectLink } from './types';

const LINK_ROW = /^\| \[([^\]\n]*)\]\(([^)\n]*)\) \| ([\s\S]*) \|$/;

/** The canonical link target the generator writes from a page to another object's page. */
function pageHref(folder: string, id: string): string {
  return `../../generated_pages/${folder}/${id}.md`;
}

/** Splits a block of rows (each ending with a line break) into row texts; a row may span lines. */
export function splitRowsBlock(block: string): string[] {
  if (block === '') return [];
  const text = block.endsWith('\n') ? block.slice(0, -1) : block;
  // A row starts at a line beginning `| [` (or `|[`); other lines continue the row before them.
  const rows: string[] = [];
  let start = 0;
  for (let at = text.indexOf('\n|'); at >= 0; at = text.indexOf('\n|', at + 1)) {
    const next = text.charCodeAt(at + 2) === 0x20 ? at + 3 : at + 2;
    if (text.charCodeAt(next) !== 0x5b) continue;
    rows.push(text.slice(start, at));
    start = at + 1;
  }
  rows.push(text.slice(start));
  return rows;
}

/** `T0155.007 Encrypted Communication Channel` -> id and name (the generator joins them with one space). */
export function splitLinkText(text: string): ObjectLink {
  const space = text.indexOf(' ');
  return space < 0 ? { id: text, name: '' } : { id: text.slice(0, space), name: text.slice(space + 1) };
}

/** Parses a block of `| [ID Name](href) | rest |` rows; rows of another shape are skipped. */
export function parseLinkRows(block: string): { link: ObjectLink; href: string; rest: string }[] {
  const rows: { link: ObjectLink; href: string; rest: string }[] = [];
  for (const row of splitRowsBlock(block)) {
    const parsed = parseLinkRow(row);
    if (parsed) rows.push(parsed);
  }
  return rows;
}

/** `| [text](href) | rest |` read with string searches (the hot path of loading a checkout). */
function parseLinkRow(row: string): { link: ObjectLink; href: string; rest: string } | undefined {
  if (!row.startsWith('| [') || !row.endsWith(' |')) return undefined;
  const textEnd = row.indexOf('](', 3);
  if (textEnd < 0) return undefined;
  const hrefEnd = row.indexOf(') | ', textEnd + 2);
  if (hrefEnd < 0 || hrefEnd + 4 > row.length - 2) return linkRowByPattern(row);
  const text = row.slice(3, textEnd);
  const href = row.slice(textEnd + 2, hrefEnd);
  if (text.includes(']') || text.includes('\n') || href.includes('\n')) return linkRowByPattern(row);
  return { link: splitLinkText(text), href, rest: row.slice(hrefEnd + 4, row.length - 2) };
}

function linkRowByPattern(row: string): { link: ObjectLink; href: string; rest: string } | undefined {
  const match = LINK_ROW.exec(row);
  return match ? { link: splitLinkText(match[1] as string), href: match[2] as string, rest: match[3] as string } : undefined;
}

/** Parses a block of counter rows: `| [C00006 Name](href) | D02 |`. */
export function parseCounterRows(block: string): CounterRow[] {
  return parseLinkRows(block).map(({ link, rest }) => ({ counter: link, responseTypes: rest }));
}

/** Renders one link row with its other cells, ending with a line break. */
export function renderLinkRow(link: ObjectLink, folder: string, cells: readonly string[]): string {
  return renderTableRow([`[${link.id} ${link.name}](${pageHref(folder, link.id)})`, ...cells]) + '\n';
}
