/**
 * The work tree's changes to the guarded folders, as `git add -A` of those folders would stage
 * them and a commit would hold them: HEAD against that.
 *
 * Git changes a file's bytes on the way into a commit only through a clean filter, the `ident`
 * and `working-tree-encoding` attributes, or line-ending normalisation, which only ever turns
 * CRLF into LF. So where none of those attributes is set for a changed file and it has no CRLF,
 * the bytes on disk are exactly what git would commit, and they are read directly: `git status`
 * names the changes of tracked files (with HEAD's and the index's object ids) while `ls-files`
 * lists the untracked ones, `check-attr` answers for the attributes, and one `cat-file --batch`
 * reads the committed sides. Nothing is written.
 *
 * Otherwise, or when deleted and added files may have to be paired as renames (git's own
 * judgement), git does the staging itself: `git add -A` into a copy of the index (the analyst's
 * index is never touched), `write-tree`, and the two trees are compared.
 */
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGuardedChange, type FileMode } from '../../shared/guard';
import { assembleChanges, changesBetween, GUARDED_FOLDERS, objectsToRead, unmergedOnly, type CollectedChanges } from './collected-changes';
import type { RawChange } from './core/raw-diff';
import { repositoryState } from './core/repository-state';
import { runPlumbing, runPlumbingText } from './core/plumbing';
import { runGit, runGitText } from './core/runner';
import { emptyTreeOf, isNullOid, readObjects, toFileMode } from './core/trees';

/** The changes of the work tree against HEAD in the guarded folders. */
export async function collectWorktreeChanges(checkout: string): Promise<CollectedChanges> {
  return (await readWorktreeDirectly(checkout)) ?? (await stageIntoScratchIndex(checkout));
}

/** A path's new side: a blob git has (the index's), the file on disk, or a nested repository. */
type NewSide = { readonly kind: 'blob'; readonly oid: string; readonly mode: FileMode } | { readonly kind: 'file'; readonly mode: FileMode } | { readonly kind: 'repository' };

/** A committed side: HEAD's blob. */
interface OldSide {
  readonly oid: string;
  readonly mode: FileMode;
}

interface PathState {
  old?: OldSide;
  new?: NewSide;
  /** In the index (its mode is git's); an untracked file's mode comes from the disk. */
  tracked: boolean;
}

/** What `git status --porcelain=v2` says about the guarded folders. */
interface WorktreeStatus {
  /** HEAD's commit; undefined on an unborn branch. */
  readonly head: string | undefined;
  readonly paths: Map<string, PathState>;
  readonly unmerged: string[];
  /** A record the direct reading does not handle (a rename): git stages instead. */
  readonly unusual: boolean;
}

/**
 * The direct reading described above; undefined when git has to stage instead. Exported for the
 * test that holds it to git's own staging.
 */
export async function readWorktreeDirectly(checkout: string): Promise<CollectedChanges | undefined> {
  // The tracked files (HEAD's and the index's ids) and the untracked ones, listed at once.
  const [tracked, untracked] = await Promise.all([
    runPlumbingText(checkout, ['status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--no-renames', '--untracked-files=no', '--ignore-submodules=dirty', '--', ...GUARDED_FOLDERS]),
    runPlumbingText(checkout, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...GUARDED_FOLDERS]),
  ]);
  const status = parseStatus(tracked, untracked);
  if (status.unusual) return undefined;
  if (status.unmerged.length > 0) return unmergedOnly(status.unmerged);
  const records: RawChange[] = [];
  for (const [path, state] of status.paths) {
    const record = toRecord(path, state.old, state.new);
    if (record && isGuardedChange(record)) records.push(record);
  }
  // Renames are git's to find (deleted and added files of similar content): it stages instead.
  if (records.some((r) => r.status === 'deleted') && records.some((r) => r.status === 'added')) return undefined;
  if (records.length === 0) return { changes: [], usedIds: new Set(), unmerged: [] };

  // git answers for the attributes and reads the committed objects while this process reads the disk.
  const onDisk = records.flatMap((record) => {
    const side = status.paths.get(record.path)?.new;
    return side?.kind === 'file' ? [{ path: record.path, mode: side.mode, tracked: status.paths.get(record.path)?.tracked === true }] : [];
  });
  const fromDisk = new Set(onDisk.map((f) => f.path));
  const attributesSet = anyConversionAttribute(checkout, onDisk.filter((f) => f.mode !== '120000' && f.mode !== '160000').map((f) => f.path));
  const committed = readObjects(checkout, objectsToRead(status.head, records, (path) => fromDisk.has(path)));
  const files = readFromDisk(checkout, onDisk);
  const [conversion, read] = await Promise.all([attributesSet, committed]);
  if (!files || conversion) return undefined;
  // A new file's mode is known once it is read (a symbolic link).
  const final = records.map((record) => {
    const mode = files.get(record.path)?.mode;
    return mode && record.newMode !== mode ? { ...record, newMode: mode } : record;
  });
  const contents = new Map([...files].map(([path, file]) => [path, file.bytes]));
  // A file that is back to its committed bytes (touched, or edited and restored) is no change.
  const unchanged = (record: RawChange) => {
    const before = record.oldOid === undefined ? undefined : read.get(record.oldOid)?.bytes;
    const after = contents.get(record.path);
    return record.status === 'modified' && record.oldMode === record.newMode && before !== undefined && after !== undefined && before.equals(after);
  };
  return assembleChanges(status.head, final.filter((record) => !unchanged(record)), read, contents);
}

/**
 * Parses `git status --porcelain=v2 -z --branch --no-renames --untracked-files=no` and `git
 * ls-files -z --others --exclude-standard` (the files `git add -A` would add).
 */
function parseStatus(out: string, untracked: string): WorktreeStatus {
  const paths = new Map<string, PathState>();
  const unmerged: string[] = [];
  const state = (path: string) => paths.get(path) ?? paths.set(path, { tracked: false }).get(path)!;
  let head: string | undefined;
  let unusual = false;
  for (const field of out.split('\0')) {
    if (field.startsWith('# branch.oid ')) {
      const oid = field.slice('# branch.oid '.length);
      head = /^[0-9a-f]+$/.test(oid) ? oid : undefined;
    } else if (field.startsWith('1 ')) {
      // 1 XY sub mH mI mW hH hI path
      const parts = field.split(' ');
      const [, xy = '..', , mH, mI, mW, hH, hI] = parts;
      const path = parts.slice(8).join(' ');
      const entry = state(path);
      entry.tracked = true;
      if (!isNullOid(hH) && mH !== '000000') entry.old = { oid: hH as string, mode: toFileMode(mH) };
      const worktree = xy.charAt(1);
      if (worktree === '.') {
        if (!isNullOid(hI) && mI !== '000000') entry.new = { kind: 'blob', oid: hI as string, mode: toFileMode(mI) };
      } else if (worktree !== 'D') {
        entry.new = { kind: 'file', mode: toFileMode(mW) };
      }
    } else if (field.startsWith('u ')) {
      unmerged.push(field.split(' ').slice(10).join(' '));
    } else if (field.startsWith('2 ')) {
      unusual = true;
    }
  }
  for (const path of untracked.split('\0')) {
    if (path === '') continue;
    // An untracked folder with its own .git: `git add -A` would add it as a submodule.
    const entry = state(path.endsWith('/') ? path.slice(0, -1) : path);
    entry.tracked = false; // not in the index (any record above was its staged deletion)
    entry.new = path.endsWith('/') ? { kind: 'repository' } : { kind: 'file', mode: '100644' };
  }
  return { head, paths, unmerged, unusual };
}

/** The raw change of one path, or undefined when both sides are the same or absent. */
function toRecord(path: string, old: OldSide | undefined, next: NewSide | undefined): RawChange | undefined {
  if (!old && !next) return undefined;
  const newMode: FileMode | undefined = next === undefined ? undefined : next.kind === 'repository' ? '160000' : next.mode;
  const newOid = next?.kind === 'blob' ? next.oid : undefined;
  if (!old) return { path, status: 'added', ...(newMode ? { newMode } : {}), ...(newOid ? { newOid } : {}) };
  if (!next || !newMode) return { path, status: 'deleted', oldMode: old.mode, oldOid: old.oid };
  if (newOid === old.oid && newMode === old.mode) return undefined;
  const status = objectType(old.mode) === objectType(newMode) ? 'modified' : 'typechanged';
  return { path, status, oldMode: old.mode, newMode, oldOid: old.oid, ...(newOid ? { newOid } : {}) };
}

function objectType(mode: FileMode): 'blob' | 'link' | 'commit' {
  return mode === '120000' ? 'link' : mode === '160000' ? 'commit' : 'blob';
}

/** A file read from disk: the bytes and mode git would store. */
interface DiskFile {
  readonly bytes: Buffer;
  readonly mode: FileMode;
}

/**
 * The bytes git would store for each file on disk (a file's content, a symbolic link's target)
 * and its mode (git's for a tracked file; a new file's from the disk, as `git add` takes it).
 * Undefined when a file holds CRLF (normalisation may apply), or is gone or not a file any more
 * (changed since git looked): git decides those.
 */
function readFromDisk(checkout: string, files: readonly { path: string; mode: FileMode; tracked: boolean }[]): Map<string, DiskFile> | undefined {
  // Synchronous: a thousand small files read faster one after the other than through as many
  // promises, and git's processes started before this go on meanwhile.
  const contents = new Map<string, DiskFile>();
  for (const { path, mode, tracked } of files) {
    if (tracked && mode === '160000') continue; // a submodule: git's mode says all
    const absolute = join(checkout, path);
    try {
      const info = lstatSync(absolute);
      if (info.isSymbolicLink()) {
        contents.set(path, { bytes: readlinkSync(absolute, { encoding: 'buffer' }), mode: tracked ? mode : '120000' });
      } else if (info.isFile()) {
        const bytes = readFileSync(absolute);
        const actual: FileMode = tracked ? mode : (info.mode & 0o100) !== 0 ? '100755' : '100644';
        if (actual !== '120000' && bytes.includes('\r\n')) return undefined;
        contents.set(path, { bytes, mode: actual });
      } else {
        return undefined;
      }
    } catch {
      return undefined;
    }
  }
  return contents;
}

/** The attributes through which git rewrites a file's bytes when staging it. */
const CONVERSION_ATTRIBUTES = ['filter', 'ident', 'working-tree-encoding'];

/** True when any of `paths` has a conversion attribute set (to anything: git decides). */
async function anyConversionAttribute(checkout: string, paths: readonly string[]): Promise<boolean> {
  if (paths.length === 0) return false;
  const out = await runPlumbing(checkout, ['check-attr', '-z', '--stdin', ...CONVERSION_ATTRIBUTES], { input: paths.map((path) => `${path}\0`).join('') });
  const fields = out.stdout.toString('utf8').split('\0');
  for (let i = 2; i < fields.length; i += 3) if (fields[i] !== 'unspecified') return true;
  return false;
}

/**
 * Git stages the guarded folders itself, into a copy of the index, and the trees are compared.
 * Exported for the test that holds the direct reading to it.
 */
export async function stageIntoScratchIndex(checkout: string): Promise<CollectedChanges> {
  // HEAD's commit is the base, as for the direct reading; the empty tree on an unborn branch.
  const { gitDir, objectFormat, head } = await repositoryState(checkout);
  const base = head.kind === 'unborn' ? emptyTreeOf(objectFormat) : head.oid;
  const scratch = mkdtempSync(join(tmpdir(), 'disarm-guard-index-'));
  try {
    const index = join(scratch, 'index');
    const source = join(gitDir, 'index');
    if (existsSync(source)) {
      copyFileSync(source, index);
      // Keep the index's own time: git treats entries written in the same second as the index as
      // "racily clean" and re-reads them; a copy stamped now would hide such a fresh edit.
      const { atime, mtime } = statSync(source);
      utimesSync(index, atime, mtime);
    }
    const unmerged = await unmergedPaths(checkout, index);
    if (unmerged.length > 0) return unmergedOnly(unmerged);
    // Only the guarded folders: an unrelated large untracked file elsewhere is never hashed.
    const roots = [];
    for (const folder of GUARDED_FOLDERS) {
      if (existsSync(join(checkout, folder)) || (await runGit(checkout, ['ls-files', '-z', '--', folder], { indexFile: index })).stdout.length > 0) roots.push(folder);
    }
    if (roots.length > 0) await runGit(checkout, ['add', '-A', '--', ...roots], { indexFile: index });
    const tree = (await runGitText(checkout, ['write-tree'], { indexFile: index })).trim();
    return await changesBetween(checkout, base, tree);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function unmergedPaths(checkout: string, index: string): Promise<string[]> {
  const out = await runGitText(checkout, ['ls-files', '-u', '-z'], { indexFile: index });
  const paths = new Set<string>();
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab >= 0) paths.add(record.slice(tab + 1));
  }
  return [...paths];
}
