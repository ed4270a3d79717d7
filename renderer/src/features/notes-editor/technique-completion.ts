/**
 * Technique autocomplete for the notes editor: typing an id (`T0155`, `(T0`) offers the matching
 * techniques with name and tactic, in the catalog search's order, and picking one writes the
 * inline mention the framework uses in descriptions, `(T0155.007: Encrypted Communication Channel)`.
 * Ctrl+Space on a word searches technique names (`encrypted`). Never offered above the edit line.
 */
import { autocompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { SearchResultInfo } from '../../../../shared/api/ops/catalog';
import { formatMention } from '../../lib/mentions';
import { isEditable } from './generated-part';

/** Finds techniques for a typed id or words (the catalog.search operation, techniques only). */
export type TechniqueSearch = (query: string) => Promise<readonly SearchResultInfo[]>;

/** A technique id being typed, with an optional opening parenthesis before it. */
const TYPED_ID = /\(?T\d[\d.]*$/;
/** A word typed before an explicit request (Ctrl+Space), searched in technique names. */
const TYPED_WORD = /\(?[A-Za-z][\w-]*$/;

/** The completion source; exported for headless tests. */
export function techniqueCompletionSource(search: TechniqueSearch): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (!isEditable(context.state, context.pos)) return null;
    const typed = context.matchBefore(TYPED_ID) ?? (context.explicit ? context.matchBefore(TYPED_WORD) : null);
    if (!typed) return null;
    const query = typed.text.replace(/^\(/, '');
    if (query === '') return null;
    const results = await search(query);
    if (context.aborted) return null;
    // A closing parenthesis right after the cursor belongs to the mention being completed.
    const closes = typed.text.startsWith('(') && context.state.sliceDoc(context.pos, context.pos + 1) === ')';
    const options: Completion[] = results
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
    if (options.length === 0) return null;
    return { from: typed.from, to: closes ? context.pos + 1 : context.pos, options, filter: false };
  };
}

/** The autocomplete extension for technique mentions. */
export function techniqueCompletion(search: TechniqueSearch): Extension {
  return autocompletion({ override: [techniqueCompletionSource(search)], activateOnTyping: true, icons: false });
}
