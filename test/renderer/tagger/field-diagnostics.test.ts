// Validation in the explanation editor, headless: the draft's diagnostics for one field become
// CodeMirror lint diagnostics at the right place, with the quick fixes as their actions, and a
// fix's edits of that field mend the text.
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { newDraft } from '../../../shared/drafts/changes';
import { lookupFromList } from '../../../shared/drafts/framework-lookup';
import { validateDraft } from '../../../shared/validation';
import { toLintDiagnostics } from '../../../renderer/src/lib/editor/field-diagnostics';

const lookup = lookupFromList([
  { id: 'T0155.007', name: 'Encrypted Communication Channel' },
  { id: 'T0151.004', name: 'Chat Platform' },
]);
const EXPLANATION = 'They moved to T155.7 apps (T0151.004: Chat Platforms).';
const draft = newDraft('6f1c0a52-8d5e-4f0e-9a55-3c3b1c2d4e5f', '2025-03-01T10:00:00.000Z', {
  annotations: [{ id: '0d3e9a3b-1f1c-4b7c-8e0e-2b9c4f6a7d81', quote: 'a quote', techniqueIds: ['T0155.007'], explanation: EXPLANATION, review: 'draft' }],
});
const FIELD = 'annotations.0.explanation';
const diagnostics = validateDraft(draft, { lookup }).filter((d) => d.range.field === FIELD);

describe('explanation diagnostics', () => {
  it('puts each problem where it is written, with its fixes as actions', () => {
    const lint = toLintDiagnostics(diagnostics, EXPLANATION.length, FIELD, () => undefined);
    const malformed = lint.find((d) => d.source === 'malformed-id');
    expect(EXPLANATION.slice(malformed?.from, malformed?.to)).toBe('T155.7');
    expect(malformed?.severity).toBe('error');
    expect(malformed?.actions?.map((a) => a.name)).toEqual([expect.stringContaining('T0155.007')]);
    const mismatch = lint.find((d) => d.source === 'name-mismatch');
    expect(EXPLANATION.slice(mismatch?.from, mismatch?.to)).toBe('Chat Platforms');
    expect(mismatch?.severity).toBe('warning');
  });

  it('leaves out diagnostics that no longer fit the text (it changed since they were made)', () => {
    expect(toLintDiagnostics(diagnostics, 10, FIELD, () => undefined)).toEqual([]);
  });

  it('mends the text with a fix’s edits of that field', () => {
    // The malformed id's first fix.
    const fix = diagnostics.find((d) => d.code === 'malformed-id')?.fixes[0];
    expect(fix).toBeDefined();
    const here = (fix?.edits ?? []).flatMap((e) => ('text' in e && e.field === FIELD ? [e] : []));
    const state = EditorState.create({ doc: EXPLANATION }).update({ changes: here.map((e) => ({ from: e.start, to: e.end, insert: e.text })) }).state;
    expect(state.doc.toString()).toBe('They moved to T0155.007 apps (T0151.004: Chat Platforms).');
  });
});
