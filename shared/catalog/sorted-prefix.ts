/** Prefix ranges in a sorted list of strings, found by binary search (the catalog's id and word lookups). */

/** The strings of `sorted` (in plain string order) that start with `prefix`, in order. */
export function* withPrefix(sorted: readonly string[], prefix: string): Generator<string> {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) yield sorted[i] as string;
}
