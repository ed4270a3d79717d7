/**
 * The validation rules as inline diagnostics in the notes editor (@codemirror/lint): the page is
 * checked as it is typed with shared/validation's page lint (which looks only below the edit
 * line), each problem is underlined where it is, and each quick fix the rule offers is an action
 * on the diagnostic. The rules live in shared/validation; this module only places their findings.
 */
import { linter, lintGutter, type Action, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorState, Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Diagnostic, QuickFix } from '../../../../shared/validation';
import { generatedPartField } from './generated-part';

/** Checks a whole page's text; ranges are offsets in it (field ''). */
export type NotesCheck = (text: string) => readonly Diagnostic[];

/**
 * The editor diagnostics for `state`: only those below the edit line (the part the analyst
 * writes), and none for a page without the line (read-only as a whole).
 */
export function notesDiagnostics(state: EditorState, check: NotesCheck): EditorDiagnostic[] {
  const part = state.field(generatedPartField);
  if (!part.hasLine) return [];
  const length = state.doc.length;
  return check(state.doc.toString())
    .filter((d) => d.range.field === '' && d.range.start >= part.end && d.range.end <= length)
    .map((d) => ({
      from: d.range.start,
      to: d.range.end,
      severity: d.severity,
      source: d.code,
      message: d.message,
      actions: d.fixes.map((fix) => fixAction(fix, d.range.start)),
    }));
}

/**
 * The action of a quick fix. Its edits are offsets in the text as it was linted; CodeMirror hands
 * the action the diagnostic's current place, so typing elsewhere since then is allowed for.
 */
function fixAction(fix: QuickFix, linted: number): Action {
  return {
    name: fix.title,
    apply(view: EditorView, from: number) {
      const shift = from - linted;
      const changes = fix.edits.flatMap((edit) => ('text' in edit && edit.field === '' ? [{ from: edit.start + shift, to: edit.end + shift, insert: edit.text }] : []));
      if (changes.length > 0) view.dispatch({ changes, userEvent: 'input.fix' });
    },
  };
}

/** The lint extension: diagnostics underlined, in the gutter, and in the lint panel (Mod+Shift+M). */
export function notesLinter(check: NotesCheck): Extension {
  return [linter((view) => notesDiagnostics(view.state, check), { delay: 300 }), lintGutter()];
}
