/**
 * Undoing the last commit while keeping its changes: `git reset --soft HEAD~1` moves the branch
 * back one commit and leaves the index and the work tree exactly as they were, so the changes are
 * staged again. Refused for a commit that is already on a remote (undoing it would rewrite history
 * others have), a merge, the first commit, or a detached HEAD.
 */
import { ApiError } from '../../shared/api/errors';
import { assertNoIndexLock, assertNoOperationInProgress, repositoryState } from './core/repository-state';
import { runGitText, runGit } from './core/runner';

/** The commit that was undone. */
export interface UndoResult {
  readonly undone: string;
  readonly subject: string;
  /** Where the branch is now. */
  readonly head: string;
}

/** Undoes the last commit of the current branch, keeping its changes staged. */
export async function undoLastCommit(checkout: string): Promise<UndoResult> {
  const { gitDir, head } = await repositoryState(checkout);
  assertNoOperationInProgress(gitDir, 'Undoing the last commit');
  assertNoIndexLock(gitDir, 'Undoing the last commit');
  if (head.kind !== 'branch') throw new ApiError('conflict', head.kind === 'detached' ? 'HEAD is detached (not on a branch); there is no branch commit to undo.' : 'Nothing is committed on this branch yet.');
  const [oid = '', parents = '', subject = ''] = (await runGitText(checkout, ['log', '-1', '--format=%H%x00%P%x00%s', head.oid])).trim().split('\0');
  const parentList = parents.split(' ').filter((p) => p !== '');
  if (parentList.length === 0) throw new ApiError('conflict', 'This is the first commit of the branch; there is nothing before it to go back to.');
  if (parentList.length > 1) throw new ApiError('conflict', 'The last commit is a merge; undo it in a terminal if you really mean to.');
  const pushedTo = (await runGitText(checkout, ['for-each-ref', '--contains', oid, '--format=%(refname:short)', 'refs/remotes'])).split('\n').filter((r) => r !== '');
  if (pushedTo.length > 0) {
    throw new ApiError('conflict', `The last commit ("${subject}") is already on ${pushedTo.slice(0, 3).join(', ')}; undoing it would rewrite history others may have. Make a new commit that corrects it instead.`, { remotes: pushedTo });
  }
  await runGit(checkout, ['reset', '--soft', '--quiet', parentList[0] ?? '']);
  return { undone: oid, subject, head: parentList[0] ?? '' };
}
