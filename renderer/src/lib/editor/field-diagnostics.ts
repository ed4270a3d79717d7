/**
 * Validation in a CodeMirror editor of one draft field (a quote's explanation): the draft's
 * diagnostics for that field as lint diagnostics (underlined, listed on hover) whose actions are
 * the quick fixes. Edits of the field itself are applied in the editor (so Undo takes them back);
 * a fix that also touches other fields hands those to `applyElsewhere`.
 */
import { linter, type Action, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Diagnostic, QuickFix } from '../../../../shared/validation';

/** How the field's diagnostics are found and how a fix reaches the rest of the draft. */
export interface FieldDiagnosticsSource {
  /** The field's current diagnostics (computed from the draft, which the editor keeps in step). */
  diagnostics(): readonly Diagnostic[];
  /** The field's path; edits of it are applied in the editor. */
  readonly field: () => string | undefined;
  /** Applies the edits of a fix that concern other fields. */
  applyElsewhere(fix: QuickFix): void;
}

/** The lint diagnostics for a document of `length` characters. */
export function toLintDiagnostics(diagnostics: readonly Diagnostic[], length: number, field: string | undefined, applyElsewhere: (fix: QuickFix) => void): LintDiagnostic[] {
  return diagnostics
    .filter((d) => d.range.start <= length && d.range.end <= length)
    .map((d) => ({
      from: d.range.start,
      to: Math.max(d.range.end, d.range.start),
      severity: d.severity === 'info' ? 'info' : d.severity,
      source: d.code,
      message: d.message,
      actions: d.fixes.map((fix): Action => ({ name: fix.title, apply: (view: EditorView) => applyFix(view, fix, field, applyElsewhere) })),
    }));
}

/** Applies a fix: its edits of this field in the editor, the rest through `applyElsewhere`. */
function applyFix(view: EditorView, fix: QuickFix, field: string | undefined, applyElsewhere: (fix: QuickFix) => void): void {
  const here = fix.edits.flatMap((e) => ('text' in e && e.field === field ? [e] : []));
  const elsewhere = fix.edits.filter((e) => !('text' in e && e.field === field));
  if (here.length) view.dispatch({ changes: here.map((e) => ({ from: e.start, to: e.end, insert: e.text })), userEvent: 'input.fix' });
  if (elsewhere.length) applyElsewhere({ title: fix.title, edits: elsewhere });
}

/** The lint extension. */
export function fieldDiagnostics(source: FieldDiagnosticsSource): Extension {
  return linter((view) => toLintDiagnostics(source.diagnostics(), view.state.doc.length, source.field(), (fix) => source.applyElsewhere(fix)), { delay: 250 });
}
