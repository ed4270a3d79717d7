/**
 * Name-word prefix matching for autocomplete, by hand because it is the hot path: every keystroke
 * in the tagger runs it, and at fifty times the framework's size a general search engine scores
 * thousands of documents to return twenty. Objects are numbered in id order (their rank), each
 * word of a name keeps the sorted ranks of the objects it occurs in, and a query intersects the
 * rank lists of its words: the result comes out already in id order.
 */
import { withPrefix } from './sorted-prefix';

/** Words of a name as the index sees them: letters and digits, lower-cased. */
function nameWords(name: string): string[] {
  return (name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
}

export class WordPrefixIndex {
  private readonly words: string[];
  private readonly postings = new Map<string, Int32Array>();

  /** `names[rank]` is the name of the object of that rank (ranks in id order). */
  constructor(names: readonly string[]) {
    const lists = new Map<string, number[]>();
    names.forEach((name, rank) => {
      for (const word of new Set(nameWords(name))) {
        const list = lists.get(word);
        if (list) list.push(rank);
        else lists.set(word, [rank]);
      }
    });
    for (const [word, list] of lists) this.postings.set(word, Int32Array.from(list));
    this.words = [...lists.keys()].sort();
  }

  /** Ranks (ascending) of the objects whose name has, for every query word, a word starting with it. */
  match(query: string): Int32Array {
    const queryWords = nameWords(query);
    if (queryWords.length === 0) return new Int32Array(0);
    let result: Int32Array | undefined;
    for (const word of queryWords) {
      const ranks = this.ranksWithPrefix(word);
      result = result === undefined ? ranks : intersect(result, ranks);
      if (result.length === 0) break;
    }
    return result ?? new Int32Array(0);
  }

  private ranksWithPrefix(prefix: string): Int32Array {
    const lists: Int32Array[] = [];
    let total = 0;
    for (const word of withPrefix(this.words, prefix)) {
      const list = this.postings.get(word) as Int32Array;
      lists.push(list);
      total += list.length;
    }
    if (lists.length === 1) return lists[0] as Int32Array;
    const merged = new Int32Array(total);
    let at = 0;
    for (const list of lists) {
      merged.set(list, at);
      at += list.length;
    }
    merged.sort();
    return unique(merged);
  }
}

function unique(sorted: Int32Array): Int32Array {
  if (sorted.length < 2) return sorted;
  let write = 1;
  for (let read = 1; read < sorted.length; read++) if (sorted[read] !== sorted[write - 1]) sorted[write++] = sorted[read] as number;
  return sorted.subarray(0, write);
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, k);
}
