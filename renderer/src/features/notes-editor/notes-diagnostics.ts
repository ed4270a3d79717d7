/**
 * The validation rules as inline diagnostics in the notes editor (@codemirror/lint): the notes
 * below the edit line are checked as they are typed, each problem is underlined where it is, and
 * each quick fix the rule offers is an action on the diagnostic. The rules themselves live in
 * shared/ (one place for each rule); this module only places their findings in the editor.
 */
import { linter, lintGutter, type Action, type Diagnostic } from '@codemirror/lint';
import type { EditorState, Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { generatedPartField } from './generated-part';

/** A fix: replace the problem's range with `insert`. */
export interface TextFix {
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** One finding of a rule in a piece of text, offsets relative to that text. */
export interface TextIssue {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** The rule's code, shown as the diagnostic's source. */
  readonly rule: string;
  readonly message: string;
  readonly fixes: readonly TextFix[];
}

/** Checks the notes (the text after the edit line); offsets are relative to the notes. */
export type NotesCheck = (notes: string) => readonly TextIssue[];

/**
 * The diagnostics for the notes of `state`: the check runs on the text after the edit line and
 * its offsets are moved to document positions. Nothing for a page without the line (read-only).
 */
export function notesDiagnostics(state: EditorState, check: NotesCheck): Diagnostic[] {
  const part = state.field(generatedPartField);
  if (!part.hasLine) return [];
  const base = part.end;
  const length = state.doc.length;
  const clamp = (pos: number) => Math.max(base, Math.min(length, base + pos));
  return check(state.sliceDoc(base)).map((issue) => ({
    from: clamp(issue.from),
    to: clamp(issue.to),
    severity: issue.severity,
    source: issue.rule,
    message: issue.message,
    actions: issue.fixes.map((fix) => fixAction(fix, issue, base)),
  }));
}

/**
 * The action of a fix. The fix's own offsets are relative to the issue's, so it still lands
 * right when the diagnostic has moved because of typing elsewhere (CodeMirror passes its current place).
 */
function fixAction(fix: TextFix, issue: TextIssue, base: number): Action {
  return {
    name: fix.label,
    apply(view: EditorView, from: number) {
      const shift = from - (base + issue.from);
      view.dispatch({ changes: { from: base + fix.from + shift, to: base + fix.to + shift, insert: fix.insert }, userEvent: 'input.fix' });
    },
  };
}

/** The lint extension: diagnostics underlined, in the gutter, and in the lint panel (Ctrl+Shift+M). */
export function notesLinter(check: NotesCheck, options: { delay?: number } = {}): Extension {
  return [linter((view) => notesDiagnostics(view.state, check), { delay: options.delay ?? 300 }), lintGutter()];
}
