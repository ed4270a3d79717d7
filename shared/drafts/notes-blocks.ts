/**
 * The workbench's own blocks below a page's edit line. Every note the workbench writes is wrapped
 * in a begin and an end marker (HTML comments, invisible when the page is shown) naming the draft
 * it came from, so that applying the draft again finds and replaces exactly its own blocks and
 * never touches what anyone else wrote below the line:
 *
 *   <!-- disarm-workbench:begin draft=<uuid> incident=I00131 -->
 *   ...
 *   <!-- disarm-workbench:end draft=<uuid> -->
 */

/** A workbench block found in a page's notes. */
export interface NotesBlock {
  readonly draftId: string;
  readonly incidentId: string;
  /** Offsets in the notes text: the begin marker's first character, and just after the end marker. */
  readonly start: number;
  readonly end: number;
  /** What is between the markers (without the line breaks that follow the begin and precede the end). */
  readonly body: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INCIDENT = 'I\\d{5}|';

/** Matches one whole block (begin marker, body, matching end marker). */
const BLOCK = new RegExp(`<!-- disarm-workbench:begin draft=(${UUID}) incident=(${INCIDENT}) -->\\n([\\s\\S]*?)\\n?<!-- disarm-workbench:end draft=\\1 -->`, 'g');

/** Matches a single marker line, begin or end: what lint accepts as the workbench's own HTML. */
export const NOTES_MARKER = new RegExp(`<!-- disarm-workbench:(?:begin draft=${UUID} incident=(?:${INCIDENT})|end draft=${UUID}) -->`, 'g');

/** The begin marker of a block. */
function beginMarker(draftId: string, incidentId: string): string {
  return `<!-- disarm-workbench:begin draft=${draftId} incident=${incidentId} -->`;
}

/** The end marker of a block. */
function endMarker(draftId: string): string {
  return `<!-- disarm-workbench:end draft=${draftId} -->`;
}

/** A whole block. */
export function renderBlock(draftId: string, incidentId: string, body: string): string {
  return `${beginMarker(draftId, incidentId)}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${endMarker(draftId)}`;
}

/** Every workbench block in a notes text, in order. */
export function findBlocks(notes: string): NotesBlock[] {
  return [...notes.matchAll(BLOCK)].map((m) => ({ draftId: m[1] as string, incidentId: m[2] as string, start: m.index, end: m.index + m[0].length, body: m[3] as string }));
}

/**
 * The notes with this draft's block set to `body`: replaced in place where it is, appended after
 * the existing notes (separated by a blank line) where it is not, removed when `body` is undefined.
 * Everything else in the notes is kept byte for byte. A second block of the same draft (a
 * duplicate pasted by hand) is removed so that there is exactly one.
 */
export function upsertBlock(notes: string, draftId: string, incidentId: string, body: string | undefined): string {
  const own = findBlocks(notes).filter((b) => b.draftId === draftId);
  const block = body === undefined ? undefined : renderBlock(draftId, incidentId, body);
  if (own.length === 0) {
    if (block === undefined) return notes;
    const separator = notes === '' ? '\n\n' : notes.endsWith('\n\n') ? '' : notes.endsWith('\n') ? '\n' : '\n\n';
    return `${notes}${separator}${block}\n`;
  }
  let out = '';
  let last = 0;
  own.forEach((b, i) => {
    if (i === 0 && block !== undefined) {
      out += notes.slice(last, b.start) + block;
      last = b.end;
      return;
    }
    // Removing a block: with the line breaks before it and the one after it, keeping one line
    // break after any text before it.
    let start = b.start;
    while (start > last && notes[start - 1] === '\n') start--;
    const end = notes[b.end] === '\n' ? b.end + 1 : b.end;
    out += notes.slice(last, start) + (start > 0 && out + notes.slice(last, start) !== '' ? '\n' : '');
    last = end;
  });
  return out + notes.slice(last);
}
