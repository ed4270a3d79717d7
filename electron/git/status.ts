/**
 * `git status`, parsed from the stable porcelain v2 format (NUL-separated, so any file name is
 * read exactly): the branch and its upstream, each changed file's staged and unstaged state,
 * conflicts, and whether a merge or rebase is under way.
 */
import { operationInProgress, repositoryState, type HeadState, type OperationInProgress } from './core/repository-state';
import { runGitText } from './core/runner';

/** How a file changed on one side (index against HEAD, or work tree against index). */
export type FileChange = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechanged';

/** One changed file. */
export interface FileStatus {
  readonly path: string;
  /** The old path of a staged rename or copy. */
  readonly oldPath?: string;
  /** The change staged for the next commit, if any. */
  readonly staged?: FileChange;
  /** The change in the work tree not staged yet, if any. */
  readonly unstaged?: FileChange;
  readonly untracked: boolean;
  readonly conflicted: boolean;
}

/** The checkout's state. */
export interface RepositoryStatus {
  readonly head: HeadState;
  /** The upstream branch (`origin/main`) and how far the branch is from it. */
  readonly upstream?: { readonly name: string; readonly ahead: number; readonly behind: number };
  readonly operation: OperationInProgress;
  readonly files: FileStatus[];
}

const CHANGE: Readonly<Record<string, FileChange>> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechanged' };

/** The status of `checkout`. */
export async function readStatus(checkout: string): Promise<RepositoryStatus> {
  // The files and where HEAD is, read together (both only read).
  const [parsed, { gitDir, head }] = await Promise.all([changedFiles(checkout), repositoryState(checkout)]);
  return { head, ...(parsed.upstream ? { upstream: parsed.upstream } : {}), operation: operationInProgress(gitDir), files: parsed.files };
}

/** The changed files and the upstream, from `git status` alone (for a caller that knows where HEAD is already). */
export async function changedFiles(checkout: string): Promise<Pick<RepositoryStatus, 'upstream' | 'files'>> {
  return parsePorcelainV2(await runGitText(checkout, ['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--ignore-submodules=all']));
}

/** Parses `git status --porcelain=v2 -z --branch`. */
function parsePorcelainV2(out: string): Pick<RepositoryStatus, 'upstream' | 'files'> {
  const fields = out.split('\0');
  const files: FileStatus[] = [];
  let upstreamName: string | undefined;
  let ahead = 0;
  let behind = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.startsWith('# branch.upstream ')) upstreamName = field.slice('# branch.upstream '.length);
    else if (field.startsWith('# branch.ab ')) {
      const match = /\+(\d+) -(\d+)/.exec(field);
      ahead = Number(match?.[1] ?? 0);
      behind = Number(match?.[2] ?? 0);
    } else if (field.startsWith('1 ') || field.startsWith('2 ')) {
      const parts = field.split(' ');
      const xy = parts[1] ?? '..';
      const path = parts.slice(field.startsWith('1 ') ? 8 : 9).join(' ');
      const oldPath = field.startsWith('2 ') ? fields[++i] : undefined;
      files.push({ path, ...(oldPath ? { oldPath } : {}), ...sides(xy), untracked: false, conflicted: false });
    } else if (field.startsWith('u ')) {
      files.push({ path: field.split(' ').slice(10).join(' '), untracked: false, conflicted: true });
    } else if (field.startsWith('? ')) {
      files.push({ path: field.slice(2), unstaged: 'added', untracked: true, conflicted: false });
    }
  }
  return { ...(upstreamName ? { upstream: { name: upstreamName, ahead, behind } } : {}), files };
}

function sides(xy: string): { staged?: FileChange; unstaged?: FileChange } {
  const staged = CHANGE[xy.charAt(0)];
  const unstaged = CHANGE[xy.charAt(1)];
  return { ...(staged ? { staged } : {}), ...(unstaged ? { unstaged } : {}) };
}
