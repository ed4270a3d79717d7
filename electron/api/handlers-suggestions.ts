/** Handlers of shared/api/ops/suggestions.ts: the catalog's suggestions, with the store's verdicts as examples. */
import type { Handler } from './dispatch';
import type { Services } from '../services/container';

type SuggestionHandlers = {
  'suggestions.forPassage': Handler<'suggestions.forPassage'>;
  'suggestions.record': Handler<'suggestions.record'>;
  'suggestions.forSource': Handler<'suggestions.forSource'>;
};

/** How many suggestions by default: one key each (Alt+Shift+1 … 5). */
const DEFAULT_LIMIT = 5;

export function suggestionsHandlers({ catalog, store }: Services): SuggestionHandlers {
  return {
    'suggestions.forPassage': async ({ passage, exclude, limit }) => {
      const [loaded, examples] = await Promise.all([catalog.current(), store.listSuggestionExamples()]);
      return loaded.catalog.suggest(passage, examples, { limit: limit ?? DEFAULT_LIMIT, exclude }).map((hit) => {
        const technique = loaded.catalog.technique(hit.id);
        return { id: hit.id, name: hit.name, tacticId: technique?.tacticId ?? '', tacticName: technique?.tacticName ?? '', reason: hit.reason };
      });
    },
    'suggestions.forSource': async ({ text, limit }) => {
      const [loaded, examples] = await Promise.all([catalog.current(), store.listSuggestionExamples()]);
      return loaded.catalog.suggestForSource(text, examples, limit).map((s) => {
        const technique = loaded.catalog.technique(s.id);
        return { id: s.id, name: s.name, tacticId: technique?.tacticId ?? '', tacticName: technique?.tacticName ?? '', reason: s.reason, passages: s.passages.map((p) => ({ ...p })) };
      });
    },
    'suggestions.record': async (example) => ({ examples: await store.addSuggestionExample(example) }),
  };
}
