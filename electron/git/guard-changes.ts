/**
 * Collecting what the guard must judge, as git will commit it. Every mode comes down to two trees:
 * - staged: HEAD against a tree written from a copy of the index (the analyst's index is never
 *   touched; a hook's own index file is honoured);
 * - work tree: HEAD against a tree written from a copy of the index after `git add -A` into that
 *   copy, so the new side is what a commit of everything would hold, after git's own clean filters
 *   and line-ending normalisation (core.autocrlf), not the raw bytes on disk;
 * - a commit: its first parent against it (the empty tree for a root commit).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GENERATED_ROOTS, isGuardedChange, type ChangeStatus, type GuardChange } from '../../shared/guard';
import { pageOfPath } from '../../shared/ids';
import { decodeLosslessly } from './core/decode';
import { runGit, runGitText } from './core/runner';
import { gitDirOf } from './core/repository-state';
import { listTree, readBlobs, toFileMode, treeOf, type TreeEntry } from './core/trees';

/** What to check. */
export type GuardTarget =
  | { readonly kind: 'worktree' }
  | { readonly kind: 'staged'; /** An index file other than the checkout's (a pre-commit hook's GIT_INDEX_FILE). */ readonly indexFile?: string }
  | { readonly kind: 'commit'; readonly commit: string; readonly parent: string | undefined };

/** The changes of a target, ready for the guard. */
export interface CollectedChanges {
  readonly changes: GuardChange[];
  /** Ids used in the base version: every page id and every incident id the incident index names. */
  readonly usedIds: Set<string>;
  /** Paths with unresolved conflicts (the trees cannot be written while they exist). */
  readonly unmerged: string[];
}

const STATUS: Readonly<Record<string, ChangeStatus>> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechanged', U: 'unmerged' };

/** The changes of `target` in `checkout`, with the texts of every guarded file. */
export async function collectChanges(checkout: string, target: GuardTarget): Promise<CollectedChanges> {
  if (target.kind === 'commit') {
    const base = await treeOf(checkout, target.parent);
    return changesBetween(checkout, base, await treeOf(checkout, target.commit));
  }
  const head = await runGit(checkout, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { expectedExitCodes: [0, 1] });
  const base = await treeOf(checkout, head.exitCode === 0 ? head.stdout.toString('utf8').trim() : undefined);
  const scratch = mkdtempSync(join(tmpdir(), 'disarm-guard-index-'));
  try {
    const index = join(scratch, 'index');
    const source = target.kind === 'staged' && target.indexFile !== undefined ? resolve(checkout, target.indexFile) : join(await gitDirOf(checkout), 'index');
    if (existsSync(source)) {
      copyFileSync(source, index);
      // Keep the index's own time: git treats entries written in the same second as the index as
      // "racily clean" and re-reads them; a copy stamped now would hide such a fresh edit.
      const { atime, mtime } = statSync(source);
      utimesSync(index, atime, mtime);
    }
    const unmerged = await unmergedPaths(checkout, index);
    if (unmerged.length > 0) {
      return { changes: unmerged.map((path) => ({ path, status: 'unmerged' })), usedIds: new Set(), unmerged };
    }
    if (target.kind === 'worktree') {
      // Only the guarded folders: an unrelated large untracked file elsewhere is never hashed.
      const roots = [];
      for (const root of GENERATED_ROOTS) {
        const folder = root.slice(0, -1);
        if (existsSync(join(checkout, folder)) || (await runGit(checkout, ['ls-files', '-z', '--', folder], { indexFile: index })).stdout.length > 0) roots.push(folder);
      }
      if (roots.length > 0) await runGit(checkout, ['add', '-A', '--', ...roots], { indexFile: index });
    }
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

/** The changes between two trees, with texts for the guarded ones. */
export async function changesBetween(checkout: string, baseTree: string, newTree: string, baseListing?: Map<string, TreeEntry>): Promise<CollectedChanges & { newListing: Map<string, TreeEntry> }> {
  const raw = await runGitText(checkout, ['diff-tree', '-r', '-z', '--raw', '-M', '--no-ext-diff', '--no-textconv', baseTree, newTree]);
  const guarded = parseRawDiff(raw).filter(isGuardedChange);
  if (guarded.length === 0 && baseListing === undefined) return { changes: [], usedIds: new Set(), unmerged: [], newListing: new Map() };
  const oldFiles = baseListing ?? (await listTree(checkout, baseTree, GENERATED_ROOTS));
  const newFiles = await listTree(checkout, newTree, GENERATED_ROOTS);
  const wanted: { oid: string; size: number }[] = [];
  const want = (files: Map<string, TreeEntry>, path: string | undefined) => {
    const entry = path === undefined ? undefined : files.get(path);
    if (entry && entry.size !== undefined) wanted.push({ oid: entry.oid, size: entry.size });
  };
  for (const entry of guarded) {
    if (entry.status !== 'added') want(oldFiles, entry.oldPath ?? entry.path);
    if (entry.status !== 'deleted') want(newFiles, entry.path);
  }
  const incidentIndex = oldFiles.get('generated_pages/incidents_index.md');
  if (incidentIndex?.size !== undefined) wanted.push({ oid: incidentIndex.oid, size: incidentIndex.size });
  const blobs = await readBlobs(checkout, wanted);
  const changes = guarded.map((entry): GuardChange => {
    const oldBytes = entry.status === 'added' ? undefined : blobs.get(oldFiles.get(entry.oldPath ?? entry.path)?.oid ?? '');
    const newBytes = entry.status === 'deleted' ? undefined : blobs.get(newFiles.get(entry.path)?.oid ?? '');
    const { texts, encoding } = decodeLosslessly([oldBytes, newBytes]);
    return {
      ...entry,
      ...(texts[0] !== undefined ? { oldText: texts[0] } : {}),
      ...(texts[1] !== undefined ? { newText: texts[1] } : {}),
      encoding,
    };
  });
  const usedIds = new Set<string>();
  for (const path of oldFiles.keys()) {
    const page = pageOfPath(path);
    if (page) usedIds.add(page.id);
  }
  if (incidentIndex) {
    const text = blobs.get(incidentIndex.oid)?.toString('utf8') ?? '';
    for (const match of text.matchAll(/\bI\d{5}\b/g)) usedIds.add(match[0]);
  }
  return { changes, usedIds, unmerged: [], newListing: newFiles };
}

/** `git diff --raw -z` records: `:old new oidA oidB S\0path\0[path2\0]`. */
export function parseRawDiff(raw: string): GuardChange[] {
  const fields = raw.split('\0');
  const changes: GuardChange[] = [];
  for (let i = 0; i < fields.length; ) {
    const head = fields[i++] ?? '';
    if (!head.startsWith(':')) continue;
    const [oldMode, newMode, , , statusField] = head.slice(1).split(' ');
    const status = STATUS[(statusField ?? '').charAt(0)] ?? 'modified';
    const first = fields[i++] ?? '';
    const modes = { ...(oldMode && !/^0+$/.test(oldMode) ? { oldMode: toFileMode(oldMode) } : {}), ...(newMode && !/^0+$/.test(newMode) ? { newMode: toFileMode(newMode) } : {}) };
    if (status === 'renamed' || status === 'copied') {
      const second = fields[i++] ?? '';
      changes.push({ path: second, oldPath: first, status, ...modes });
    } else {
      changes.push({ path: first, status, ...modes });
    }
  }
  return changes;
}
