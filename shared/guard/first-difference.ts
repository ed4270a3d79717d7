/**
 * Where two texts first differ, as an offset and as the 1-based line an analyst can jump to.
 * Line numbers follow shared/edit-line (LF, CRLF or a lone CR end a line).
 */
import { lineNumberAt } from '../edit-line';

/** Offset of the first character where `a` and `b` differ; -1 when they are equal. */
function firstDifferenceOffset(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  }
  return a.length === b.length ? -1 : length;
}

/**
 * The line of the first difference between `expected` (what must be kept) and `actual`, counted
 * in `actual` (the text the analyst is editing); 0 when they are equal. Every line before the
 * returned one is identical in both, so the number is the same in either text.
 */
export function firstDifferenceLine(expected: string, actual: string): number {
  const offset = firstDifferenceOffset(expected, actual);
  if (offset < 0) return 0;
  // A difference right after a CR of a CRLF belongs to the CR's line: count up to the CR only.
  const at = offset > 0 && actual.charCodeAt(offset - 1) === 13 && expected.charCodeAt(offset) === 10 ? offset - 1 : offset;
  return lineNumberAt(actual, at);
}
