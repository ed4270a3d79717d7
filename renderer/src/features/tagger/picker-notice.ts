/**
 * What the technique picker says when nothing in the catalog matches what was typed, so that
 * no input meets an empty list in silence: an id the framework does not have (with the closest
 * ones), an id written the wrong way (`T155.7` means T0155.007), a retired id (with where its
 * incidents went, from the checkout's history), or words that no id or name holds. The judgement
 * of an id is shared/validation's, the one the draft's validation makes of the same id.
 */
import { distance } from 'fastest-levenshtein';
import type { TechniqueRef } from '../../../../shared/drafts/framework-lookup';
import { canonicalTechniqueId, checkTechniqueId, successorsOf, type ValidationContext } from '../../../../shared/validation';

/** The picker's answer to an input that matched nothing. */
export interface PickerNotice {
  readonly kind: 'unknown-id' | 'malformed-id' | 'retired-id' | 'already-chosen' | 'no-match';
  readonly message: string;
  /** Techniques offered instead, best first. */
  readonly offers: readonly TechniqueRef[];
  /**
   * True when the first offer is what the input means (its canonical form, or the framework's
   * own successor), so Enter takes it; a guess (the closest ids) must be chosen with the arrows.
   */
  readonly takeFirst: boolean;
}

/** How many ids a notice offers at most. */
const OFFERS = 5;

/** Typed like an id: a T and a digit (`T9`, `t0155.7`, `T 155`), not a word that starts with T. */
const ID_LIKE = /^[Tt]\s?\d[\d.]*$/;

/**
 * The notice for `query` (trimmed, not empty) when the picker found nothing; undefined when the
 * input is a technique the picker can take. `chosen` are the techniques already on the quote.
 */
export function pickerNotice(query: string, context: ValidationContext, chosen: readonly string[] = []): PickerNotice | undefined {
  const written = query.trim();
  if (written === '') return undefined;
  if (!ID_LIKE.test(written)) {
    return { kind: 'no-match', message: `No technique has “${written}” in its id or name.`, offers: [], takeFirst: false };
  }
  const known = context.lookup.technique(written);
  if (known) {
    return chosen.includes(known.id) ? { kind: 'already-chosen', message: `${known.id} ${known.name} is already on this quote.`, offers: [], takeFirst: false } : undefined;
  }
  const problem = checkTechniqueId(written, context);
  if (problem?.code === 'retired-id') return retiredNotice(written, context, problem.suggestions);
  if (problem?.code === 'unknown-id') {
    const closest = closestIds(context, written);
    return { kind: 'unknown-id', message: `Nothing by that id: ${written} is not a technique of this framework.${closest.length ? ` Closest: ${ids(closest)}.` : ''}`, offers: closest, takeFirst: false };
  }
  const canonical = canonicalTechniqueId(written);
  if (canonical === undefined) {
    return { kind: 'malformed-id', message: `${written} is not a technique id: T and 4 digits, and a dot and 3 digits for a sub-technique (T0155.007).`, offers: [], takeFirst: false };
  }
  const meant = context.lookup.technique(canonical);
  if (meant) return { kind: 'malformed-id', message: `${written} means ${meant.id} ${meant.name}: Enter takes it.`, offers: [meant], takeFirst: true };
  // Written the wrong way, and not there either way: say what it would be, then judge that.
  const then = pickerNotice(canonical, context, chosen);
  return then && { ...then, kind: then.kind === 'no-match' ? 'malformed-id' : then.kind, message: `${written} would be ${canonical}. ${then.message}` };
}

function retiredNotice(written: string, context: ValidationContext, suggestions: readonly TechniqueRef[]): PickerNotice {
  const retired = context.retired?.get(written);
  const successors = retired ? successorsOf(context, retired) : [];
  const head = `${written} ${retired?.name ?? ''}, retired ${retired?.removedIn.date ?? ''}`;
  if (successors.length > 0) {
    return { kind: 'retired-id', message: `${head}; its incidents moved to ${ids(successors)}.`, offers: successors.slice(0, OFFERS), takeFirst: true };
  }
  // No move in the history (or none readable): names alike are a guess, not taken by Enter.
  return {
    kind: 'retired-id',
    message: `${head}; the history does not show where its incidents went.${suggestions.length ? ` Similar names: ${ids(suggestions)}.` : ''}`,
    offers: suggestions.slice(0, OFFERS),
    takeFirst: false,
  };
}

/**
 * The ids nearest to an unknown one: a typo's (at most two characters off, fewest first), else
 * the techniques of the same shape (sub-technique or not) nearest in number, so that an id far
 * from every other (T9999) still gets an answer (T0155, T0154, T0153: the last ones).
 */
function closestIds(context: ValidationContext, id: string, limit = 3): TechniqueRef[] {
  const value = (text: string) => Number(text.slice(1));
  const scored = context.lookup.techniques().map((ref) => ({ ref, edits: distance(id, ref.id), gap: Math.abs(value(ref.id) - value(id)) }));
  const byGap = (a: (typeof scored)[number], b: (typeof scored)[number]) => a.gap - b.gap || (a.ref.id < b.ref.id ? -1 : 1);
  const typos = scored.filter((s) => s.edits <= 2).sort((a, b) => a.edits - b.edits || byGap(a, b));
  const near = typos.length > 0 ? typos : scored.filter((s) => s.ref.id.includes('.') === id.includes('.')).sort(byGap);
  return near.slice(0, limit).map((s) => s.ref);
}

const ids = (refs: readonly TechniqueRef[]) => refs.map((r) => r.id).join(', ');
