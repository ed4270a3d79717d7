/** Validation of drafts and framework pages: rule codes, diagnostics, and the checks. */
export type { Diagnostic, DiagnosticRange, FixEdit, QuickFix, RetiredTechnique, Severity } from './types';
export { VALIDATION_RULES, RULE_CODES, type RuleCode } from './rules';
export type { ValidationContext } from './context';
export { validateDraft, hasErrors } from './check-draft';
export { checkText, findIdMentions, type IdMention } from './check-text';
export { checkUrl, checkDate, encodeForLink, type DateKind } from './check-fields';
export { checkCharacters, checkStrings, REMOVE_CONTROL_CHARACTERS } from './check-characters';
export { describeField } from './field-names';
export { lintPage, type PageLintOptions } from './check-page';
export { checkTechniqueId, canonicalTechniqueId, didYouMean, successorsOf } from './technique-ids';
