/**
 * Reading the framework's incident descriptions as words: `<i>“quote”</i><br><br>explanation
 * (T0097.100: Individual Persona, T0143.003: Impersonated Persona) more explanation (T0151.004: ...)`.
 * The quote is what the source said; each parenthesis of ids tags the clause just before it.
 */

/** The framework's cells hold `<i>`, `<br>` and markdown emphasis; search reads the words. */
export function stripMarkup(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?[a-zA-Z][^>]*>/g, '').replace(/[_*]/g, '');
}

/** A technique id as the explanations write it: `T0097.100`. */
const TECHNIQUE_ID = /\bT\d{4}(?:\.\d{3})?\b/g;
/** A parenthesis naming at least one technique (names may hold one more: `Audio (Deepfakes)`): the tag of the clause before it. */
const TAG_GROUP = /\(((?:[^()]|\([^()]*\))*?\bT\d{4}(?:[^()]|\([^()]*\))*)\)/g;
const QUOTE = /<i>([\s\S]*?)<\/i>/gi;

/** A description split into the source's words and the analyst's tagged clauses. */
export interface DescriptionParts {
  /** The quoted parts (`<i>…</i>`), markup stripped; empty when the description quotes nothing. */
  readonly quotes: readonly string[];
  /** Each explanation clause with the technique ids its parenthesis gives (the parenthesis left out). */
  readonly clauses: readonly { readonly text: string; readonly techniqueIds: readonly string[] }[];
}

export function descriptionParts(description: string): DescriptionParts {
  const quotes = [...description.matchAll(QUOTE)].map((m) => stripMarkup(m[1] ?? '').trim()).filter((q) => q !== '');
  const explanation = stripMarkup(description.replace(QUOTE, ' \n '));
  const clauses: { text: string; techniqueIds: string[] }[] = [];
  let from = 0;
  for (const group of explanation.matchAll(TAG_GROUP)) {
    const before = explanation.slice(from, group.index);
    // The clause starts after the last sentence end or line break before the parenthesis.
    const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1;
    clauses.push({ text: before.slice(start).replace(/^[\s,;:]+/, '').trim(), techniqueIds: [...new Set((group[1] ?? '').match(TECHNIQUE_ID) ?? [])] });
    from = (group.index ?? 0) + group[0].length;
  }
  return { quotes, clauses };
}

/**
 * `text` with every technique id and every given name taken out, so that a held-out quote is
 * judged on its words and not on an answer written into it.
 */
export function withoutTechniqueNames(text: string, names: readonly string[]): string {
  let out = text.replace(TECHNIQUE_ID, ' ');
  for (const name of names) {
    if (name.length < 3) continue;
    out = out.replace(new RegExp(escapeRegExp(name), 'gi'), ' ');
  }
  return out.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
