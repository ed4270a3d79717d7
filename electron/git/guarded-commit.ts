/**
 * The guarded commit, the app's only way to commit: the staged changes go through the edit-line
 * guard first, and while any violates it nothing is committed; the refusal lists each violation
 * (file, line, rule) for the review screen. HEAD and the git folder are read once for the whole
 * operation, and the staged changes once (what the guard judges is what the commit takes).
 */
import { ApiError } from '../../shared/api/errors';
import type { Violation } from '../../shared/guard';
import { assertNoIndexLock, assertNoOperationInProgress, repositoryState } from './core/repository-state';
import { emptyTreeOf } from './core/trees';
import { commitStaged, type CommitRequest, type CommitResult } from './commit';
import { judge, type GuardCheckOptions } from './guard-check';
import { judgeableStaged, stagedRecords } from './guard-changes';

/** Commits the staged changes when the guard allows them all. */
export async function guardedCommit(checkout: string, request: CommitRequest & GuardCheckOptions): Promise<CommitResult> {
  // Where HEAD is and what is staged against it, read together (both only read).
  const [{ gitDir, objectFormat, head }, againstHead] = await Promise.all([repositoryState(checkout), stagedRecords(checkout, 'HEAD')]);
  assertNoOperationInProgress(gitDir, 'Committing');
  assertNoIndexLock(gitDir, 'Committing');
  if (head.kind === 'detached') {
    throw new ApiError('conflict', 'HEAD is detached (not on a branch): a commit made here is easy to lose. Create a branch first, then commit.');
  }
  const headCommit = head.kind === 'branch' ? head.oid : undefined;
  const base = headCommit ?? emptyTreeOf(objectFormat);
  const records = (headCommit !== undefined ? againstHead : undefined) ?? (await stagedRecords(checkout, base)) ?? [];
  const { collected, anythingStaged } = await judgeableStaged(checkout, base, records);
  if (!anythingStaged) {
    throw new ApiError('bad-request', 'Nothing is staged to commit. Stage the pages you want to commit first.');
  }
  const violations = await judge(collected, request);
  if (violations.length > 0) throw guardRefusal(violations);
  return commitStaged(checkout, request, { head: headCommit ?? '', branch: { name: head.name, gitDir } });
}

/** The error for a refused commit: one line per violation, and the violations as details. */
function guardRefusal(violations: readonly Violation[]): ApiError {
  const lines = violations.slice(0, 20).map((v) => `${v.file}${v.line > 0 ? `:${v.line}` : ''} [${v.rule}] ${v.message}`);
  const more = violations.length > 20 ? `\n...and ${violations.length - 20} more.` : '';
  return new ApiError('guard-violation', `The commit was refused: ${violations.length === 1 ? 'a change breaks' : `${violations.length} changes break`} the edit-line rule (nothing above a page's edit line may change).\n${lines.join('\n')}${more}`, {
    violations,
  });
}
