/**
 * Reading trees and blobs in bulk: a tree's files with their sizes (`ls-tree -l`), and many blobs
 * in one `git show` (which writes blob contents back to back; the sizes split them). A range check
 * over a regenerated history reads thousands of pages, so one process per blob would be too slow.
 */
import type { FileMode } from '../../../shared/guard';
import { runGit, runGitText, type GitCallOptions } from './runner';

/** The empty tree of each object format: the base of a root commit or an unborn branch. */
const EMPTY_TREE: Readonly<Record<string, string>> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/** The empty tree's id in this checkout's object format. */
export async function emptyTree(checkout: string): Promise<string> {
  const format = (await runGit(checkout, ['rev-parse', '--show-object-format'], { expectedExitCodes: [0, 128] })).stdout.toString('utf8').trim();
  return EMPTY_TREE[format] ?? EMPTY_TREE.sha1!;
}

/** One file of a tree. */
export interface TreeEntry {
  readonly mode: FileMode;
  readonly oid: string;
  /** Bytes; undefined for a submodule. */
  readonly size: number | undefined;
}

/** The files of `tree` under `roots` (all files when none), by path. */
export async function listTree(checkout: string, tree: string, roots: readonly string[] = []): Promise<Map<string, TreeEntry>> {
  const out = await runGitText(checkout, ['ls-tree', '-r', '-l', '-z', '--full-tree', tree, '--', ...roots]);
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, , oid, size] = record.slice(0, tab).split(/\s+/);
    entries.set(record.slice(tab + 1), { mode: toFileMode(mode), oid: oid ?? '', size: size === '-' || size === undefined ? undefined : Number(size) });
  }
  return entries;
}

const FILE_MODES: readonly FileMode[] = ['100644', '100755', '120000', '160000'];

/** Git's mode string as a FileMode; anything unexpected counts as a regular file. */
export function toFileMode(mode: string | undefined): FileMode {
  return FILE_MODES.find((m) => m === mode) ?? '100644';
}

const BLOBS_PER_CALL = 200;

/** The contents of many blobs, by id. Sizes come from listTree. */
export async function readBlobs(checkout: string, blobs: ReadonlyArray<{ oid: string; size: number }>, options: GitCallOptions = {}): Promise<Map<string, Buffer>> {
  const unique = [...new Map(blobs.map((b) => [b.oid, b])).values()];
  const contents = new Map<string, Buffer>();
  for (let start = 0; start < unique.length; start += BLOBS_PER_CALL) {
    const chunk = unique.slice(start, start + BLOBS_PER_CALL);
    const out = (await runGit(checkout, ['show', '--no-textconv', '--no-color', ...chunk.map((b) => b.oid)], options)).stdout;
    let offset = 0;
    for (const blob of chunk) {
      contents.set(blob.oid, out.subarray(offset, offset + blob.size));
      offset += blob.size;
    }
    if (offset !== out.length) throw new Error(`git show returned ${out.length} bytes for blobs totalling ${offset}`);
  }
  return contents;
}

/** The commit's tree, or the empty tree for `undefined` (no parent, unborn branch). */
export async function treeOf(checkout: string, commit: string | undefined): Promise<string> {
  if (commit === undefined) return emptyTree(checkout);
  return (await runGitText(checkout, ['rev-parse', '--verify', '--end-of-options', `${commit}^{tree}`])).trim();
}
