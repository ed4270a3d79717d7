/**
 * Reads many files out of a git history quickly: one `git ls-tree` per commit and, for all blobs,
 * the workbench's own one-process reader (readObjects: one `git cat-file --batch`); 17,000 page
 * versions would take a minute with one `git show` each.
 */
import { execFileSync } from 'node:child_process';
import { readObjects } from '../../electron/git/core/trees';

export interface TreeFile {
  readonly path: string;
  readonly blob: string;
}

/** The files of `commit` under `prefix`, with their blob ids. */
export function listTree(repo: string, commit: string, prefix: string): TreeFile[] {
  const out = execFileSync('git', ['ls-tree', '-r', '-z', commit, '--', prefix], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      return { path, blob: meta.split(' ')[2] as string };
    });
}

/** The contents of the given blobs, by id; fails if one is missing or not a blob. */
export async function readBlobs(repo: string, blobs: Iterable<string>): Promise<Map<string, Buffer>> {
  const ids = [...new Set(blobs)];
  const objects = await readObjects(repo, ids);
  return new Map(
    ids.map((id) => {
      const object = objects.get(id);
      if (object?.type !== 'blob') throw new Error(`${id} is not a blob of ${repo} (cat-file gave ${object?.type ?? 'nothing'})`);
      return [id, object.bytes] as const;
    }),
  );
}
