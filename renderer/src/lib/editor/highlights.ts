/**
 * Tagged passages in the tagger's source text: each annotation's quote stays highlighted (draft
 * and accepted ones look different, the open one stands out), the highlights follow the text
 * through edits, and a click on one reports its annotation. The ranges come from the draft's
 * anchors; the tagger sets them with `setHighlights` whenever the draft changes.
 */
import { StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** One highlighted passage. */
export interface Highlight {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly accepted: boolean;
}

/** Replaces the highlights and says which one is open. */
export const setHighlights = StateEffect.define<{ readonly highlights: readonly Highlight[]; readonly activeId?: string | undefined }>();

/** The highlights as decorations, mapped through document changes. */
export const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setHighlights)) next = buildDecorations(effect.value.highlights, effect.value.activeId, tr.state.doc.length);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The decorations for `highlights` in a document of `length` characters (out-of-range ones dropped). */
export function buildDecorations(highlights: readonly Highlight[], activeId: string | undefined, length: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const h of highlights) {
    if (h.from < 0 || h.to > length || h.to <= h.from) continue;
    const cls = `cm-tagged${h.accepted ? ' cm-tagged-accepted' : ''}${h.id === activeId ? ' cm-tagged-active' : ''}`;
    ranges.push(Decoration.mark({ class: cls, attributes: { 'data-annotation': h.id }, id: h.id }).range(h.from, h.to));
  }
  return Decoration.set(ranges, true);
}

/** The ids of the highlights that cover `pos`, innermost (shortest) first. */
export function highlightsAt(decorations: DecorationSet, pos: number): string[] {
  const found: { id: string; size: number }[] = [];
  decorations.between(pos, pos, (from, to, deco) => {
    const id: unknown = deco.spec.id;
    if (typeof id === 'string' && from <= pos && pos <= to) found.push({ id, size: to - from });
  });
  return found.sort((a, b) => a.size - b.size).map((f) => f.id);
}

/** The look of highlights, from the workbench's theme properties. */
const highlightTheme = EditorView.theme({
  '.cm-tagged': { backgroundColor: 'var(--highlight)', borderRadius: '2px', cursor: 'pointer' },
  '.cm-tagged-accepted': { backgroundColor: 'var(--highlight-accepted)' },
  '.cm-tagged-active': { backgroundColor: 'var(--highlight-active)', outline: '2px solid var(--accent)' },
});

/** How far (in pixels) the pointer may move between press and release for a click. */
const CLICK_SLOP = 4;

/**
 * Highlights, and `onOpen(id)` when a click (a press and release in place, not a drag that
 * selects text) lands on one.
 */
export function taggedHighlights(onOpen: (id: string) => void): Extension {
  let press: { x: number; y: number; id: string } | undefined;
  return [
    highlightField,
    highlightTheme,
    EditorView.domEventHandlers({
      mousedown(event, view) {
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        const [id] = pos === null ? [] : highlightsAt(view.state.field(highlightField), pos);
        press = id && event.button === 0 && !event.shiftKey ? { x: event.clientX, y: event.clientY, id } : undefined;
        return false;
      },
      mouseup(event) {
        const pressed = press;
        press = undefined;
        if (pressed && Math.abs(event.clientX - pressed.x) <= CLICK_SLOP && Math.abs(event.clientY - pressed.y) <= CLICK_SLOP) onOpen(pressed.id);
        return false;
      },
    }),
  ];
}
