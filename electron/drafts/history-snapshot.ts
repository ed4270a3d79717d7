/**
 * Where a checkout's history stands: HEAD and every ref, from one `git show-ref --head`. The
 * history scans (ids ever used, retired techniques) read thousands of commits; commits never
 * change, so a scan's result holds for as long as the refs it started from do, and this snapshot
 * is what their caches are keyed by.
 */
import { runPlumbing } from '../git/core/plumbing';

/** HEAD and the refs of a checkout at one moment. */
export interface HistorySnapshot {
  /** HEAD's commit; undefined on an unborn branch. */
  readonly head: string | undefined;
  /** Every ref and its object (`<oid> <name>` lines, HEAD included): equal keys, equal histories. */
  readonly key: string;
}

/** The snapshot of `checkout` now. */
export async function historySnapshot(checkout: string): Promise<HistorySnapshot> {
  // Exit 1: no refs at all (a new repository).
  const out = (await runPlumbing(checkout, ['show-ref', '--head'], { expectedExitCodes: [0, 1] })).stdout.toString('utf8');
  const head = /^([0-9a-f]+) HEAD$/m.exec(out)?.[1];
  return { head, key: out };
}

/**
 * A cache of one value per checkout, valid while its snapshot key is unchanged (the newest
 * value replaces the older, so a long session keeps one per checkout).
 */
export class SnapshotCache<T> {
  private readonly entries = new Map<string, { key: string; value: Promise<T> }>();

  /** The value for `checkout` at `key`, computed by `compute` when the cache has none. */
  get(checkout: string, key: string, compute: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(checkout);
    if (cached && cached.key === key) return cached.value;
    const value = compute();
    this.entries.set(checkout, { key, value });
    // A failed scan is not remembered: the next call tries again.
    value.catch(() => {
      if (this.entries.get(checkout)?.value === value) this.entries.delete(checkout);
    });
    return value;
  }
}
