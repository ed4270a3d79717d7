// Tagged passages in the source editor, headless: the highlight field builds its decorations from
// the draft's anchors, follows the text through edits, and says which quote a position is in.
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { highlightField, highlightsAt, setHighlights, type Highlight } from '../../../renderer/src/lib/editor/highlights';

const TEXT = 'Officials said the campaign used Signal and WhatsApp to reach journalists.';

function stateWith(highlights: Highlight[], activeId?: string): EditorState {
  const state = EditorState.create({ doc: TEXT, extensions: [highlightField] });
  return state.update({ effects: setHighlights.of({ highlights, activeId }) }).state;
}

function ranges(state: EditorState): { id: unknown; from: number; to: number; cls: unknown }[] {
  const out: { id: unknown; from: number; to: number; cls: unknown }[] = [];
  state.field(highlightField).between(0, state.doc.length, (from, to, deco) => {
    out.push({ id: deco.spec.id, from, to, cls: deco.spec.class });
  });
  return out;
}

describe('tagged highlights', () => {
  const signal = TEXT.indexOf('Signal and WhatsApp');
  const quote: Highlight = { id: 'a', from: signal, to: signal + 'Signal and WhatsApp'.length, accepted: false };
  const wide: Highlight = { id: 'b', from: TEXT.indexOf('the campaign'), to: TEXT.indexOf(' to reach'), accepted: true };

  it('marks each anchored quote, accepted and open ones with their own classes', () => {
    const state = stateWith([quote, wide], 'a');
    expect(ranges(state)).toEqual([
      { id: 'b', from: wide.from, to: wide.to, cls: 'cm-tagged cm-tagged-accepted' },
      { id: 'a', from: quote.from, to: quote.to, cls: 'cm-tagged cm-tagged-active' },
    ]);
  });

  it('drops anchors that do not fit the text (a stale position is never drawn elsewhere)', () => {
    const state = stateWith([quote, { id: 'x', from: 10, to: TEXT.length + 5, accepted: false }, { id: 'y', from: 5, to: 5, accepted: false }]);
    expect(ranges(state).map((r) => r.id)).toEqual(['a']);
  });

  it('follows the text when it changes before a highlight', () => {
    const state = stateWith([quote]);
    const edited = state.update({ changes: { from: 0, insert: 'Yesterday, ' } }).state;
    const [range] = ranges(edited);
    expect(edited.sliceDoc(range?.from, range?.to)).toBe('Signal and WhatsApp');
  });

  it('names the innermost quote at a position first, and none outside them', () => {
    const state = stateWith([quote, wide]);
    const decorations = state.field(highlightField);
    expect(highlightsAt(decorations, quote.from + 2)).toEqual(['a', 'b']);
    expect(highlightsAt(decorations, wide.from + 1)).toEqual(['b']);
    expect(highlightsAt(decorations, 1)).toEqual([]);
  });

  it('replaces the highlights whole when the draft changes', () => {
    const state = stateWith([quote, wide]).update({ effects: setHighlights.of({ highlights: [wide] }) }).state;
    expect(ranges(state).map((r) => r.id)).toEqual(['b']);
  });
});
