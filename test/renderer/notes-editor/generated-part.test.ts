// The notes editor's promise, against a real EditorState and real pages: typing above the edit
// line changes nothing, typing below it works, and a page without the line takes no change at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state';
import { history, undo } from '@codemirror/commands';
import { describe, expect, it } from 'vitest';
import { EDIT_LINE, splitAtEditLine } from '../../../shared/edit-line';
import { checkChange } from '../../../shared/guard';
import { generatedPartField, generatedPartReadOnly, isEditable } from '../../../renderer/src/features/notes-editor/generated-part';
import { DISARM_DIR } from '../../helpers/fixtures';

const technique = readFileSync(join(DISARM_DIR, 'generated_pages', 'techniques', 'T0155.007.md'), 'utf8');
const index = readFileSync(join(DISARM_DIR, 'generated_pages', 'techniques_index.md'), 'utf8');

function stateOf(text: string, marker = EDIT_LINE): EditorState {
  return EditorState.create({ doc: text, extensions: generatedPartReadOnly(marker) });
}

/** Applies a user transaction (filters on, as typing, paste and undo are). */
function apply(state: EditorState, spec: TransactionSpec): EditorState {
  return state.update(spec).state;
}

/** What the guard says about committing `after` over `before`. */
function guard(before: string, after: string) {
  return checkChange({ path: 'generated_pages/techniques/T0155.007.md', status: 'modified', oldText: before, newText: after });
}

describe('generated part read-only', () => {
  const split = splitAtEditLine(technique);
  it('finds the edit line of a real technique page', () => {
    expect(split.hasLine).toBe(true);
    const part = stateOf(technique).field(generatedPartField);
    expect(part).toEqual({ hasLine: true, end: split.notesOffset, lineNumber: split.lineNumber });
  });

  it('typing above the line changes nothing', () => {
    const state = stateOf(technique);
    for (const at of [0, 1, 10, split.notesOffset - EDIT_LINE.length, split.notesOffset - 1]) {
      expect(apply(state, { changes: { from: at, insert: 'x' } }).doc.toString(), `insert at ${at}`).toBe(technique);
    }
    expect(apply(state, { changes: { from: 0, to: 20 } }).doc.toString()).toBe(technique);
    expect(apply(state, { changes: { from: 5, to: 6, insert: 'Q' } }).doc.toString()).toBe(technique);
    // Deleting the line itself (backspace at the start of the notes) is refused too.
    expect(apply(state, { changes: { from: split.notesOffset - 1, to: split.notesOffset } }).doc.toString()).toBe(technique);
  });

  it('typing below the line works, and the guard accepts the result', () => {
    let state = stateOf(technique);
    const end = state.doc.length;
    state = apply(state, { changes: { from: end, insert: '\n\nAnalyst note: seen again in 2025.' } });
    expect(state.doc.toString()).toBe(`${technique}\n\nAnalyst note: seen again in 2025.`);
    state = apply(state, { changes: { from: split.notesOffset, insert: '\n' } });
    expect(state.doc.toString().startsWith(technique.slice(0, split.notesOffset) + '\n')).toBe(true);
    expect(guard(technique, state.doc.toString())).toEqual([]);
    expect(isEditable(state, split.notesOffset)).toBe(true);
    expect(isEditable(state, split.notesOffset - 1)).toBe(false);
  });

  it('a change straddling the line keeps only its part below the line', () => {
    let state = stateOf(`${technique}\n\nmy notes`);
    state = apply(state, { changes: { from: split.notesOffset - 10, to: state.doc.length } });
    expect(state.doc.toString()).toBe(technique.slice(0, split.notesOffset));
    expect(guard(technique, state.doc.toString())).toEqual([]);
  });

  it('a multi-range edit keeps its parts below the line only', () => {
    const doc = `${technique}\nbelow`;
    const state = apply(stateOf(doc), { changes: [{ from: 3, insert: 'A' }, { from: doc.length, insert: 'B' }] });
    expect(state.doc.toString()).toBe(`${doc}B`);
  });

  it('loading another page (filter off) recomputes the split', () => {
    let state = stateOf(technique);
    state = state.update({ changes: { from: 0, to: state.doc.length, insert: index }, filter: false }).state;
    expect(state.field(generatedPartField).hasLine).toBe(false);
    expect(apply(state, { changes: { from: state.doc.length, insert: 'x' } }).doc.toString()).toBe(index);
  });

  it('a page without the line is read-only as a whole', () => {
    expect(splitAtEditLine(index).hasLine).toBe(false);
    const state = stateOf(index);
    expect(apply(state, { changes: { from: index.length, insert: 'notes' } }).doc.toString()).toBe(index);
    expect(apply(state, { changes: { from: 0, insert: 'x' } }).doc.toString()).toBe(index);
  });

  it('uses the marker from the settings', () => {
    const page = 'generated\nEDIT BELOW\nnotes';
    const state = stateOf(page, 'EDIT BELOW');
    expect(state.field(generatedPartField).lineNumber).toBe(2);
    expect(apply(state, { changes: { from: 0, insert: 'x' } }).doc.toString()).toBe(page);
    expect(apply(state, { changes: { from: page.length, insert: '!' } }).doc.toString()).toBe(`${page}!`);
  });
});

// Issue 11: the end of the edit line took typing, and Save wrote it. The whole line is read-only.
describe('the end of the edit line', () => {
  const end = splitAtEditLine(technique).notesOffset;

  it('the page ends with the edit line and no newline (the case this is about)', () => {
    expect(technique.endsWith(EDIT_LINE)).toBe(true);
    expect(end).toBe(technique.length);
  });

  it('typing at the end of the last line starts a new line below the edit line, the cursor after the text', () => {
    let state = stateOf(technique);
    state = apply(state, { changes: { from: end, insert: 'x' }, selection: EditorSelection.cursor(end + 1) });
    expect(state.doc.toString()).toBe(`${technique}\nx`);
    expect(state.selection.main.head).toBe(end + 2);
    expect(guard(technique, state.doc.toString())).toEqual([]);
    // Typing on goes on that line.
    state = apply(state, { changes: { from: end + 2, insert: 'y' } });
    expect(state.doc.toString()).toBe(`${technique}\nxy`);
  });

  it('typing or pasting at the end of the edit line above notes puts the text on a line of its own', () => {
    const doc = `${technique}\nold notes`;
    expect(apply(stateOf(doc), { changes: { from: end, insert: 'X' } }).doc.toString()).toBe(`${technique}\nX\nold notes`);
    expect(apply(stateOf(doc), { changes: { from: end, insert: 'pasted\ntwo lines' } }).doc.toString()).toBe(`${technique}\npasted\ntwo lines\nold notes`);
    // A line break typed there is what it always was.
    expect(apply(stateOf(doc), { changes: { from: end, insert: '\n' } }).doc.toString()).toBe(`${technique}\n\nold notes`);
  });

  it('a deletion that would join the next line onto the edit line keeps the line break', () => {
    const doc = `${technique}\nold notes`;
    // Delete at the end of the edit line, Backspace at the start of the line below: the same change.
    expect(apply(stateOf(doc), { changes: { from: end, to: end + 1 } }).doc.toString()).toBe(doc);
    // A selection from the end of the line into the notes: the notes after it stay on their own line.
    expect(apply(stateOf(doc), { changes: { from: end, to: end + 5 } }).doc.toString()).toBe(`${technique}\nnotes`);
    // Deleting every note is fine: the page ends with the line again.
    expect(apply(stateOf(doc), { changes: { from: end, to: doc.length } }).doc.toString()).toBe(technique);
  });

  it('one undo takes the text and the line break away together', () => {
    let state = EditorState.create({ doc: technique, extensions: [history(), generatedPartReadOnly()] });
    state = apply(state, { changes: { from: end, insert: 'x' }, userEvent: 'input.type' });
    expect(state.doc.toString()).toBe(`${technique}\nx`);
    let undone = state;
    undo({ state, dispatch: (tr) => (undone = tr.state) });
    expect(undone.doc.toString()).toBe(technique);
  });

  it('leaves text the page already had after the marker alone', () => {
    const doc = `${technique} kept\nnotes`;
    expect(apply(stateOf(doc), { changes: { from: doc.length, insert: '!' } }).doc.toString()).toBe(`${doc}!`);
  });
});
