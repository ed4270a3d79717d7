/**
 * The one judgement of a technique id, wherever it is written (a tag, an inline mention, a note):
 * known, retired, unknown (with did-you-mean suggestions) or malformed (with its canonical form).
 */
import { distance } from 'fastest-levenshtein';
import { formatId, parseId } from '../ids';
import type { FrameworkLookup, TechniqueRef } from '../drafts/framework-lookup';
import type { ValidationContext } from './context';
import type { RuleCode } from './rules';
import type { RetiredTechnique } from './types';

/** What is wrong with an id, and what it could be instead. */
export interface IdProblem {
  readonly code: Extract<RuleCode, 'unknown-id' | 'retired-id' | 'malformed-id'>;
  readonly message: string;
  /** Ids to offer instead, best first. */
  readonly suggestions: readonly TechniqueRef[];
}

/** `T155.7`, `T0155.7`, `t0155.007` -> `T0155.007`, when the digits fit a technique id. */
export function canonicalTechniqueId(text: string): string | undefined {
  const match = /^[Tt]\s?(\d{1,4})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return undefined;
  try {
    return formatId('technique', Number(match[1]), match[2] === undefined ? undefined : Number(match[2]));
  } catch {
    return undefined;
  }
}

/** Techniques whose id is a small edit away, or whose name is the one written, best first. */
export function didYouMean(lookup: FrameworkLookup, id: string, writtenName?: string, limit = 3): TechniqueRef[] {
  const scored: { ref: TechniqueRef; score: number }[] = [];
  const wanted = writtenName?.trim().toLowerCase();
  for (const ref of lookup.techniques()) {
    const idDistance = distance(id, ref.id);
    const name = ref.name.toLowerCase();
    const nameScore = wanted ? (name === wanted ? -10 : name.includes(wanted) || wanted.includes(name) ? -3 : 0) : 0;
    if (idDistance <= 2 || nameScore < 0) scored.push({ ref, score: idDistance + nameScore });
  }
  scored.sort((a, b) => a.score - b.score || (a.ref.id < b.ref.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.ref);
}

/** Techniques whose names share the most words with `name` (to replace a retired one). */
function similarByName(lookup: FrameworkLookup, name: string, limit = 3): TechniqueRef[] {
  const words = new Set(name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2));
  if (words.size === 0) return [];
  const scored = lookup
    .techniques()
    .map((ref) => ({ ref, shared: ref.name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => words.has(w)).length }))
    .filter((s) => s.shared > 0);
  scored.sort((a, b) => b.shared - a.shared || (a.ref.id < b.ref.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.ref);
}

/** The retired technique's successors that the checked-out framework has, best first. */
export function successorsOf(context: ValidationContext, retired: RetiredTechnique): TechniqueRef[] {
  return (retired.successors ?? []).map((id) => context.lookup.technique(id)).filter((ref): ref is TechniqueRef => ref !== undefined);
}

const list = (refs: readonly TechniqueRef[]) => refs.map((r) => `${r.id} ${r.name}`).join(', ');

/**
 * Judges a technique id as written. Undefined when the checked-out framework has it. `writtenName`
 * is the name an inline mention gave it, which helps the suggestions.
 */
export function checkTechniqueId(written: string, context: ValidationContext, writtenName?: string): IdProblem | undefined {
  const parsed = parseId(written);
  if (parsed?.kind === 'technique') {
    if (context.lookup.technique(written)) return undefined;
    const retired = context.retired?.get(written);
    if (retired) {
      const successors = successorsOf(context, retired);
      // Names alone are a guess (T0015.001, T0045, T0046 for "Use Encrypted Chat Apps"): offered
      // only when the history does not show where the framework moved its incidents.
      const similar = successors.length ? [] : similarByName(context.lookup, retired.name);
      const moved = successors.length ? ` Its incidents moved to ${list(successors)}.` : '';
      return {
        code: 'retired-id',
        message: `${written} (${retired.name}) was in earlier versions of the framework but not in the checked-out one: it was removed on ${retired.removedIn.date} (commit ${retired.removedIn.commit.slice(0, 7)}).${moved}${similar.length ? ` Techniques with similar names: ${list(similar)}.` : ''}`,
        suggestions: successors.length ? successors : similar,
      };
    }
    const suggestions = didYouMean(context.lookup, written, writtenName);
    return { code: 'unknown-id', message: `${written} is not a technique of the checked-out framework.${suggestions.length ? ` Did you mean ${list(suggestions)}?` : ''}`, suggestions };
  }
  const canonical = canonicalTechniqueId(written);
  const known = canonical ? context.lookup.technique(canonical) : undefined;
  return {
    code: 'malformed-id',
    message: `${JSON.stringify(written)} is not a technique id (T + 4 digits, and .3 digits for a sub-technique, e.g. T0155.007).${known ? ` Did you mean ${known.id} ${known.name}?` : ''}`,
    suggestions: known ? [known] : [],
  };
}
