/**
 * The merge view's colours from the workbench's theme variables, so a diff reads the same in the
 * light and the dark theme (the merge package's own colours assume a light or dark editor theme
 * flag). Removed text on the danger tint, added text on the success tint, refused lines marked.
 */
import { EditorView } from '@codemirror/view';

export const diffTheme = EditorView.theme({
  '&.cm-merge-a .cm-changedLine, .cm-deletedChunk': { backgroundColor: 'var(--danger-soft) !important' },
  '&.cm-merge-b .cm-changedLine, .cm-inlineChangedLine': { backgroundColor: 'var(--success-soft) !important' },
  '&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText': { background: 'color-mix(in srgb, var(--danger) 28%, transparent) !important' },
  '&.cm-merge-b .cm-changedText': { background: 'color-mix(in srgb, var(--success) 30%, transparent) !important' },
  '.cm-collapsedLines': { color: 'var(--fg) !important', background: 'var(--bg-sunken) !important' },
  // The package's ⦚ is missing from common fonts; an ellipsis is everywhere.
  '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"…" !important' },
  '&.cm-merge-a .cm-changedLineGutter, .cm-deletedLineGutter': { background: 'var(--danger) !important' },
  '&.cm-merge-b .cm-changedLineGutter': { background: 'var(--success) !important' },
  '.cm-violation-line': { boxShadow: 'inset 4px 0 0 var(--danger)', backgroundColor: 'var(--warning-soft) !important' },
});
