/**
 * The oddities that do not stop a page from parsing, judged one way for every kind of page, so the
 * library, `index` and the catalog overview report the same page the same way.
 */
import type { PageKind } from '../ids';

/** A table row's object id and the free-text cell that follows it. */
export interface DescribedRow {
  readonly id: string;
  readonly description: string;
}

/**
 * The warnings of a parsed page: a title without an id, no edit line, and description cells that
 * hold a raw `|` (which splits the cell when the table is rendered).
 */
export function pageWarnings(kind: PageKind, id: string, hasEditLine: boolean, rows: Iterable<DescribedRow> = []): string[] {
  const warnings: string[] = [];
  if (id === '') warnings.push(`the title has no ${kind} id (an empty row of the master data?)`);
  if (!hasEditLine) warnings.push('the page has no edit line');
  for (const row of rows) {
    if (row.description.includes('|') && /(^|[^\\])\|/.test(row.description)) warnings.push(`the description for ${row.id} holds a raw "|", which splits its table cell`);
  }
  return warnings;
}

/**
 * The page with a warning added when its title's id is not its file's name. A title without an
 * id already has its own warning.
 */
export function withFileNameCheck<T extends { readonly id: string; readonly warnings: readonly string[] }>(path: string, page: T): T {
  const fileId = path.slice(path.lastIndexOf('/') + 1, -'.md'.length);
  if (page.id === '' || page.id === fileId) return page;
  return { ...page, warnings: [...page.warnings, `the title's id ${JSON.stringify(page.id)} differs from the file name ${JSON.stringify(fileId)}`] };
}
