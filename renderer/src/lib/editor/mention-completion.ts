/**
 * Inline mentions in an explanation: typing `T0` (or `(T0155`) offers matching techniques with
 * their name and tactic, and choosing one writes the framework's form of a mention,
 * `(T0155.007: Encrypted Communication Channel)`, replacing what was typed (and a `)` right after
 * it). Ctrl+Space on a word searches technique names.
 */
import { autocompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { formatMention } from '../mentions';
import type { TechniqueSearch } from './technique-lookup';

/** An id being typed: `T` and a digit at least, with an optional `(` before it. */
const TYPED_ID = /\(?T\d[\d.]*$/;
/** A word before an explicit request (Ctrl+Space). */
const TYPED_WORD = /\(?[A-Za-z][\w-]*$/;

/** The completion source (exported for headless tests). */
export function mentionCompletionSource(search: TechniqueSearch): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const typed = context.matchBefore(TYPED_ID) ?? (context.explicit ? context.matchBefore(TYPED_WORD) : null);
    if (!typed) return null;
    const query = typed.text.replace(/^\(/, '');
    if (query === '') return null;
    const results = await search(query);
    if (context.aborted) return null;
    const closes = typed.text.startsWith('(') && context.state.sliceDoc(context.pos, context.pos + 1) === ')';
    const options: Completion[] = results
      .filter((r) => r.kind === 'technique')
      .map((r, index) => ({
        label: r.id,
        detail: r.name,
        info: r.tacticId ? `${r.tacticId} ${r.tacticName ?? ''}`.trim() : undefined,
        type: 'constant',
        apply: formatMention(r),
        boost: Math.max(-99, 99 - index),
      }));
    if (options.length === 0) return null;
    return { from: typed.from, to: closes ? context.pos + 1 : context.pos, options, filter: false };
  };
}

/** The autocomplete extension for inline mentions. */
export function mentionCompletion(search: TechniqueSearch): Extension {
  return autocompletion({ override: [mentionCompletionSource(search)], activateOnTyping: true, icons: false });
}
