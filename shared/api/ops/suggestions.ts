/**
 * Technique suggestions for a passage of a source (the catalog's search by meaning), and the
 * analyst's verdicts on them: each accept or reject is kept in the local store as an example that
 * later suggestions learn from. Nothing of it leaves the machine.
 */
import { z } from 'zod';
import { defineOperation } from '../define';

/** How many verdicts the store keeps (the oldest go first): enough to learn from, small to read. */
export const MAX_SUGGESTION_EXAMPLES = 2000;
/** The longest passage judged or kept (a quote, not a whole article). */
const MAX_PASSAGE = 5000;

/** A technique id as the framework writes it: `T0155` or `T0155.007` (not `T155.7`). */
const TechniqueId = z.string().regex(/^T\d{4}(?:\.\d{3})?$/, 'not a technique id (T0000 or T0000.000)');

const Passage = z.string().trim().min(1, 'the passage is empty').max(MAX_PASSAGE, `a passage longer than ${MAX_PASSAGE} characters is not a quote`);

/** One verdict: a passage and a technique the analyst accepted or rejected for it. */
export const SuggestionExample = z
  .object({
    passage: Passage,
    techniqueId: TechniqueId,
    verdict: z.enum(['accepted', 'rejected']),
    at: z.iso.datetime(),
  })
  .strict();
export type SuggestionExample = z.infer<typeof SuggestionExample>;

const SuggestionSchema = z.object({ id: z.string(), name: z.string(), tacticId: z.string(), tacticName: z.string(), reason: z.string() });
export type SuggestionInfo = z.infer<typeof SuggestionSchema>;

const SourceSuggestionSchema = SuggestionSchema.extend({ passages: z.array(z.object({ from: z.number().int(), to: z.number().int(), text: z.string() })) });
export type SourceSuggestionInfo = z.infer<typeof SourceSuggestionSchema>;

/** The largest source ranked whole (the tagger opens files up to 5 MB; an article is far less). */
const MAX_SOURCE = 200_000;

export const suggestionsOperations = {
  'suggestions.forSource': defineOperation({
    summary: 'Techniques a whole source evokes, ranked, each with the sentences that evoke it (offsets in the text).',
    input: z.object({ text: z.string().min(1, 'the source is empty').max(MAX_SOURCE, `a source longer than ${MAX_SOURCE} characters is ranked in parts`), limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: z.array(SourceSuggestionSchema),
  }),
  'suggestions.forPassage': defineOperation({
    summary: "Techniques a passage evokes, best first, each with a one-line reason; the analyst's earlier verdicts count.",
    input: z
      .object({
        passage: Passage,
        /** Techniques already on the quote, left out. */
        exclude: z.array(TechniqueId).max(50).optional(),
        limit: z.number().int().min(1).max(20).optional(),
      })
      .strict(),
    output: z.array(SuggestionSchema),
  }),
  'suggestions.record': defineOperation({
    summary: 'Keeps a verdict on a suggestion in the local store, as an example for later suggestions.',
    input: SuggestionExample.omit({ at: true }).strict(),
    output: z.object({ examples: z.number().int() }),
  }),
};
