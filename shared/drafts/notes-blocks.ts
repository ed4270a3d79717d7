/**
 * The workbench's own blocks below a page's edit line. Every note the workbench writes is wrapped
 * in a begin and an end marker (HTML comments, invisible when the page is shown) naming the
 * incident it is about, so that applying the draft again finds and replaces exactly its own
 * blocks and never touches what anyone else wrote below the line:
 *
 *   <!-- disarm-workbench incident=I00131 -->
 *   ...
 *   <!-- /disarm-workbench incident=I00131 -->
 *
 * The markers are public (they end up in the framework when the analyst's branch is merged), so
 * they carry nothing private: the incident id is public anyway, and an incident has one draft.
 * Blocks written before carry the draft's private id instead; they are still recognised, and
 * replaced by the public form when their draft is applied again:
 *
 *   <!-- disarm-workbench:begin draft=<uuid> incident=I00131 -->
 *   ...
 *   <!-- disarm-workbench:end draft=<uuid> -->
 */

/** A workbench block found in a page's notes. */
export interface NotesBlock {
  /** The draft's id, for a block with the old (private) marker only. */
  readonly draftId?: string;
  readonly incidentId: string;
  /** Offsets in the notes text: the begin marker's first character, and just after the end marker. */
  readonly start: number;
  readonly end: number;
  /** What is between the markers (without the line breaks that follow the begin and precede the end). */
  readonly body: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INCIDENT = 'I\\d{5}';
/** The old markers also allowed an empty incident id (a draft applied before it had one). */
const OLD_INCIDENT = 'I\\d{5}|';

/** One whole block, public marker (groups: incident, body) or old marker (groups: draft, incident, body). */
const BLOCK = new RegExp(
  `<!-- disarm-workbench incident=(${INCIDENT}) -->\\n([\\s\\S]*?)\\n?<!-- /disarm-workbench incident=\\1 -->` +
    `|<!-- disarm-workbench:begin draft=(${UUID}) incident=(${OLD_INCIDENT}) -->\\n([\\s\\S]*?)\\n?<!-- disarm-workbench:end draft=\\3 -->`,
  'g',
);

/** Matches a single marker line, begin or end, either form: what lint accepts as the workbench's own HTML. */
export const NOTES_MARKER = new RegExp(
  `<!-- /?disarm-workbench incident=${INCIDENT} -->|<!-- disarm-workbench:(?:begin draft=${UUID} incident=(?:${OLD_INCIDENT})|end draft=${UUID}) -->`,
  'g',
);

/** A whole block, with the public markers. */
export function renderBlock(incidentId: string, body: string): string {
  return `<!-- disarm-workbench incident=${incidentId} -->\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}<!-- /disarm-workbench incident=${incidentId} -->`;
}

/** Every workbench block in a notes text, in order. */
export function findBlocks(notes: string): NotesBlock[] {
  return [...notes.matchAll(BLOCK)].map((m) =>
    m[1] !== undefined
      ? { incidentId: m[1], start: m.index, end: m.index + m[0].length, body: m[2] as string }
      : { draftId: m[3] as string, incidentId: m[4] as string, start: m.index, end: m.index + m[0].length, body: m[5] as string },
  );
}

/**
 * True when `block` is the draft's: a public block about its incident, or an old block naming the
 * draft (another draft's old block about the same incident is not).
 */
export function isOwnBlock(block: NotesBlock, draftId: string, incidentId: string): boolean {
  return block.draftId === undefined ? block.incidentId === incidentId : block.draftId === draftId;
}

/** The notes with `blocks` (found in them) removed, with their surrounding line breaks tidied. */
export function removeBlocks(notes: string, blocks: readonly NotesBlock[]): string {
  return replaceBlocks(notes, blocks, undefined);
}

/**
 * The notes with this draft's block set to `body`: replaced in place where it is, appended after
 * the existing notes (separated by a blank line) where it is not, removed when `body` is undefined.
 * Everything else in the notes is kept byte for byte. A second block of the same draft (a
 * duplicate pasted by hand) is removed so that there is exactly one.
 */
export function upsertBlock(notes: string, draftId: string, incidentId: string, body: string | undefined): string {
  const own = findBlocks(notes).filter((b) => isOwnBlock(b, draftId, incidentId));
  const block = body === undefined ? undefined : renderBlock(incidentId, body);
  if (own.length === 0) {
    if (block === undefined) return notes;
    const separator = notes === '' ? '\n\n' : notes.endsWith('\n\n') ? '' : notes.endsWith('\n') ? '\n' : '\n\n';
    return `${notes}${separator}${block}\n`;
  }
  return replaceBlocks(notes, own, block);
}

/** The notes with the first of `blocks` replaced by `block` (or removed) and the others removed. */
function replaceBlocks(notes: string, blocks: readonly NotesBlock[], block: string | undefined): string {
  let out = '';
  let last = 0;
  blocks.forEach((b, i) => {
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
