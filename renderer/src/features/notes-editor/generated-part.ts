/**
 * The edit-line promise, in the editor: everything up to and including a page's edit line is the
 * maintainers' generated part, so the editor refuses any change that touches it (a change filter,
 * which also covers paste, drag and undo) and sets it visibly apart (a line decoration and a
 * banner on the line itself). The whole edit line is read-only, its end included: nothing can be
 * written after the marker on its line (a transaction filter; the guard's edit-line-extended
 * rule). A page without the line (index pages, framework tables) is read-only as a whole. The
 * same split as the guard's: shared/edit-line.ts.
 */
import { EditorState, Facet, RangeSetBuilder, StateField, type Extension, type Text, type Transaction, type TransactionSpec } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { EDIT_LINE, splitAtEditLine } from '../../../../shared/edit-line';

/** Where a page's generated part ends. */
export interface GeneratedPart {
  /** True when the page has the edit line; false means the whole page is generated. */
  readonly hasLine: boolean;
  /** Offset of the first character after the edit line (the first editable position). */
  readonly end: number;
  /** 1-based line number of the edit line (0 without one). */
  readonly lineNumber: number;
}

/** The edit-line text in use (settings may name another for a fork of the framework). */
const editLineMarker = Facet.define<string, string>({
  combine: (values) => values[0] ?? EDIT_LINE,
});

/** Splits `doc` the way the guard does. */
function findGeneratedPart(doc: Text, marker: string): GeneratedPart {
  const split = splitAtEditLine(doc.toString(), marker);
  return split.hasLine ? { hasLine: true, end: split.notesOffset, lineNumber: split.lineNumber } : { hasLine: false, end: doc.length, lineNumber: 0 };
}

/**
 * The generated part of the current document. Recomputed only when a change reaches into it (a
 * whole-document replacement when another page is loaded, which bypasses the filter on purpose);
 * edits below the line cannot move the first occurrence of the marker.
 */
export const generatedPartField = StateField.define<GeneratedPart>({
  create: (state) => findGeneratedPart(state.doc, state.facet(editLineMarker)),
  update(value, tr) {
    if (!tr.docChanged) return value;
    if (!value.hasLine || tr.changes.touchesRange(0, value.end)) return findGeneratedPart(tr.newDoc, tr.state.facet(editLineMarker));
    return value;
  },
});

/**
 * Drops every change that touches the generated part. An insertion exactly at its end (right
 * after the marker) is let through, to be put on a line of its own by keepEditLineEnd below; a
 * page without the line accepts no change at all.
 */
const protectGeneratedPart = EditorState.changeFilter.of((tr) => {
  const part = tr.startState.field(generatedPartField);
  if (!part.hasLine) return false;
  if (part.end === 0) return true;
  let touches = false;
  let insertsAtStart = false;
  tr.changes.iterChanges((fromA, toA) => {
    if (fromA < part.end) touches = true;
    if (fromA === 0 && toA === 0) insertsAtStart = true;
  });
  if (!touches) return true;
  // CodeMirror keeps an insertion at either edge of a suppressed range: at `end` that is right
  // (below the line for the guard), at 0 it is not, so such a transaction is dropped whole.
  if (insertsAtStart) return false;
  return [0, part.end];
});

/** What follows the marker on the edit line itself ('' when the line ends right after it). */
function tailAt(doc: Text, end: number): string {
  return doc.sliceString(end, doc.lineAt(end).to);
}

/**
 * Keeps the end of the edit line closed. The change filter above lets through what starts right
 * after the marker (that is the first place of the notes), but typed there it would land on the
 * edit line itself, which the guard refuses (edit-line-extended) and Save would too. So after the
 * change filter, a transaction that would leave new text on the line gets a line break right
 * after the marker, in the same transaction (one undo step):
 * - typing or pasting at the end of the edit line starts a new line below it with the text. That
 *   is what an analyst expects of a page that ends with the edit line and no newline (the usual
 *   case: the generator writes none): click at the end, type, and the note is on its own line.
 *   Refusing the keystroke instead would leave them with a dead editor and no clue why;
 * - a deletion that would join the next line onto the edit line (Delete at its end, Backspace at
 *   the start of the line below) keeps its line break, so nothing moves.
 * Text the page already had after the marker (which the guard leaves alone) is not this rule's.
 */
const keepEditLineEnd = EditorState.transactionFilter.of((tr: Transaction): Transaction | readonly (Transaction | TransactionSpec)[] => {
  if (!tr.docChanged) return tr;
  const part = tr.startState.field(generatedPartField);
  if (!part.hasLine) return tr;
  // Nothing before `end` changed (the change filter), so the marker ends at `end` in both documents.
  const tail = tailAt(tr.newDoc, part.end);
  if (tail === '' || tail === tailAt(tr.startState.doc, part.end)) return tr;
  return [tr, { changes: { from: part.end, insert: '\n' }, sequential: true }];
});

const generatedLine = Decoration.line({ class: 'cm-generated-line' });
const editLine = Decoration.line({ class: 'cm-edit-line', attributes: { title: 'The edit line: the generated part above it is read-only; write your notes below.' } });

function buildDecorations(state: EditorState): DecorationSet {
  const part = state.field(generatedPartField);
  const builder = new RangeSetBuilder<Decoration>();
  const lastLine = part.hasLine ? part.lineNumber : state.doc.lines;
  for (let n = 1; n <= lastLine; n++) {
    const line = state.doc.line(n);
    builder.add(line.from, line.from, part.hasLine && n === part.lineNumber ? editLine : generatedLine);
  }
  return builder.finish();
}

const generatedDecorations = StateField.define<DecorationSet>({
  create: buildDecorations,
  update(value, tr) {
    if (!tr.docChanged) return value;
    const before = tr.startState.field(generatedPartField);
    const after = tr.state.field(generatedPartField);
    return before === after ? value.map(tr.changes) : buildDecorations(tr.state);
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The generated part read-only and set apart; `marker` is the edit-line text (default EDIT_LINE). */
export function generatedPartReadOnly(marker: string = EDIT_LINE): Extension {
  return [editLineMarker.of(marker), generatedPartField, protectGeneratedPart, keepEditLineEnd, generatedDecorations];
}

/** True when a position is editable (below the edit line). */
export function isEditable(state: EditorState, pos: number): boolean {
  const part = state.field(generatedPartField);
  return part.hasLine && pos >= part.end;
}
