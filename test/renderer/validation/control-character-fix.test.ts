// The control-character quick fix, applied as the renderer applies fixes: from the problem list
// (applyQuickFix on the open draft, any field) and in the explanation editor (its lint action).
import type { TransactionSpec } from '@codemirror/state';
import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { describeQuote, replaceSourceText } from '../../../shared/drafts/anchoring';
import { newDraft } from '../../../shared/drafts/changes';
import { lookupFromList } from '../../../shared/drafts/framework-lookup';
import type { Draft } from '../../../shared/drafts/model';
import { validateDraft, type Diagnostic } from '../../../shared/validation';
import { applyQuickFix, type DraftEditor } from '../../../renderer/src/features/drafts/quick-fix';
import { toLintDiagnostics } from '../../../renderer/src/lib/editor/field-diagnostics';

const lookup = lookupFromList([{ id: 'T0155.007', name: 'Encrypted Communication Channel' }]);
const SOURCE = 'Officials were reached over\u0000 Signal (an encrypted app) and\u0007 WhatsApp.';
const QUOTE = 'reached over\u0000 Signal';

function dirtyDraft(): Draft {
  const sourceId = '3b0f8c57-2d1e-4c59-9d2a-7a4e1c3f5b60';
  const start = SOURCE.indexOf(QUOTE);
  return newDraft('6f1c0a52-8d5e-4f0e-9a55-3c3b1c2d4e5f', '2025-03-01T10:00:00.000Z', {
    incident: { name: 'Kremlin\u0000-linked', summary: 'A\u001B summary.', notes: 'Line one\u007F.\nLine\u0000 two.' },
    references: [{ id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', url: 'https://example.org/a', pubDate: '2025/02/19', authors: 'A.\u0008 Reporter', org: 'Org', archiveUrl: 'https://web.archive.org/x' }],
    sources: [{ id: sourceId, title: 'The\u0000 article', text: SOURCE }],
    annotations: [{ id: '0d3e9a3b-1f1c-4b7c-8e0e-2b9c4f6a7d81', quote: QUOTE, techniqueIds: ['T0155.007\u0000'], explanation: 'Over\u0000 Signal (T0155.007: Encrypted Communication Channel).', review: 'draft', anchor: describeQuote(sourceId, SOURCE, start, start + QUOTE.length) }],
  });
}

/** An open draft as the problem list edits it: the session's methods over a plain draft. */
function editorOver(draft: Draft): DraftEditor & { sourceTexts: string[] } {
  const sourceTexts: string[] = [];
  return {
    draft,
    sourceTexts,
    setIncidentId: (id) => (id ? (draft.incidentId = id) : delete draft.incidentId),
    setField: (name, value) => (draft.incident[name] = value),
    updateReference: (id, patch) => Object.assign(draft.references.find((r) => r.id === id) ?? {}, patch),
    updateAnnotation: (id, patch) => Object.assign(draft.annotations.find((a) => a.id === id) ?? {}, patch),
    updateSource: (id, patch) => Object.assign(draft.sources.find((s) => s.id === id) ?? {}, patch),
    setSourceText: (id, text) => {
      // The session sends this to drafts.replaceSource, which anchors the quotes again with this function.
      sourceTexts.push(text);
      const { draft: replaced } = replaceSourceText(draft, id, text);
      draft.sources = replaced.sources;
      draft.annotations = replaced.annotations;
    },
  };
}

const controls = (draft: Draft): Diagnostic[] => validateDraft(draft, { lookup }).filter((d) => d.code === 'control-character');

describe('the control-character quick fix', () => {
  it('from the problem list, removes the control characters of every field that holds them', () => {
    const editor = editorOver(dirtyDraft());
    const found = controls(editor.draft);
    expect(found.map((d) => d.range.field).sort()).toEqual(
      // Not the quote's anchor: a copy of the source's text, mended by the source's fix.
      ['annotations.0.explanation', 'annotations.0.quote', 'annotations.0.techniqueIds.0', 'incident.name', 'incident.notes', 'incident.summary', 'references.0.authors', 'sources.0.text', 'sources.0.title'].sort(),
    );
    for (const d of found) {
      expect(d.fixes.map((f) => f.title)).toEqual(['Remove the control characters']);
      applyQuickFix(editor, d.fixes[0] as NonNullable<(typeof d.fixes)[0]>);
    }
    expect(controls(editor.draft)).toEqual([]);
    const draft = editor.draft;
    expect(draft.incident).toMatchObject({ name: 'Kremlin-linked', summary: 'A summary.', notes: 'Line one.\nLine two.' });
    expect(draft.references[0]?.authors).toBe('A. Reporter');
    expect(draft.sources[0]).toMatchObject({ title: 'The article', text: 'Officials were reached over Signal (an encrypted app) and WhatsApp.' });
    expect(editor.sourceTexts).toEqual(['Officials were reached over Signal (an encrypted app) and WhatsApp.']);
    expect(draft.annotations[0]).toMatchObject({ quote: 'reached over Signal', techniqueIds: ['T0155.007'], explanation: 'Over Signal (T0155.007: Encrypted Communication Channel).' });
    // The source's fix anchored the quote again, from the mended text.
    expect(draft.annotations[0]?.anchor).toMatchObject({ state: 'anchored', quote: { exact: 'reached over Signal', suffix: expect.not.stringContaining('\u0007') } });
  });

  it('in the explanation editor, its action mends the editor’s text', () => {
    const draft = dirtyDraft();
    const field = 'annotations.0.explanation';
    const text = draft.annotations[0]?.explanation ?? '';
    const lint = toLintDiagnostics(controls(draft).filter((d) => d.range.field === field), text.length, field, () => undefined);
    expect(lint.map((d) => [d.source, d.severity, text.slice(d.from, d.to)])).toEqual([['control-character', 'error', '\u0000']]);
    let state = EditorState.create({ doc: text });
    const view = { dispatch: (spec: TransactionSpec) => (state = state.update(spec).state) } as unknown as EditorView;
    lint[0]?.actions?.[0]?.apply(view, lint[0].from, lint[0].to);
    expect(state.doc.toString()).toBe('Over Signal (T0155.007: Encrypted Communication Channel).');
  });
});
