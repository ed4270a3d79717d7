/**
 * The look shared by the tagger's editors on top of the workbench theme: prose rather than code
 * (proportional font, wrapped lines), and the mention hover card.
 */
import { EditorView } from '@codemirror/view';

export const editorChrome = [
  EditorView.lineWrapping,
  EditorView.theme({
    '.cm-scroller': { fontFamily: 'var(--font-ui)', lineHeight: '1.6' },
    '.cm-content': { padding: '0.6rem 0.2rem' },
    '.cm-line': { padding: '0 0.6rem' },
    '.cm-mention-card': { padding: '0.5rem 0.7rem', maxWidth: '22rem', fontFamily: 'var(--font-ui)' },
    '.cm-mention-detail': { color: 'var(--fg-muted)', fontSize: '0.85em' },
    '.cm-mention-card p': { margin: '0.3rem 0 0' },
    '.cm-placeholder': { color: 'var(--fg-muted)' },
  }),
];
