/**
 * What validation reports. A diagnostic names its rule (a stable code), a severity, a precise
 * range (a field of a draft and offsets in it, or offsets in a file with line and column), a
 * message an analyst can act on, and quick fixes where one exists. The editor shows them inline,
 * the review screen lists them, and `disarm-workbench lint` prints them.
 */
import type { RuleCode } from './rules';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a diagnostic applies. `field` is a dotted path into a draft (`incident.name`,
 * `annotations.2.explanation`, `references.0.url`, `annotations.1.techniqueIds.0`) or `''` for
 * a file's whole text. Offsets are UTF-16 code units into that text; line and column (1-based)
 * are computed from the same text.
 */
export interface DiagnosticRange {
  readonly field: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** One change a quick fix makes: replace a range of a field's text, or remove a list item. */
export type FixEdit =
  | { readonly field: string; readonly start: number; readonly end: number; readonly text: string }
  | { readonly field: string; readonly remove: true };

/** A fix the analyst can apply with one click. */
export interface QuickFix {
  readonly title: string;
  readonly edits: readonly FixEdit[];
}

export interface Diagnostic {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: DiagnosticRange;
  readonly fixes: readonly QuickFix[];
}

/** A technique that existed in an earlier version of the framework but not in the checked-out one. */
export interface RetiredTechnique {
  readonly id: string;
  /** Its name when it was last there. */
  readonly name: string;
  /** The first commit (on the checked-out branch) where it is gone, and that commit's date (YYYY-MM-DD). */
  readonly removedIn: { readonly commit: string; readonly date: string };
  /**
   * The checked-out techniques its incidents moved to, best first (T0043.001 -> T0155.007,
   * T0151.004), as the history shows them; none when it does not.
   */
  readonly successors?: readonly string[];
}
