/**
 * Files that refuse every change, root's included: `chattr +i` (ext4, xfs, btrfs...). chmod does
 * not stop root, and these tests often run as root, so they use the immutable flag, and skip
 * (saying why) where chattr is missing, not permitted or not supported by the filesystem.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let supported: boolean | undefined;

/** True when `chattr +i` works on a file of the temporary folder. */
export function canMakeImmutable(): boolean {
  if (supported !== undefined) return supported;
  const dir = mkdtempSync(join(tmpdir(), 'disarm-chattr-'));
  const probe = join(dir, 'probe');
  writeFileSync(probe, 'x');
  supported = spawnSync('chattr', ['+i', probe]).status === 0;
  if (supported) spawnSync('chattr', ['-i', probe]);
  rmSync(dir, { recursive: true, force: true });
  return supported;
}

/** Runs `action` while `file` is immutable; the flag is always removed after (so the folder can be deleted). */
export async function immutable<T>(file: string, action: () => Promise<T>): Promise<T> {
  const set = spawnSync('chattr', ['+i', file], { encoding: 'utf8' });
  if (set.status !== 0) throw new Error(`chattr +i ${file} failed: ${set.stderr}`);
  try {
    return await action();
  } finally {
    spawnSync('chattr', ['-i', file]);
  }
}
