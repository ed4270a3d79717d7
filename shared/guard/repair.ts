/**
 * Repair: put back a page's generated part (everything up to and including the edit line) from
 * the base version, keeping every word the analyst wrote below the line. Pure; the git service
 * reads the texts and writes the result.
 */
import { EDIT_LINE, editLineTail, splitAtEditLine } from '../edit-line';

/** A repaired page, or why it cannot be repaired. */
export type RepairResult =
  | {
      readonly ok: true;
      readonly text: string;
      /**
       * Where the kept notes came from: the text after the edit line, or (when the line is gone)
       * the whole current text, placed below the restored line the way the maintainers' generator
       * treats a page without the line, so that nothing is lost.
       */
      readonly notesFrom: 'below-line' | 'whole-text';
      /** True when the text was already intact. */
      readonly unchanged: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** Repairs `current` against `base` (the committed text, which must have the edit line). */
export function repairGeneratedPart(base: string, current: string, marker: string = EDIT_LINE): RepairResult {
  const original = splitAtEditLine(base, marker);
  if (!original.hasLine) {
    return { ok: false, reason: 'the committed page has no edit line, so it is read-only as a whole: discard the change instead of repairing it' };
  }
  const kept = base.slice(0, original.notesOffset);
  const now = splitAtEditLine(current, marker);
  if (now.hasLine) {
    // Text written after the marker on the edit line itself (which the guard refuses) moves to a
    // line of its own below it, as typed: the line is restored and no word is lost. Text the
    // committed page already had there stays where it is.
    const tail = editLineTail(now.notes);
    const moved = tail !== '' && tail !== editLineTail(original.notes);
    const text = kept + (moved ? lineBreakOf(kept) : '') + now.notes;
    return { ok: true, text, notesFrom: 'below-line', unchanged: text === current };
  }
  const separator = current === '' || current.startsWith('\n') || current.startsWith('\r') ? '' : '\n';
  return { ok: true, text: kept + separator + current, notesFrom: 'whole-text', unchanged: false };
}

/** The page's own line break (CRLF when its generated part uses it), for a line the repair adds. */
function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
