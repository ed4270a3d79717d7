/**
 * Reading objects in bulk: any number of blobs and trees through one `git cat-file --batch`
 * process (a check of a thousand pages reads two thousand blobs; one process per blob, or even
 * one per hundred, would be most of its time), and the entries of a tree object parsed from its
 * bytes, so that listing a folder needs no process of its own.
 */
import type { FileMode } from '../../../shared/guard';
import { runPlumbing } from './plumbing';
import type { GitCallOptions } from './runner';

/** The empty tree of each object format: the base of a root commit or an unborn branch. */
const EMPTY_TREE: Readonly<Record<string, string>> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/** The empty tree's id in an object format (`sha1`, `sha256`). */
export function emptyTreeOf(objectFormat: string): string {
  return EMPTY_TREE[objectFormat] ?? EMPTY_TREE.sha1!;
}

/** The empty tree's id in this checkout's object format. */
export async function emptyTree(checkout: string): Promise<string> {
  const format = (await runPlumbing(checkout, ['rev-parse', '--show-object-format'], { expectedExitCodes: [0, 128] })).stdout.toString('utf8').trim();
  return emptyTreeOf(format);
}

/** HEAD's commit, or the empty tree on a branch with no commit yet: one process answers both. */
export async function headOrEmptyTree(checkout: string): Promise<string> {
  const head = await runPlumbing(checkout, ['rev-parse', '-q', '--verify', '--show-object-format', 'HEAD^{commit}'], { expectedExitCodes: [0, 1] });
  const [format = 'sha1', oid = ''] = head.stdout.toString('utf8').split('\n');
  return head.exitCode === 0 && oid ? oid : emptyTreeOf(format);
}

const FILE_MODES: readonly FileMode[] = ['100644', '100755', '120000', '160000'];

/** Git's mode string as a FileMode; anything unexpected counts as a regular file. */
export function toFileMode(mode: string | undefined): FileMode {
  return FILE_MODES.find((m) => m === mode) ?? '100644';
}

/** True for git's all-zero object id (a side that does not exist, or is not hashed yet). */
export function isNullOid(oid: string | undefined): boolean {
  return oid === undefined || /^0+$/.test(oid);
}

/** One object read by readObjects. */
export interface GitObject {
  readonly oid: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/**
 * The objects named by `names` (object ids, or `<tree-ish>:<path>` with a path of the
 * workbench's own), from one `git cat-file --batch`; a name that names nothing is absent from
 * the result. Names must not contain line breaks (each is one line of the request).
 */
export async function readObjects(checkout: string, names: Iterable<string>, options: Pick<GitCallOptions, 'baseEnv'> = {}): Promise<Map<string, GitObject>> {
  const unique = requestOf(names);
  if (unique.length === 0) return new Map();
  // Many objects: spooled, so that git never waits for this process to drain a pipe.
  const out = (await runPlumbing(checkout, ['cat-file', '--batch', '--buffer'], { ...options, input: unique.join('\n') + '\n', spoolOutput: unique.length > 50 })).stdout;
  return parseBatch(unique, out);
}

/** The distinct names of a request, each checked to fit on one line. */
function requestOf(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  if (unique.some((name) => name === '' || /[\r\n]/.test(name))) throw new Error('an object name for cat-file is empty or has a line break');
  return unique;
}

/** Splits `cat-file --batch` output (`<oid> <type> <size>\n<content>\n`, or `<name> missing\n`) by the names asked, in order. */
function parseBatch(unique: readonly string[], out: Buffer): Map<string, GitObject> {
  const objects = new Map<string, GitObject>();
  let offset = 0;
  for (const name of unique) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) throw new Error(`git cat-file --batch ended early, at ${JSON.stringify(name)}`);
    const header = out.toString('utf8', offset, newline).split(' ');
    offset = newline + 1;
    if (header.length !== 3) continue; // `<name> missing` or `<name> ambiguous`
    const [oid = '', type = '', sizeText = ''] = header;
    const size = Number(sizeText);
    if (!Number.isSafeInteger(size) || offset + size > out.length) throw new Error(`git cat-file --batch gave a bad header for ${JSON.stringify(name)}`);
    objects.set(name, { oid, type, bytes: out.subarray(offset, offset + size) });
    offset += size + 1; // the content is followed by a newline
  }
  return objects;
}

/** One entry of a tree object. */
export interface TreeObjectEntry {
  readonly mode: string;
  readonly name: string;
  readonly oid: string;
}

/**
 * The entries of a tree object's bytes (`<mode> <name>\0<binary id>` after each other); the id
 * length follows from the object format, which `treeOid` (the tree's own id) shows.
 */
export function treeEntries(bytes: Buffer, treeOid: string): TreeObjectEntry[] {
  const idLength = treeOid.length / 2;
  const entries: TreeObjectEntry[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const space = bytes.indexOf(32, offset);
    const nul = bytes.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + idLength > bytes.length) throw new Error('a tree object is truncated');
    entries.push({ mode: bytes.toString('latin1', offset, space), name: bytes.toString('utf8', space + 1, nul), oid: bytes.toString('hex', nul + 1, nul + 1 + idLength) });
    offset = nul + 1 + idLength;
  }
  return entries;
}
