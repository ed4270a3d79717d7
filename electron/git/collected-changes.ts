/**
 * From git's raw changes to the guard's: the texts of both sides of each guarded change, read from
 * the object database through one `cat-file --batch` (or taken from the work tree where the caller
 * read it), decoded losslessly, and the ids already used in the base version when a file is added.
 */
import { GENERATED_ROOTS, isGuardedChange, type ChangeStatus, type GuardChange } from '../../shared/guard';
import { PAGE_FOLDERS, pageOfPath } from '../../shared/ids';
import { decodeAs, encodingOf } from './core/decode';
import { parseRawDiff, type RawChange } from './core/raw-diff';
import { runPlumbingText } from './core/plumbing';
import { readObjects, treeEntries, type GitObject } from './core/trees';

/** The changes of a target, ready for the guard. */
export interface CollectedChanges {
  readonly changes: GuardChange[];
  /**
   * Ids used in the base version: every page id and every incident id the incident index names.
   * Only the new-page rule reads them, so they are gathered only when a change adds a file.
   */
  readonly usedIds: Set<string>;
  /** Paths with unresolved conflicts (nothing else is judged while they exist). */
  readonly unmerged: string[];
}

/** The result while conflicts are unresolved: the conflicts alone. */
export function unmergedOnly(paths: readonly string[]): CollectedChanges {
  return { changes: paths.map((path) => ({ path, status: 'unmerged' })), usedIds: new Set(), unmerged: [...paths] };
}

/** The changes between two trees (or commits), with texts for the guarded ones. */
export async function changesBetween(checkout: string, baseTree: string, newTree: string): Promise<CollectedChanges> {
  const raw = await runPlumbingText(checkout, ['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', baseTree, newTree]);
  return withTexts(checkout, baseTree, parseRawDiff(raw).filter(isGuardedChange));
}

/** Contents the caller already has, by path (work-tree files), for sides without an object id. */
export type KnownContents = ReadonlyMap<string, Buffer>;

/**
 * Turns raw changes into the guard's changes: both sides' texts (decoded losslessly) from one
 * `cat-file --batch`, or from `known` for new sides read from the work tree, and the ids used in
 * `base` (a commit or tree; none on an unborn branch) when a file is added.
 */
export async function withTexts(checkout: string, base: string | undefined, records: readonly RawChange[], known: KnownContents = new Map()): Promise<CollectedChanges> {
  if (records.length === 0) return { changes: [], usedIds: new Set(), unmerged: [] };
  const objects = await readObjects(checkout, objectsToRead(base, records, (path) => known.has(path)));
  return assembleChanges(base, records, objects, known);
}

/** The objects withTexts reads: each side git has, and the sources of used ids when a file is added. */
export function objectsToRead(base: string | undefined, records: readonly RawChange[], fromDisk: (path: string) => boolean): string[] {
  const names: string[] = [];
  for (const record of records) {
    if (record.status !== 'added' && readable(record.oldOid, record.oldMode)) names.push(record.oldOid);
    if (record.status !== 'deleted' && !fromDisk(record.path) && readable(record.newOid, record.newMode)) names.push(record.newOid);
  }
  if (addsFiles(records) && base !== undefined) names.push(...usedIdSources(base));
  return names;
}

/** The guard's changes from the objects of objectsToRead and the contents read from disk. */
export function assembleChanges(base: string | undefined, records: readonly RawChange[], objects: ReadonlyMap<string, GitObject>, known: KnownContents): CollectedChanges {
  const changes = records.map((record): GuardChange => {
    const oldBytes = record.status === 'added' || record.oldOid === undefined ? undefined : objects.get(record.oldOid)?.bytes;
    const newBytes = record.status === 'deleted' ? undefined : (known.get(record.path) ?? (record.newOid === undefined ? undefined : objects.get(record.newOid)?.bytes));
    const { oldOid: _oldOid, newOid: _newOid, ...change } = record;
    return withLazyTexts(change, oldBytes, newBytes);
  });
  return { changes, usedIds: addsFiles(records) && base !== undefined ? usedIdsFrom(objects, base) : new Set(), unmerged: [] };
}

/**
 * A change with both versions as bytes and as texts, the texts decoded (losslessly, both the same
 * way) only when first read: the guard settles most changes on the bytes alone.
 */
function withLazyTexts(change: Omit<RawChange, 'oldOid' | 'newOid'>, oldBytes: Buffer | undefined, newBytes: Buffer | undefined): GuardChange {
  const encoding = encodingOf([oldBytes, newBytes]);
  const result: GuardChange = { ...change, encoding, ...(oldBytes ? { oldBytes } : {}), ...(newBytes ? { newBytes } : {}) };
  const texts = new Map<Buffer, string>();
  const text = (bytes: Buffer) => texts.get(bytes) ?? texts.set(bytes, decodeAs(bytes, encoding)).get(bytes)!;
  if (oldBytes) Object.defineProperty(result, 'oldText', { get: () => text(oldBytes), enumerable: true });
  if (newBytes) Object.defineProperty(result, 'newText', { get: () => text(newBytes), enumerable: true });
  return result;
}

/** True when a change brings a file in: the new-page rule then judges it, with the used ids. */
export function addsFiles(records: readonly { readonly status: ChangeStatus }[]): boolean {
  return records.some((r) => r.status === 'added' || r.status === 'copied' || r.status === 'renamed');
}

/** True when the side is a blob git can read (not missing, not a submodule's commit). */
function readable(oid: string | undefined, mode: string | undefined): oid is string {
  return oid !== undefined && mode !== '160000';
}

const INCIDENT_INDEX = 'generated_pages/incidents_index.md';
/** The folders of object pages (`generated_pages/<folder>/<ID>.md`: where pageOfPath finds ids). */
const PAGE_TREES = Object.values(PAGE_FOLDERS).map((folder) => `generated_pages/${folder}`);

/** The objects that name the ids used in `base` (for readObjects): the incident index and each folder of pages. */
export function usedIdSources(base: string): string[] {
  return [`${base}:${INCIDENT_INDEX}`, ...PAGE_TREES.map((folder) => `${base}:${folder}`)];
}

/** Every page id of `base` and every incident id its incident index names, from the objects of usedIdSources. */
export function usedIdsFrom(objects: ReadonlyMap<string, GitObject>, base: string): Set<string> {
  const used = new Set<string>();
  for (const folder of PAGE_TREES) {
    const tree = objects.get(`${base}:${folder}`);
    if (tree?.type !== 'tree') continue;
    for (const entry of treeEntries(tree.bytes, tree.oid)) {
      const page = pageOfPath(`${folder}/${entry.name}`);
      if (page) used.add(page.id);
    }
  }
  const index = objects.get(`${base}:${INCIDENT_INDEX}`);
  if (index?.type === 'blob') for (const match of index.bytes.toString('utf8').matchAll(/\bI\d{5}\b/g)) used.add(match[0]);
  return used;
}

/** The guarded folders (without their trailing slash), as pathspecs. */
export const GUARDED_FOLDERS: readonly string[] = GENERATED_ROOTS.map((root) => root.slice(0, -1));
