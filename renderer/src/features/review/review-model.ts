/**
 * The review before a commit, as plain data and rules: every changed file of the work tree with
 * its texts and diff, the guard's verdict on it (violations with their lines), the validation
 * problems of its notes, whether it goes into the commit, and what still stops the commit.
 * Loading goes through the api (repo.status, guard.check, repo.fileDiff); everything else is pure,
 * so the rules are tested headless on a real clone.
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { ApiOutput } from '../../../../shared/api/contract';
import { GUARD_RULES, firstDifferenceLine, isGuardedPath, type Violation } from '../../../../shared/guard';
import { pageOfPath } from '../../../../shared/ids';
import type { Diagnostic } from '../../../../shared/validation';
import { prefillCommitMessage } from './commit-message';

/** How a file differs from HEAD, all in all (staged and unstaged together). */
export type FileChange = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechanged' | 'conflicted';

/** What the review says about one file. */
export type Verdict = 'ok' | 'warning' | 'error' | 'violation';

/** One changed file under review. */
export interface ReviewFile {
  readonly path: string;
  readonly oldPath?: string;
  readonly change: FileChange;
  /** Staged already (in part or whole). */
  readonly staged: boolean;
  /** The committed text (absent for a new file) and the new text (absent for a deleted one). */
  readonly oldText?: string;
  readonly newText?: string;
  /** Git's unified diff against HEAD. */
  readonly diff: string;
  /** True when a side is not valid UTF-8 (shown with replacement characters). */
  readonly binaryLike: boolean;
  /** The guard's refusals for this file, by line. */
  readonly violations: readonly Violation[];
  /** Validation problems of the text the analyst may write (below the edit line). */
  readonly problems: readonly Diagnostic[];
  readonly verdict: Verdict;
  /** True when the guard's repair applies (the file is in HEAD and the guard refused it). */
  readonly repairable: boolean;
  /** The line of the new text where it first differs from the last commit (0: no text change). */
  readonly firstChangedLine: number;
}

/** The checkout as the review shows it. */
export interface ReviewSnapshot {
  readonly status: ApiOutput<'repo.status'>;
  readonly files: readonly ReviewFile[];
  /** Guard violations of files that are no longer in the status (should not happen; shown, never dropped). */
  readonly otherViolations: readonly Violation[];
}

type StatusFile = ApiOutput<'repo.status'>['files'][number];
type FileDiff = ApiOutput<'repo.fileDiff'>;

/** The change of a status entry against HEAD. */
function changeOf(file: StatusFile): FileChange {
  if (file.conflicted) return 'conflicted';
  if (file.untracked) return 'added';
  if (file.staged === 'added') return file.unstaged === 'deleted' ? 'modified' : 'added';
  if (file.unstaged === 'deleted' || file.staged === 'deleted') return 'deleted';
  return file.staged ?? file.unstaged ?? 'modified';
}

/** The verdict: a guard violation first, then validation errors, then warnings. */
function verdictOf(violations: readonly Violation[], problems: readonly Diagnostic[]): Verdict {
  if (violations.length > 0) return 'violation';
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning')) return 'warning';
  return 'ok';
}

/** Builds one file's review from its status, diff, the guard's violations and the lint. */
function reviewFile(file: StatusFile, diff: FileDiff | undefined, violations: readonly Violation[], lint: (text: string) => Diagnostic[]): ReviewFile {
  const change = changeOf(file);
  const newText = diff?.newText;
  // Only pages have notes to lint; the generated part is the guard's business, not the lint's.
  const problems = newText !== undefined && pageOfPath(file.path) ? lint(newText).filter((p) => p.severity !== 'info') : [];
  const guarded = violations.filter((v) => v.file === file.path);
  return {
    path: file.path,
    ...(file.oldPath !== undefined ? { oldPath: file.oldPath } : {}),
    change,
    staged: file.staged !== undefined,
    ...(diff?.oldText !== undefined ? { oldText: diff.oldText } : {}),
    ...(newText !== undefined ? { newText } : {}),
    diff: diff?.diff ?? '',
    binaryLike: diff?.encoding === 'bytes',
    violations: guarded,
    problems,
    verdict: verdictOf(guarded, problems),
    repairable: guarded.length > 0 && diff?.oldText !== undefined && isGuardedPath(file.path),
    firstChangedLine: newText === undefined ? 0 : firstDifferenceLine(diff?.oldText ?? '', newText),
  };
}

/** Reads the status, the guard's verdict on the work tree and every changed file's diff. */
export async function loadReview(api: ApiClient, lint: (text: string) => Diagnostic[]): Promise<ReviewSnapshot> {
  const [status, guard] = await Promise.all([api.call('repo.status', {}), api.call('guard.check', { target: 'worktree' })]);
  const diffs = await Promise.all(status.files.map((f) => (f.conflicted ? Promise.resolve(undefined) : api.call('repo.fileDiff', { path: f.path, side: 'worktree' }))));
  const files = status.files.map((file, i) => reviewFile(file, diffs[i], guard.violations, lint));
  const known = new Set(files.map((f) => f.path));
  return { status, files, otherViolations: guard.violations.filter((v) => !known.has(v.file)) };
}

/** The message offered for committing `files`. */
export function messageFor(files: readonly ReviewFile[]): string {
  return prefillCommitMessage(files.map((f) => ({ path: f.path, added: f.change === 'added', ...(f.newText !== undefined ? { newText: f.newText } : {}) })));
}

/**
 * Why Commit is not possible now, in words; empty when it is. Anything the guard refuses or any
 * validation error in the files going into the commit blocks it; so does an unfinished merge or
 * rebase, a conflict, an empty message, or nothing to commit.
 */
export function commitBlockers(snapshot: ReviewSnapshot | undefined, included: ReadonlySet<string>, message: string): string[] {
  if (!snapshot) return ['The changes are still being read.'];
  const reasons: string[] = [];
  const going = snapshot.files.filter((f) => included.has(f.path));
  if (snapshot.status.operation !== 'none') reasons.push(`A ${snapshot.status.operation} is under way in this checkout; finish or abort it first.`);
  if (snapshot.status.head.kind === 'detached') reasons.push('HEAD is detached: switch to a branch before committing.');
  if (going.length === 0) reasons.push(snapshot.files.length === 0 ? 'Nothing has changed since the last commit.' : 'No file is included in the commit.');
  const conflicted = going.filter((f) => f.change === 'conflicted');
  if (conflicted.length > 0) reasons.push(`${plural(conflicted.length, 'file has', 'files have')} merge conflicts: ${names(conflicted)}.`);
  const violating = going.filter((f) => f.violations.length > 0);
  if (violating.length > 0) reasons.push(`${plural(violating.length, 'file breaks', 'files break')} the edit-line rule: ${names(violating)}. Repair or leave out.`);
  if (snapshot.otherViolations.length > 0) reasons.push(`The guard refuses ${snapshot.otherViolations.map((v) => v.file).join(', ')}.`);
  const erroneous = going.filter((f) => f.problems.some((p) => p.severity === 'error'));
  if (erroneous.length > 0) reasons.push(`${plural(erroneous.length, 'file has', 'files have')} validation errors: ${names(erroneous)}.`);
  if (message.trim() === '') reasons.push('Write a commit message.');
  return reasons;
}

/** A violation in words for the list: the rule's title, and its line. */
export function describeViolation(violation: Violation): { title: string; fix: string; where: string } {
  const rule = GUARD_RULES[violation.rule];
  return { title: rule.title, fix: rule.fix, where: violation.line > 0 ? `line ${violation.line}` : 'whole file' };
}

/**
 * Stages exactly the included files (and unstages staged ones left out), then commits. The guard
 * runs again in the back end on what is staged; a refusal comes back as `guard-violation`.
 */
export async function commitIncluded(api: ApiClient, snapshot: ReviewSnapshot, included: ReadonlySet<string>, message: string): Promise<ApiOutput<'repo.commit'>> {
  const going = snapshot.files.filter((f) => included.has(f.path));
  const leftOut = snapshot.files.filter((f) => !included.has(f.path) && f.staged);
  if (leftOut.length > 0) await api.call('repo.unstage', { paths: leftOut.map((f) => f.path) });
  const toStage = going.flatMap((f) => (f.oldPath !== undefined ? [f.oldPath, f.path] : [f.path]));
  if (toStage.length > 0) await api.call('repo.stage', { paths: toStage });
  return api.call('repo.commit', { message });
}

/** The set of included paths: every changed file not left out. */
export function includedPaths(files: readonly ReviewFile[], excluded: readonly string[]): ReadonlySet<string> {
  const out = new Set(files.map((f) => f.path));
  for (const path of excluded) out.delete(path);
  return out;
}

/** `paths` with `path` added once. */
export function withPath(paths: readonly string[], path: string): string[] {
  return paths.includes(path) ? [...paths] : [...paths, path];
}

/** `paths` without `path`. */
export function withoutPath(paths: readonly string[], path: string): string[] {
  return paths.filter((p) => p !== path);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

function names(files: readonly ReviewFile[]): string {
  const shown = files.slice(0, 3).map((f) => f.path);
  return files.length > 3 ? `${shown.join(', ')} and ${files.length - 3} more` : shown.join(', ');
}

/** What pages.tidy found (or, without dryRun, did). */
export type TidyReport = ApiOutput<'pages.tidy'>;

/** One draft whose ids someone else took meanwhile, with the next free id. */
export type IdConflict = ApiOutput<'drafts.idConflicts'>[number];

/**
 * The offer for redundant blocks ("2 blocks the maintainers' pages now carry can be removed"),
 * or nothing when tidy has none to remove.
 */
export function tidyOffer(report: TidyReport | undefined): string | undefined {
  const count = report?.removed.length ?? 0;
  if (count === 0) return undefined;
  return `${plural(count, 'block', 'blocks')} the maintainers' pages now carry can be removed`;
}

/**
 * The conflict of draft `draftId`, if its ids are taken (a teammate's branch, fetched since the
 * ids were allocated, or an older draft). Asked right before writing pages: writing a page under
 * someone else's id would collide when the branches meet.
 */
export async function draftIdConflict(api: ApiClient, draftId: string): Promise<IdConflict | undefined> {
  return (await api.call('drafts.idConflicts', {})).find((c) => c.draftId === draftId);
}

/** A conflict in words: which ids are taken, where, and what the draft would get instead. */
export function describeIdConflict(conflict: IdConflict): string {
  const where = conflict.takenBy === 'checkout' ? 'in the checkout (its history or a remote branch)' : 'by another draft';
  const parts: string[] = [];
  if (conflict.incidentId) parts.push(`${conflict.incidentId} is already used ${where}; the next free id is ${conflict.suggestedIncidentId ?? 'unknown'}.`);
  if (conflict.linkIds.length > 0) parts.push(`${plural(conflict.linkIds.length, 'IT id is', 'IT ids are')} taken too (${conflict.linkIds.join(', ')}) and get the next free ones.`);
  return `Not written: ${parts.join(' ')}`;
}
