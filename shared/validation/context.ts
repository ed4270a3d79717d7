/**
 * What the rules know about the world besides the text they check, and the helpers every rule
 * uses to build its diagnostics (one place for positions and severities).
 */
import { lineNumberAt } from '../edit-line';
import type { FrameworkLookup } from '../drafts/framework-lookup';
import { VALIDATION_RULES, type RuleCode } from './rules';
import type { Diagnostic, QuickFix, RetiredTechnique, Severity } from './types';

export interface ValidationContext {
  /** The checked-out framework's techniques. */
  readonly lookup: FrameworkLookup;
  /** Techniques of earlier versions that the checked-out one no longer has (built from git history in electron/). */
  readonly retired?: ReadonlyMap<string, RetiredTechnique>;
  /** Incident ids used by someone else: the checkout (pages, history, master data) and other drafts. */
  readonly takenIncidentIds?: ReadonlySet<string>;
  /** The next free incident id, offered when the draft's is taken. */
  readonly nextFreeIncidentId?: string;
}

/** 1-based column of an offset: characters since the last line break. */
export function columnAt(text: string, offset: number): number {
  if (offset <= 0) return 1;
  const lastBreak = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return offset - lastBreak;
}

/** Builds a diagnostic for `[start, end)` of `text` (the text of `field`). */
export function diagnostic(
  code: RuleCode,
  text: string,
  field: string,
  start: number,
  end: number,
  message: string,
  fixes: readonly QuickFix[] = [],
  severity: Severity = VALIDATION_RULES[code].severity,
): Diagnostic {
  return { code, severity, message, range: { field, start, end, line: lineNumberAt(text, start), column: columnAt(text, start) }, fixes };
}

/** A quick fix that replaces the diagnostic's range of `field` with `text`. */
export function replaceFix(title: string, field: string, start: number, end: number, text: string): QuickFix {
  return { title, edits: [{ field, start, end, text }] };
}
