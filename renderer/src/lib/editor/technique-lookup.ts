/**
 * What the editor features need to know about techniques, as plain functions, so that they run
 * the same in the app (over the catalog the renderer loaded) and in headless tests (over the real
 * back end in process).
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { SearchResultInfo, TechniqueInfo } from '../../../../shared/api/ops/catalog';

/** Techniques matching a typed id or words, best first (the catalog.search operation). */
export type TechniqueSearch = (query: string) => Promise<readonly SearchResultInfo[]>;

/** One technique by id, if the checkout has it. */
export type TechniqueLookup = (id: string) => TechniqueInfo | undefined;

/** How many techniques an autocomplete asks for: more than a list shows, fewer than a tactic holds. */
const SUGGESTIONS = 20;

/** The search behind every technique autocomplete: the catalog.search operation, techniques only. */
export function techniqueSearch(api: ApiClient): TechniqueSearch {
  return (query) => api.call('catalog.search', { query, kinds: ['technique'], limit: SUGGESTIONS });
}
