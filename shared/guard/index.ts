/**
 * The edit-line guard: is every change git is about to commit confined below the edit line of its
 * page? Pure; see check-changes.ts for the rules and rules.ts for the codes it reports. The full
 * new-incident-page check lives in incident-page-check.ts (it needs the page model of shared/pages).
 */
export type { ChangeStatus, FileMode, GuardChange, GuardOptions, NewPageCheck, NewPageContext, Violation } from './types';
export { GUARD_RULES, GUARD_RULE_CODES, type GuardRule } from './rules';
export { GENERATED_ROOTS, checkChange, checkChanges, isGuardedChange, isGuardedPath } from './check-changes';
export { firstDifferenceLine } from './first-difference';
export { keepsGeneratedBytes } from './generated-bytes';
export { checkPageText, type TextViolation } from './page-text';
export { repairGeneratedPart, type RepairResult } from './repair';
