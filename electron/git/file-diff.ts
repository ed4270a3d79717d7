/**
 * One file's change for the review screen: its committed text (HEAD), its new text (the work tree
 * as on disk, or the staged version), and git's unified diff between them. The unified diff is
 * git's own (after its line-ending normalisation), with external diff programs and text
 * conversions switched off.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { decodeForDisplay } from './core/decode';
import { runGit } from './core/runner';
import { headOrEmptyTree } from './core/trees';

/** Which change of the file to show. */
export type DiffSide = 'worktree' | 'staged';

/** A file's texts and diff. */
export interface FileDiff {
  readonly path: string;
  /** The committed text; absent when the file is new. */
  readonly oldText?: string;
  /** The new text; absent when the file is deleted. */
  readonly newText?: string;
  /** 'bytes' when a side is not valid UTF-8 (shown with replacement characters). */
  readonly encoding: 'utf8' | 'bytes';
  /** Git's unified diff (empty when nothing changed). */
  readonly diff: string;
}

/** The texts and diff of `path` (already validated and resolved inside the checkout). */
export async function readFileDiff(checkout: string, path: string, side: DiffSide): Promise<FileDiff> {
  const [oldBytes, newBytes] = await Promise.all([readBlob(checkout, `HEAD:${path}`), side === 'staged' ? readBlob(checkout, `:0:${path}`) : readWorkTree(checkout, path)]);
  if (oldBytes === undefined && newBytes === undefined && (side === 'staged' || !(await isTracked(checkout, path)))) {
    throw new ApiError('not-found', `There is no file ${path} in the checkout, its index or its last commit.`);
  }
  const diffArgs = ['--no-color', '--no-ext-diff', '--no-textconv', '--unified=3'];
  let diff: string;
  if (oldBytes === undefined && side === 'worktree' && newBytes !== undefined && !(await isTracked(checkout, path))) {
    // An untracked file: git diff against nothing (exit 1 means "there are differences").
    diff = (await runGit(checkout, ['diff', '--no-index', ...diffArgs, '--', '/dev/null', path], { expectedExitCodes: [0, 1] })).stdout.toString('utf8');
  } else {
    // HEAD, or the empty tree on a branch with no commit yet (without a base, git would compare
    // the work tree with the index). A file HEAD holds shows that HEAD exists; git is asked only otherwise.
    const base = oldBytes !== undefined ? 'HEAD' : await headOrEmptyTree(checkout);
    diff = (await runGit(checkout, ['diff', ...diffArgs, ...(side === 'staged' ? ['--cached'] : []), base, '--', path])).stdout.toString('utf8');
  }
  const oldDecoded = oldBytes === undefined ? undefined : decodeForDisplay(oldBytes);
  const newDecoded = newBytes === undefined ? undefined : decodeForDisplay(newBytes);
  const encoding = oldDecoded?.encoding === 'bytes' || newDecoded?.encoding === 'bytes' ? 'bytes' : 'utf8';
  return { path, ...(oldDecoded ? { oldText: oldDecoded.text } : {}), ...(newDecoded ? { newText: newDecoded.text } : {}), encoding, diff };
}

/** A blob by revision:path, or undefined when there is none there (git exits 128 for a name that names no blob). */
async function readBlob(checkout: string, spec: string): Promise<Buffer | undefined> {
  const blob = await runGit(checkout, ['cat-file', 'blob', spec], { expectedExitCodes: [0, 128] });
  return blob.exitCode === 0 ? blob.stdout : undefined;
}

function readWorkTree(checkout: string, path: string): Buffer | undefined {
  const absolute = join(checkout, path);
  if (!existsSync(absolute) || !lstatSync(absolute).isFile()) return undefined;
  return readFileSync(absolute);
}

/** True when the index has `path` itself (a folder's files do not make the folder a tracked file). */
async function isTracked(checkout: string, path: string): Promise<boolean> {
  const out = await runGit(checkout, ['ls-files', '-z', '--', path]);
  return out.stdout.toString('utf8').split('\0').includes(path);
}
