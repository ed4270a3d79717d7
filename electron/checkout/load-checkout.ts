/**
 * Loads a DISARM checkout from disk: every object page under generated_pages/, parsed, and the
 * catalog built from them. A page that cannot be read or parsed is reported (file and reason),
 * never silently skipped, and never stops the others from loading.
 */
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog, type CatalogEntry } from '../../shared/catalog';
import { EDIT_LINE } from '../../shared/edit-line';
import { PAGE_FOLDERS, PAGE_KINDS, type PageKind } from '../../shared/ids';
import { parsePageOfKind, parsePageSummary, withFileNameCheck, type ParseResult } from '../../shared/pages';

/** A page that could not be loaded. */
export interface PageFailure {
  /** Repository-relative path, forward slashes. */
  readonly file: string;
  readonly reason: string;
}

/** Something odd that did not stop a page from loading. */
export interface PageWarning {
  readonly file: string;
  readonly message: string;
}

export interface LoadedCheckout {
  readonly folder: string;
  /**
   * Built from what was read of each page: techniques, tactics and incidents in full, the other
   * kinds up to their first table (files.read and the page parsers give the rest). The parsed
   * pages themselves are not kept.
   */
  readonly catalog: Catalog;
  readonly failures: readonly PageFailure[];
  readonly warnings: readonly PageWarning[];
}

/** Reads and parses every object page of the checkout at `folder` (one that openCheckout, or for `index` checkDisarmFolder, accepted). */
export async function loadCheckout(folder: string, marker: string = EDIT_LINE): Promise<LoadedCheckout> {
  const files = PAGE_KINDS.flatMap((kind) => listPages(folder, kind));
  const pages: CatalogEntry[] = [];
  const failures: PageFailure[] = [];
  const warnings: PageWarning[] = [];
  // Synchronous reads are several times faster than fs.promises for thousands of small files
  // (one thread-pool round trip per open, stat, read and close otherwise); yielding between
  // batches keeps the event loop (IPC, the HTTP server) responsive during a large load.
  for (let start = 0; start < files.length; start += YIELD_EVERY) {
    for (const { kind, file } of files.slice(start, start + YIELD_EVERY)) {
      const result = readPage(folder, kind, file, marker);
      if ('reason' in result) failures.push({ file, reason: result.reason });
      else {
        pages.push(result.page);
        for (const message of result.page.warnings) warnings.push({ file, message });
      }
    }
    if (start + YIELD_EVERY < files.length) await new Promise((resolve) => setImmediate(resolve));
  }
  failures.sort((a, b) => (a.file < b.file ? -1 : 1));
  warnings.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { folder, catalog: new Catalog(pages), failures, warnings };
}

const YIELD_EVERY = 500;

function listPages(folder: string, kind: PageKind): { kind: PageKind; file: string }[] {
  const relFolder = `generated_pages/${PAGE_FOLDERS[kind]}`;
  let names: string[];
  try {
    names = readdirSync(join(folder, relFolder));
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.md')).map((name) => ({ kind, file: `${relFolder}/${name}` }));
}

function readPage(folder: string, kind: PageKind, file: string, marker: string): { page: CatalogEntry } | { reason: string } {
  const path = `${folder}/${file}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  // Decoding replaces invalid bytes with U+FFFD; only then is it worth checking the bytes.
  if (text.includes('\ufffd') && !isUtf8(readFileSync(path))) return { reason: "is not valid UTF-8 text; save it as UTF-8 (the framework's pages are)" };
  const result = parseForCatalog(kind, text, marker);
  return result.ok ? { page: withFileNameCheck(file, result.page) } : { reason: result.reason };
}

/** Full pages for the kinds the catalog models; summaries for the kinds it only lists. */
function parseForCatalog(kind: PageKind, text: string, marker: string): ParseResult<CatalogEntry> {
  if (kind === 'technique' || kind === 'incident' || kind === 'tactic') return parsePageOfKind(kind, text, marker);
  return parsePageSummary(kind, text, marker);
}
