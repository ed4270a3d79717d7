/**
 * Collecting what the guard must judge, as git will commit it:
 * - staged: HEAD against the index (`diff-index --cached`; entries added with `git add -N` are
 *   left out, as a commit leaves them out; a hook's own index file is honoured);
 * - work tree: HEAD against what `git add -A` of the guarded folders would stage
 *   (worktree-changes.ts), after git's own clean filters and line-ending normalisation;
 * - a commit: its first parent against it (the empty tree for a root commit): changesBetween.
 * Git names the changed paths and both object ids (raw diff output, never whole tree listings);
 * one `cat-file --batch` reads every blob the guard needs.
 */
import { isGuardedChange } from '../../shared/guard';
import { unmergedOnly, withTexts, type CollectedChanges } from './collected-changes';
import { GitFailure } from './core/errors';
import { runPlumbing } from './core/plumbing';
import { parseRawDiff, type RawChange } from './core/raw-diff';
import { headOrEmptyTree } from './core/trees';
import { collectWorktreeChanges } from './worktree-changes';

/** What to check (a range's commits are collected one by one: changesBetween). */
export type GuardTarget =
  | { readonly kind: 'worktree' }
  | { readonly kind: 'staged'; /** An index file other than the checkout's (a pre-commit hook's GIT_INDEX_FILE). */ readonly indexFile?: string };

/** The changes of `target` in `checkout`, with the texts of every guarded file. */
export async function collectChanges(checkout: string, target: GuardTarget): Promise<CollectedChanges> {
  switch (target.kind) {
    case 'staged': {
      // Against HEAD by name: one process in the usual case (`check --staged` runs in the
      // pre-commit hook of every commit, and its open has just read HEAD); HEAD is asked for its
      // commit or the empty tree only when HEAD names no commit (an unborn branch).
      const againstHead = await stagedRecords(checkout, 'HEAD', target.indexFile);
      const base = againstHead ? 'HEAD' : await headOrEmptyTree(checkout);
      return (await judgeableStaged(checkout, base, againstHead ?? (await stagedRecords(checkout, base, target.indexFile)) ?? [])).collected;
    }
    case 'worktree':
      return collectWorktreeChanges(checkout);
  }
}

/**
 * Every staged change against `base` (a commit id, or `HEAD`), as git's raw records; undefined
 * when `base` names no commit (HEAD on an unborn branch).
 */
export async function stagedRecords(checkout: string, base: string, indexFile?: string): Promise<RawChange[] | undefined> {
  const out = await runPlumbing(checkout, ['diff-index', '--cached', '--ita-invisible-in-index', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', base], {
    expectedExitCodes: [0, 128],
    ...(indexFile !== undefined ? { indexFile } : {}),
  });
  if (out.exitCode !== 0) {
    if (base === 'HEAD') return undefined;
    throw new GitFailure('diff-index', out.exitCode, out.stderr.trim());
  }
  return parseRawDiff(out.stdout.toString('utf8'));
}

/**
 * The staged records against `base` (HEAD's commit, or the empty tree on an unborn branch) made
 * ready for the guard: unresolved conflicts alone, or the guarded changes with their texts; and
 * whether anything at all is staged (guarded or not).
 */
export async function judgeableStaged(checkout: string, base: string, records: readonly RawChange[]): Promise<{ collected: CollectedChanges; anythingStaged: boolean }> {
  const unmerged = records.filter((r) => r.status === 'unmerged').map((r) => r.path);
  if (unmerged.length > 0) return { collected: unmergedOnly(unmerged), anythingStaged: true };
  return { collected: await withTexts(checkout, base, records.filter(isGuardedChange)), anythingStaged: records.length > 0 };
}
