/**
 * Suggestions for the quote open in the tagger: the techniques its passage evokes (the back end's
 * search by meaning), each with a one-line reason and a key to accept it (Alt+Shift+1 … 5). An
 * accept adds the technique to the quote; an accept or a reject is kept in the local store as an
 * example, so later suggestions learn from the analyst.
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { SuggestionInfo } from '../../../../shared/api/ops/suggestions';

/** How many suggestions show: one digit key each. */
export const SUGGESTION_COUNT = 5;

/** The digit of Alt+Shift+digit, read from the physical key (Shift turns `1` into `!` on most layouts). */
export function suggestionKeyIndex(event: { code: string; altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): number | undefined {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  const index = digit ? Number(digit) - 1 : -1;
  return index >= 0 && index < SUGGESTION_COUNT ? index : undefined;
}

export class QuoteSuggestions {
  list = $state<SuggestionInfo[]>([]);
  loading = $state(false);
  error = $state<string | undefined>(undefined);
  readonly #api: ApiClient;
  #seq = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Asks for the suggestions of `passage`, leaving out the techniques already on the quote. */
  async load(passage: string, exclude: readonly string[]): Promise<void> {
    const seq = ++this.#seq;
    if (passage.trim() === '') {
      this.list = [];
      return;
    }
    this.loading = true;
    try {
      const list = await this.#api.call('suggestions.forPassage', { passage: passage.slice(0, 5000), exclude: exclude.filter((id) => /^T\d{4}(?:\.\d{3})?$/.test(id)), limit: SUGGESTION_COUNT });
      if (seq === this.#seq) {
        this.list = list;
        this.error = undefined;
      }
    } catch (error) {
      if (seq === this.#seq) {
        this.list = [];
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Keeps the analyst's verdict as an example and takes the suggestion off the list. */
  async judge(passage: string, id: string, verdict: 'accepted' | 'rejected'): Promise<void> {
    this.list = this.list.filter((s) => s.id !== id);
    await this.#api.call('suggestions.record', { passage: passage.slice(0, 5000), techniqueId: id, verdict });
  }
}
