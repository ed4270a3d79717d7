/**
 * Technique autocomplete for every editor that writes framework text (the tagger's explanations,
 * the notes editor): typing an id (`T0`, `(T0155`) offers the matching techniques with their name
 * and tactic, in the catalog search's order, and choosing one writes the framework's form of a
 * mention, `(T0155.007: Encrypted Communication Channel)`, replacing what was typed (and a `)`
 * right after it). Ctrl+Space on a word searches technique names.
 */
import { autocompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import type { EditorState, Extension } from '@codemirror/state';
import { formatMention } from '../mentions';
import type { TechniqueSearch } from './technique-lookup';

/** Where an editor allows suggestions. */
export interface MentionCompletionOptions {
  /**
   * False where nothing is to be offered (the notes editor: above the edit line, which cannot be
   * edited). Suggestions are offered everywhere without it.
   */
  readonly offerAt?: (state: EditorState, pos: number) => boolean;
}

/** An id being typed: `T` and a digit at least, with an optional `(` before it. */
const TYPED_ID = /\(?T\d[\d.]*$/;
/** A word before an explicit request (Ctrl+Space), searched in technique names. */
const TYPED_WORD = /\(?[A-Za-z][\w-]*$/;

/** The completion source (exported for headless tests). */
export function mentionCompletionSource(search: TechniqueSearch, options: MentionCompletionOptions = {}): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (options.offerAt && !options.offerAt(context.state, context.pos)) return null;
    const typed = context.matchBefore(TYPED_ID) ?? (context.explicit ? context.matchBefore(TYPED_WORD) : null);
    if (!typed) return null;
    const query = typed.text.replace(/^\(/, '');
    if (query === '') return null;
    const results = await search(query);
    if (context.aborted) return null;
    // A closing parenthesis right after the cursor belongs to the mention being completed.
    const closes = typed.text.startsWith('(') && context.state.sliceDoc(context.pos, context.pos + 1) === ')';
    const completions: Completion[] = results
      .filter((r) => r.kind === 'technique')
      .map((r, index) => ({
        label: r.id,
        detail: r.name,
        info: r.tacticId ? `${r.tacticId} ${r.tacticName ?? ''}`.trim() : undefined,
        type: 'constant',
        apply: formatMention(r),
        // The search already ranked them; keep its order.
        boost: Math.max(-99, 99 - index),
      }));
    if (completions.length === 0) return null;
    return { from: typed.from, to: closes ? context.pos + 1 : context.pos, options: completions, filter: false };
  };
}

/** The autocomplete extension for inline mentions. */
export function mentionCompletion(search: TechniqueSearch, options: MentionCompletionOptions = {}): Extension {
  return autocompletion({ override: [mentionCompletionSource(search, options)], activateOnTyping: true, icons: false });
}
