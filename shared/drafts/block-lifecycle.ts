/**
 * The life of a workbench block on a technique page (see notes-blocks.ts). The analyst's draft
 * writes, below the page's line, the row the maintainers' generator will write for the incident
 * once they paste its master rows; until then the block is the only place the page lists it
 * (pending). Once the maintainers regenerated and the analyst pulled, the generated part lists
 * the incident with the same row and the block is redundant: it can go (`disarm-workbench tidy`,
 * lint's `redundant-block`). A block whose rows differ from the generated ones (edited since, or
 * taken differently by the maintainers) is never removed silently: the analyst decides.
 * Only technique-page entries have a life like this; a block of notes on an incident page is the
 * analyst's own text, and stays.
 */
import { EDIT_LINE, splitAtEditLine } from '../edit-line';
import { findBlocks, removeBlocks, type NotesBlock } from './notes-blocks';

/** The head of a technique page's incidents table, as the generator writes it. */
export const TECHNIQUE_INCIDENTS_HEADER = '| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n';

export type BlockState = 'pending' | 'redundant' | 'differs';

/** A technique-page entry block and how it stands against the page's generated part. */
export interface EntryBlock {
  readonly block: NotesBlock;
  readonly state: BlockState;
  /** The block's rows, and the generated part's rows for the same incident. */
  readonly blockRows: readonly string[];
  readonly generatedRows: readonly string[];
  /** The block's offsets in the whole page text. */
  readonly start: number;
  readonly end: number;
}

/** The table rows (lines) of `text` that are about `incidentId`. */
function rowsAbout(text: string, incidentId: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`| [${incidentId} `));
}

/** How an entry's rows stand against a generated part's rows for the same incident. */
function stateOf(blockRows: readonly string[], generatedRows: readonly string[]): BlockState {
  if (generatedRows.length === 0) return 'pending';
  return generatedRows.length === blockRows.length && generatedRows.every((row, i) => row === blockRows[i]) ? 'redundant' : 'differs';
}

/**
 * True when a technique page's generated part already lists `incidentId` with exactly the rows of
 * `body` (an entry's body): the entry would be redundant the moment it is written.
 */
export function generatedRepeats(generated: string, incidentId: string, body: string): boolean {
  if (!body.startsWith(TECHNIQUE_INCIDENTS_HEADER)) return false;
  return stateOf(rowsAbout(body.slice(TECHNIQUE_INCIDENTS_HEADER.length), incidentId), rowsAbout(generated, incidentId)) === 'redundant';
}

/** The entry blocks below a technique page's line, each with its state; [] for a page without a line. */
export function entryBlocks(page: string, marker: string = EDIT_LINE): EntryBlock[] {
  const split = splitAtEditLine(page, marker);
  if (!split.hasLine) return [];
  return findBlocks(split.notes)
    .filter((block) => block.incidentId !== '' && block.body.startsWith(TECHNIQUE_INCIDENTS_HEADER))
    .map((block) => {
      const blockRows = rowsAbout(block.body.slice(TECHNIQUE_INCIDENTS_HEADER.length), block.incidentId);
      const generatedRows = rowsAbout(split.generated, block.incidentId);
      return { block, state: stateOf(blockRows, generatedRows), blockRows, generatedRows, start: split.notesOffset + block.start, end: split.notesOffset + block.end };
    });
}

/** What tidying a page does: its new text, the blocks it removed, those it kept because their rows differ. */
export interface TidiedPage {
  readonly text: string;
  readonly removed: readonly EntryBlock[];
  readonly differing: readonly EntryBlock[];
}

/**
 * The page without its redundant entry blocks. Everything else is kept byte for byte: the
 * generated part and the line, every note of the analyst's, pending blocks and blocks that differ.
 */
export function tidyPage(page: string, marker: string = EDIT_LINE): TidiedPage {
  const blocks = entryBlocks(page, marker);
  const removed = blocks.filter((b) => b.state === 'redundant');
  const differing = blocks.filter((b) => b.state === 'differs');
  if (removed.length === 0) return { text: page, removed, differing };
  const split = splitAtEditLine(page, marker);
  return { text: split.generated + split.line + removeBlocks(split.notes, removed.map((b) => b.block)), removed, differing };
}
