/**
 * Where a CodeMirror editor of the workbench lives: inside a shadow root on its host element.
 * CodeMirror injects its styles at run time; in a document it does that with a <style> element,
 * which the page's Content-Security-Policy (no 'unsafe-inline') refuses, while in a shadow root it
 * uses a constructed stylesheet (adoptedStyleSheets), which the policy allows. Colours come from
 * the workbench's CSS custom properties, which inherit into the shadow root, so both themes apply.
 */
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';

/** A shadow root on `host` and the element inside it to mount an editor into. */
export function shadowParent(host: HTMLElement): { root: ShadowRoot; parent: HTMLElement } {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  parent.className = 'cm-host';
  // Through the CSSOM, which the policy allows (a style attribute in markup it would refuse).
  parent.style.height = '100%';
  root.replaceChildren(parent);
  return { root, parent };
}

/** The workbench's look for CodeMirror, from the theme's custom properties (light and dark). */
export const workbenchEditorTheme: Extension = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)', fontSize: '0.9rem', height: '100%' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--accent-soft)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)', border: '1px solid var(--border-strong)', borderRadius: '4px', boxShadow: 'var(--shadow)' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '2px 6px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-completionDetail': { fontStyle: 'normal', marginLeft: '0.6em', opacity: '0.9' },
  '.cm-completionInfo': { padding: '4px 8px' },
  '.cm-panels': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-diagnostic': { padding: '4px 8px' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--danger)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--warning)' },
  '.cm-diagnosticAction': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)', border: 'none', borderRadius: '4px', padding: '2px 8px', marginLeft: '8px', font: 'inherit' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warning)', textUnderlineOffset: '3px' },
  '.cm-lint-marker-error, .cm-lint-marker-warning': { width: '0.8em', height: '0.8em' },
  // The generated part: greyed on a sunken background; the edit line itself marked as a rule.
  '.cm-generated-line': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg-muted)' },
  '.cm-edit-line': { backgroundColor: 'var(--warning-soft)', color: 'var(--fg)', fontWeight: '600', borderBottom: '2px dashed var(--warning)' },
});
