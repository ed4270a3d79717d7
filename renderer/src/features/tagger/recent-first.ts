/** The tagger's rule for recent techniques, kept apart so it is tested on its own. */
import type { SearchResultInfo } from '../../../../shared/api/ops/catalog';

/** Orders search results so that recent techniques come first within each match tier. */
export function preferRecent(results: readonly SearchResultInfo[], recent: readonly string[]): SearchResultInfo[] {
  const rank = (id: string) => {
    const at = recent.indexOf(id);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const tiers: readonly SearchResultInfo['tier'][] = ['exact-id', 'id-prefix', 'name-prefix', 'fuzzy', 'meaning'];
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => tiers.indexOf(a.result.tier) - tiers.indexOf(b.result.tier) || rank(a.result.id) - rank(b.result.id) || a.index - b.index)
    .map((x) => x.result);
}

