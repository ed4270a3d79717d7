/**
 * Reads many files out of a git history quickly: one `git ls-tree` per commit and one
 * `git cat-file --batch` process for all blobs (17,000 page versions would take a minute
 * with one `git show` each).
 */
import { execFileSync, spawn } from 'node:child_process';

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

/** The contents of the given blobs, by id, read through one cat-file process. */
export async function readBlobs(repo: string, blobs: Iterable<string>): Promise<Map<string, Buffer>> {
  const ids = [...new Set(blobs)];
  const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file exited with ${code}`))));
  });
  child.stdin.end(ids.join('\n') + '\n');
  await done;
  const all = Buffer.concat(chunks);
  const result = new Map<string, Buffer>();
  let at = 0;
  for (const id of ids) {
    const headerEnd = all.indexOf(0x0a, at);
    const header = all.subarray(at, headerEnd).toString('utf8');
    const [sha, type, size] = header.split(' ');
    if (type !== 'blob' || !sha?.startsWith(id.slice(0, 7))) throw new Error(`unexpected cat-file header for ${id}: ${header}`);
    const start = headerEnd + 1;
    result.set(id, all.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return result;
}
