/**
 * The edit line: the text that ends the generated part of every DISARM object page. The
 * maintainers' generator rewrites everything up to and including its first occurrence and keeps
 * everything after it byte for byte, so that is exactly how we split: on the first occurrence,
 * with no normalisation, so that joining the parts gives back the original bytes.
 */

/** The marker text the DISARM generator writes (settings may name another for a fork). */
export const EDIT_LINE = 'DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW';

/** A page split at its edit line. `generated + line + notes` is always the original text. */
export type SplitPage =
  | {
      readonly hasLine: true;
      /** Everything before the marker (its line breaks included, CRLF or LF as found). */
      readonly generated: string;
      /** The marker itself. */
      readonly line: string;
      /** Everything after the marker, verbatim: text on the same line, then the notes. */
      readonly notes: string;
      /** Character offset of the first character after the marker. */
      readonly notesOffset: number;
      /** 1-based line number of the marker. */
      readonly lineNumber: number;
    }
  | {
      readonly hasLine: false;
      /** The whole text: a page without the line is all generated (read-only). */
      readonly generated: string;
      readonly line: '';
      readonly notes: '';
      readonly notesOffset: number;
      readonly lineNumber: 0;
    };

/** Splits a page at the first occurrence of the edit line. */
export function splitAtEditLine(text: string, marker: string = EDIT_LINE): SplitPage {
  const at = marker === '' ? -1 : text.indexOf(marker);
  if (at < 0) {
    return { hasLine: false, generated: text, line: '', notes: '', notesOffset: text.length, lineNumber: 0 };
  }
  const generated = text.slice(0, at);
  return {
    hasLine: true,
    generated,
    line: marker,
    notes: text.slice(at + marker.length),
    notesOffset: at + marker.length,
    lineNumber: lineNumberAt(text, at),
  };
}

/**
 * The text that follows the marker on the edit line itself: `notes` (what splitAtEditLine puts
 * after the marker) up to its first line break; '' when the line ends right after the marker, as
 * the generator writes it. Anything here extends the line everyone reads, so the guard and the
 * notes editor keep it empty: notes begin on a line of their own.
 */
export function editLineTail(notes: string): string {
  const lf = notes.indexOf('\n');
  const cr = notes.indexOf('\r');
  const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  return end < 0 ? notes : notes.slice(0, end);
}

/** Joins the parts back: the exact inverse of splitAtEditLine. */
export function joinAtEditLine(parts: Pick<SplitPage, 'generated' | 'line' | 'notes'>): string {
  return parts.generated + parts.line + parts.notes;
}

/** The page with its notes replaced; the generated part and the line kept byte for byte. */
export function replaceNotes(text: string, notes: string, marker: string = EDIT_LINE): string {
  const split = splitAtEditLine(text, marker);
  if (!split.hasLine) throw new Error('the page has no edit line: its notes cannot be changed');
  return split.generated + split.line + notes;
}

/** How many times the marker occurs (a page with it twice is suspect: only the first counts). */
export function countEditLines(text: string, marker: string = EDIT_LINE): number {
  if (marker === '') return 0;
  let count = 0;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) count++;
  return count;
}

/** 1-based line number of a character offset; a line ends at LF, CRLF or a lone CR. */
export function lineNumberAt(text: string, offset: number): number {
  const end = Math.min(offset, text.length);
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) line++;
  // Lone carriage returns (old Mac line ends) are rare: only look for them when there is one.
  for (let at = text.indexOf('\r'); at >= 0 && at < end; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) line++;
  }
  return line;
}
