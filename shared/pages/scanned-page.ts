/**
 * What every page kind reads the same way from the tolerant scan (scan.ts): the title checked
 * against the kind the page's folder holds, the base fields of a page read by the scan, and the
 * link rows of its tables. The technique and incident parsers use it for the formats before the
 * newest; the other kinds for every format.
 */
import type { SplitPage } from '../edit-line';
import { PAGE_FOLDERS, type PageKind } from '../ids';
import { parseLinkCell, scanGenerated, splitLinkRow, type ScannedPage } from './scan';
import type { ObjectLink, PageBase } from './types';
import { pageWarnings, type DescribedRow } from './warnings';

/** The title word of each kind (`# Actor A001: ...`). */
const TITLE_WORDS: Readonly<Record<PageKind, RegExp>> = {
  technique: /^technique$/i,
  incident: /^incident$/i,
  tactic: /^tactic$/i,
  phase: /^phase$/i,
  task: /^task$/i,
  counter: /^counter$/i,
  actortype: /^actor( ?type)?$/i,
  metatechnique: /^metatechnique$/i,
};

/**
 * Scans the generated part of a page of `kind`, refusing a page whose title names another kind.
 * With `fieldsOnly` it stops at the first table (see scanGenerated).
 */
export function scanPageOfKind(kind: PageKind, split: SplitPage, options: { fieldsOnly?: boolean } = {}): ScannedPage | { reason: string } {
  const scanned = scanGenerated(split.generated, options);
  if ('error' in scanned) return { reason: scanned.error };
  if (!TITLE_WORDS[kind].test(scanned.title.kindWord)) {
    return { reason: `the title says "${scanned.title.kindWord}", but generated_pages/${PAGE_FOLDERS[kind]}/ holds ${kind} pages: fix the title or move the page to its kind's folder` };
  }
  return scanned;
}

/** The base fields of a page read by the scan; `rows` are the described rows its warnings judge. */
export function scannedBase(kind: PageKind, split: SplitPage, scanned: ScannedPage, rows: Iterable<DescribedRow> = []): PageBase {
  return {
    kind,
    id: scanned.title.id,
    name: scanned.title.name.trim(),
    summary: scanned.fields.get('summary') ?? '',
    hasEditLine: split.hasLine,
    notes: split.notes,
    format: 'legacy',
    warnings: pageWarnings(kind, scanned.title.id, split.hasLine, rows),
  };
}

/** The rows of a scanned table that begin with a link: the object linked and the rest of the row. Other rows are skipped. */
export function scannedLinkRows(rows: readonly string[]): { link: ObjectLink; rest: string }[] {
  return rows.flatMap((row) => {
    const { first, rest } = splitLinkRow(row);
    const link = parseLinkCell(first);
    return link ? [{ link: { id: link.id, name: link.name }, rest }] : [];
  });
}
