/**
 * A small fuzzy match for the command palette's few dozen commands: every word of the query must
 * start a word of the title (or its keywords) or appear inside it; earlier, tighter matches rank
 * higher. The catalog has its own search (catalog.search) for the thousands of framework objects.
 */

/** A score for `query` against `text` (higher is better), or undefined when it does not match. */
export function fuzzyScore(query: string, text: string): number | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const haystack = text.toLowerCase();
  let score = 0;
  for (const word of words) {
    const at = haystack.indexOf(word);
    if (at < 0) return undefined;
    const wordStart = at === 0 || /[\s.:/(-]/.test(haystack.charAt(at - 1));
    score += (wordStart ? 10 : 3) - Math.min(at, 50) / 50;
  }
  return score;
}
