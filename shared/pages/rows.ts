/**
 * Rows of the newest format's object tables: `| [ID Name](../../generated_pages/<folder>/ID.md) | cell | ... |`.
 * Cells are kept as written; a raw `|` inside a description stays in it (the generator wrote some).
 */
import type { CounterRow, ObjectLink } from './types';

const LINK_ROW = /^\| \[([^\]\n]*)\]\(([^)\n]*)\) \| ([\s\S]*) \|$/;

/** The canonical link target the generator writes from a page to another object's page. */
export function pageHref(folder: string, id: string): string {
  return `../../generated_pages/${folder}/${id}.md`;
}

/** Splits a block of rows (each ending with a line break) into row texts; a row may span lines. */
export function splitRowsBlock(block: string): string[] {
  if (block === '') return [];
  return block.replace(/\n$/, '').split(/\n(?=\| ?\[)/);
}

/** `T0155.007 Encrypted Communication Channel` -> id and name (the generator joins them with one space). */
export function splitLinkText(text: string): ObjectLink {
  const space = text.indexOf(' ');
  return space < 0 ? { id: text, name: '' } : { id: text.slice(0, space), name: text.slice(space + 1) };
}

/** Parses a block of `| [ID Name](href) | rest |` rows; rows of another shape are skipped. */
export function parseLinkRows(block: string): { link: ObjectLink; href: string; rest: string }[] {
  return splitRowsBlock(block).flatMap((row) => {
    const match = LINK_ROW.exec(row);
    return match ? [{ link: splitLinkText(match[1] as string), href: match[2] as string, rest: match[3] as string }] : [];
  });
}

/** Parses a block of counter rows: `| [C00006 Name](href) | D02 |`. */
export function parseCounterRows(block: string): CounterRow[] {
  return parseLinkRows(block).map(({ link, rest }) => ({ counter: link, responseTypes: rest }));
}

/** Renders one link row with its other cells, ending with a line break. */
export function renderLinkRow(link: ObjectLink, folder: string, cells: readonly string[]): string {
  return `| [${link.id} ${link.name}](${pageHref(folder, link.id)}) | ${cells.join(' | ')} |\n`;
}
