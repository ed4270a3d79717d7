/**
 * Lint of a framework page: what an analyst may have written on it, that is everything below the
 * edit line (notes, inline mentions, HTML, characters that do not belong in text). The generated part above the line is the maintainers'
 * (written from the master data, never edited here): its problems are reported only on request,
 * as `info`, with a message saying to fix them in the master data.
 */
import { EDIT_LINE, splitAtEditLine } from '../edit-line';
import { tidyPage } from '../drafts/block-lifecycle';
import { NOTES_MARKER } from '../drafts/notes-blocks';
import { checkCharacters } from './check-characters';
import { checkText } from './check-text';
import { diagnostic, replaceFix, type ValidationContext } from './context';
import { VALIDATION_RULES } from './rules';
import type { Diagnostic } from './types';

export interface PageLintOptions {
  readonly marker?: string;
  /** Also report problems of the generated part (as info). */
  readonly includeGenerated?: boolean;
}

/** Diagnostics of one page's text; ranges are offsets, lines and columns in that text (field ''). */
export function lintPage(text: string, context: ValidationContext, options: PageLintOptions = {}): Diagnostic[] {
  const split = splitAtEditLine(text, options.marker ?? EDIT_LINE);
  if (!split.hasLine && !options.includeGenerated) return [];
  const boundary = split.hasLine ? split.notesOffset : text.length;
  const markers = [...text.slice(boundary).matchAll(NOTES_MARKER)].map((m) => [boundary + m.index, boundary + m.index + m[0].length] as const);
  // Without the generated part's diagnostics, its ids are not even judged (the notes editor lints as the analyst types).
  const ignored = options.includeGenerated ? markers : [[0, boundary] as const, ...markers];
  // Characters are looked for in the notes alone unless the generated part is asked for too.
  const characters = checkCharacters(text, '', boundary);
  const generatedCharacters = options.includeGenerated ? checkCharacters(text, '', 0, boundary) : [];
  return [...checkText(text, '', context, ignored), ...generatedCharacters, ...characters, ...redundantBlocks(text, options.marker ?? EDIT_LINE)].flatMap((d) => {
    if (d.range.start >= boundary) return [d];
    if (!options.includeGenerated) return [];
    return [{ ...d, severity: 'info' as const, message: `${d.message} (In the generated part: fix it in the master data.)`, fixes: [] }];
  });
}

/**
 * The page's redundant workbench blocks (block-lifecycle.ts), each reported at its begin marker
 * with a fix that removes them all (the notes as `tidy` leaves them).
 */
function redundantBlocks(text: string, marker: string): Diagnostic[] {
  const tidied = tidyPage(text, marker);
  if (tidied.removed.length === 0) return [];
  const notesOffset = splitAtEditLine(text, marker).notesOffset;
  const fix = replaceFix('Remove the redundant blocks', '', notesOffset, text.length, tidied.text.slice(notesOffset));
  return tidied.removed.map((b) =>
    diagnostic('redundant-block', text, '', b.start, b.end, `The generated part now lists ${b.block.incidentId} with the same row: this block is redundant. ${VALIDATION_RULES['redundant-block'].fix}`, [fix]),
  );
}
