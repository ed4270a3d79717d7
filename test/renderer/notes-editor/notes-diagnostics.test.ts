// The validation rules as notes-editor diagnostics, headless: shared/validation's page lint over a
// real page with the checkout's techniques, placed below the line only, with working quick fixes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TechniqueInfo } from '../../../shared/api/ops/catalog';
import { EDIT_LINE, splitAtEditLine } from '../../../shared/edit-line';
import { generatedPartReadOnly } from '../../../renderer/src/features/notes-editor/generated-part';
import { pageLint } from '../../../renderer/src/lib/validation/page-lint';
import { notesDiagnostics } from '../../../renderer/src/features/notes-editor/notes-diagnostics';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let techniques: TechniqueInfo[];
let page: string;

beforeAll(async () => {
  backEnd = await startInProcessApi();
  techniques = await backEnd.api.call('catalog.techniques', {});
  page = readFileSync(join(backEnd.clone.path, 'generated_pages', 'techniques', 'T0155.007.md'), 'utf8');
});
afterAll(async () => {
  await backEnd?.dispose();
});

function stateOf(doc: string): EditorState {
  return EditorState.create({ doc, extensions: generatedPartReadOnly() });
}

/** Runs a diagnostic's action the way the lint panel does, on a view that only dispatches. */
function runAction(state: EditorState, action: { apply: (view: EditorView, from: number, to: number) => void }, from: number, to: number): EditorState {
  let next = state;
  const view = { dispatch: (spec: TransactionSpec) => (next = next.update(spec).state) } as unknown as EditorView;
  action.apply(view, from, to);
  return next;
}

describe('notes diagnostics', () => {
  it('flags a misnamed mention below the line and fixes it', () => {
    const doc = `${page}\n\nSeen again (T0155.007: Secret Chats).`;
    const state = stateOf(doc);
    const found = notesDiagnostics(state, pageLint(techniques, EDIT_LINE));
    expect(found.map((d) => d.source)).toEqual(['name-mismatch']);
    const [mismatch] = found;
    expect(doc.slice(mismatch?.from, mismatch?.to)).toBe('Secret Chats');
    const action = mismatch?.actions?.[0];
    expect(action).toBeDefined();
    const fixed = runAction(state, action as NonNullable<typeof action>, mismatch?.from ?? 0, mismatch?.to ?? 0);
    expect(fixed.doc.toString()).toBe(`${page}\n\nSeen again (T0155.007: Encrypted Communication Channel).`);
    expect(notesDiagnostics(fixed, pageLint(techniques, EDIT_LINE))).toEqual([]);
  });

  it('flags an unknown id and a malformed one, with suggestions', () => {
    const doc = `${page}\n\nAlso T0155.099 and T155.7 here.`;
    const found = notesDiagnostics(stateOf(doc), pageLint(techniques, EDIT_LINE));
    expect(found.map((d) => d.source).sort()).toEqual(['malformed-id', 'unknown-id']);
    const malformed = found.find((d) => d.source === 'malformed-id');
    expect(doc.slice(malformed?.from, malformed?.to)).toBe('T155.7');
    expect(malformed?.actions?.map((a) => a.name).join(' ')).toContain('T0155.007');
  });

  it('a fix still lands right after typing moved the problem', () => {
    const doc = `${page}\n\nSeen again (T0155.007: Secret Chats).`;
    let state = stateOf(doc);
    const [mismatch] = notesDiagnostics(state, pageLint(techniques, EDIT_LINE));
    const at = splitAtEditLine(doc).notesOffset;
    state = state.update({ changes: { from: at, insert: '\nNew line first.' } }).state;
    const shifted = (mismatch?.from ?? 0) + '\nNew line first.'.length;
    const fixed = runAction(state, mismatch?.actions?.[0] as NonNullable<NonNullable<typeof mismatch>['actions']>[number], shifted, shifted + 'Secret Chats'.length);
    expect(fixed.doc.toString()).toBe(`${page}\nNew line first.\n\nSeen again (T0155.007: Encrypted Communication Channel).`);
  });

  it('flags a NUL below the line as an error whose fix removes it, and an override as a warning', () => {
    const doc = `${page}\n\nPasted\u0000 from a PDF\u0007, with an \u202Eoverride.`;
    const state = stateOf(doc);
    const found = notesDiagnostics(state, pageLint(techniques, EDIT_LINE));
    expect(found.map((d) => [d.source, d.severity, doc.slice(d.from, d.to)])).toEqual([
      ['control-character', 'error', '\u0000'],
      ['bidi-control', 'warning', '\u202E'],
    ]);
    const [control] = found;
    expect(control?.actions?.map((a) => a.name)).toEqual(['Remove the control characters']);
    const fixed = runAction(state, control?.actions?.[0] as NonNullable<NonNullable<typeof control>['actions']>[number], control?.from ?? 0, control?.to ?? 0);
    expect(fixed.doc.toString()).toBe(`${page}\n\nPasted from a PDF, with an \u202Eoverride.`);
    expect(notesDiagnostics(fixed, pageLint(techniques, EDIT_LINE)).map((d) => d.source)).toEqual(['bidi-control']);
  });

  it('says nothing about the generated part, nor about a page without the line', () => {
    expect(notesDiagnostics(stateOf(page), pageLint(techniques, EDIT_LINE))).toEqual([]);
    const index = readFileSync(join(backEnd.clone.path, 'generated_pages', 'techniques_index.md'), 'utf8');
    expect(notesDiagnostics(stateOf(`${index}\nT9999`), pageLint(techniques, EDIT_LINE))).toEqual([]);
  });
});
