/**
 * Quote anchoring: finding an annotation's quote again after its source text was edited or
 * re-pasted, the way web annotation tools do (W3C TextQuoteSelector + TextPositionSelector, the
 * Hypothesis approach). Each annotation keeps the quoted text with a little context either side
 * and its last position; to re-anchor we try, in order:
 *   1. the quote still at its position;
 *   2. the quote verbatim elsewhere, the best occurrence chosen by its context and distance;
 *   3. approximate matches (approx-string-match, Myers' bit-parallel algorithm), scored on quote,
 *      context and position. These are other words than the quote's, so the quote is never
 *      attached to them: it "needs review", with the close enough ones as its candidates, for the
 *      analyst to take one (the quote then says what the source says) or not.
 * A quote with no candidate is orphaned. Either way it is kept with its selector, never dropped,
 * and is anchored again if its words come back.
 *
 * All matching ignores differences of whitespace (runs of spaces, tabs, line breaks), of
 * quote-mark style (“ ” ‘ ’ against " '), which pasting from a browser or a PDF changes at will,
 * and control characters (invisible, never meant: their quick fix removes them from a source).
 */
import approxSearch from 'approx-string-match';
import { NON_SPACE_CONTROL } from '../text-characters';
import type { Draft, QuoteAnchor, TextQuoteSelector } from './model';

/** Characters of context kept either side of a quote (Hypothesis keeps 32). */
const CONTEXT_LENGTH = 32;

/** The share of a quote's characters an approximate match may get wrong and still be looked at. */
const MAX_ERROR_RATE = 0.25;

/**
 * The score (0 to 1, see scoreCandidate) a place needs to be offered as a candidate. Chosen on the
 * edit set of test/drafts/anchoring-edits.test.ts: there the places that realistic edits leave of
 * a quote's own words (a typo fixed, a word changed or added, a clause cut) score 0.871 to 0.996;
 * a similar paragraph that says something else ("Team Beta" for "Team Alpha", another date, number
 * and platform) scores 0.684, its context differing too. 0.78 is midway between the two.
 */
export const CANDIDATE_MIN_SCORE = 0.78;

/** At most this many candidate places are kept for a quote that needs review. */
const MAX_CANDIDATES = 3;

/** Text normalised for matching, with the way back to offsets in the original text. */
export interface NormalizedText {
  /** The normalised text: whitespace runs as one space, curly quote marks as straight ones. */
  readonly text: string;
  /** For each character of `text`, the offset of the first original character it stands for. */
  readonly starts: readonly number[];
  /** For each character of `text`, the offset just after the last original character it stands for. */
  readonly ends: readonly number[];
}

const WHITESPACE = /\s/;
const NON_SPACE_CONTROLS = new RegExp(NON_SPACE_CONTROL.source, 'g');

/**
 * The text as quote matching sees it (whitespace runs as one space, quote marks folded to their
 * straight form), without the offset maps: validation asks it for every annotation, so callers
 * normalise each source once. The one definition of the folding; normalizeForMatching adds maps.
 */
export function normalizeSourceText(source: string): string {
  return source.replace(NON_SPACE_CONTROLS, '').replace(/\s+/g, ' ').replace(/[“”„‟«»″]/g, '"').replace(/[‘’‚‛′]/g, "'");
}

/**
 * Normalises text for matching and records where each normalised character came from. Quote
 * folding keeps one character for one, so only whitespace runs and skipped control characters
 * (counted with the character before them, or the first one) shape the maps.
 */
export function normalizeForMatching(original: string): NormalizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  const skipped = (k: number) => NON_SPACE_CONTROL.test(original[k] as string);
  let i = 0;
  while (i < original.length && skipped(i)) i++;
  for (let from = 0; i < original.length; from = i) {
    let j = i + 1;
    const space = WHITESPACE.test(original[i] as string);
    while (j < original.length && (skipped(j) || (space && WHITESPACE.test(original[j] as string)))) j++;
    starts.push(from);
    ends.push(j);
    i = j;
  }
  return { text: normalizeSourceText(original), starts, ends };
}

/** The normalised form of a quote to look for: also trimmed, since edge whitespace is never meant. */
function normalizeQuote(quote: string): string {
  return normalizeForMatching(quote).text.trim();
}

/** Maps a range of normalised text back to the original text. */
function toOriginal(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < norm.starts.length ? (norm.starts[start] as number) : (norm.ends[norm.ends.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: norm.starts[start] as number, end: norm.ends[end - 1] as number };
}

/** Maps an original offset to the normalised text (the first normalised character at or after it). */
function toNormalized(norm: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = norm.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((norm.ends[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where `quote` occurs verbatim in `source`, ignoring whitespace and quote-mark style; the first
 * occurrence, in original offsets, or undefined. (The quote-not-in-source rule does not use it:
 * it asks quoteIsInNormalizedSource, which also allows elisions.)
 */
export function findQuote(source: string, quote: string): { start: number; end: number } | undefined {
  const needle = normalizeQuote(quote);
  if (needle === '') return undefined;
  const norm = normalizeForMatching(source);
  const at = norm.text.indexOf(needle);
  return at < 0 ? undefined : toOriginal(norm, at, at + needle.length);
}

/**
 * Describes the selection `[start, end)` of `source` as an anchor: the exact text, the context
 * either side, and the position. Offsets are UTF-16 code units, clamped to the text.
 */
export function describeQuote(sourceId: string, source: string, start: number, end: number): QuoteAnchor {
  const s = Math.max(0, Math.min(start, source.length));
  const e = Math.max(s, Math.min(end, source.length));
  return {
    sourceId,
    quote: {
      type: 'TextQuoteSelector',
      exact: source.slice(s, e),
      prefix: source.slice(Math.max(0, s - CONTEXT_LENGTH), s),
      suffix: source.slice(e, e + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start: s, end: e },
    state: 'anchored',
  };
}

/** How a quote was found, where it may be now, or that it was not. */
export type LocateResult =
  | { readonly state: 'anchored'; readonly start: number; readonly end: number; readonly method: 'position' | 'exact'; readonly score: number }
  | { readonly state: 'needs-review'; readonly candidates: readonly ScoredPlace[] }
  | { readonly state: 'orphaned' };

/** A place in the original source text, with how alike it is to the quote (0 to 1). */
export interface ScoredPlace {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

/**
 * Finds a quote in `source`. `hint` is its last known start offset (the position selector), used
 * first and then to prefer the nearest of several candidates. `normalized` is the source's
 * normalizeForMatching, when the caller looks for several quotes in it.
 */
export function locateQuote(source: string, selector: TextQuoteSelector, hint?: { start: number; end: number }, normalized?: NormalizedText): LocateResult {
  const exact = normalizeQuote(selector.exact);
  if (exact === '') return { state: 'orphaned' };

  // 1. Still where it was.
  // (Compared untrimmed: a shifted range that takes in a space beside the quote is not where it was.)
  if (hint && hint.end <= source.length && normalizeSourceText(source.slice(hint.start, hint.end)) === normalizeSourceText(selector.exact)) {
    return { state: 'anchored', start: hint.start, end: hint.end, method: 'position', score: 1 };
  }

  const norm = normalized ?? normalizeForMatching(source);

  const prefix = normalizeForMatching(selector.prefix).text;
  const suffix = normalizeForMatching(selector.suffix).text;
  const hintAt = hint ? toNormalized(norm, hint.start) : undefined;

  // 2. Verbatim elsewhere: every occurrence, the best by context then distance.
  const occurrences: number[] = [];
  for (let at = norm.text.indexOf(exact); at >= 0; at = norm.text.indexOf(exact, at + 1)) occurrences.push(at);
  if (occurrences.length > 0) {
    const best = bestCandidate(
      occurrences.map((at) => ({ start: at, end: at + exact.length, errors: 0 })),
      norm.text,
      exact,
      prefix,
      suffix,
      hintAt,
    );
    return { state: 'anchored', ...toOriginal(norm, best.start, best.end), method: 'exact', score: best.score };
  }

  // 3. Approximately: the quote's words are gone; close places become candidates, best first.
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return { state: 'orphaned' };
  const scored = approxSearch(norm.text, exact, maxErrors)
    .map((match) => ({ ...match, score: scoreCandidate(match, norm.text, exact, prefix, suffix, hintAt) }))
    .filter((c) => c.score >= CANDIDATE_MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.start - b.start);
  // Myers' search reports many overlapping ends of one place: keep the best of each place.
  const places: typeof scored = [];
  for (const c of scored) {
    if (places.length === MAX_CANDIDATES) break;
    if (!places.some((p) => c.start < p.end && p.start < c.end)) places.push(c);
  }
  if (places.length === 0) return { state: 'orphaned' };
  return { state: 'needs-review', candidates: places.map((c) => ({ ...toOriginal(norm, c.start, c.end), score: c.score })) };
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/** The best of several candidates by scoreCandidate. */
function bestCandidate(candidates: readonly Candidate[], text: string, exact: string, prefix: string, suffix: string, hintAt: number | undefined): Candidate & { score: number } {
  let best: (Candidate & { score: number }) | undefined;
  for (const candidate of candidates) {
    const score = scoreCandidate(candidate, text, exact, prefix, suffix, hintAt);
    if (!best || score > best.score) best = { ...candidate, score };
  }
  if (!best) throw new Error('bestCandidate needs at least one candidate');
  return best;
}

/** Scores a place like Hypothesis, 0 to 1: the quote counts most, then each side's context, then nearness. */
function scoreCandidate(candidate: Candidate, text: string, exact: string, prefix: string, suffix: string, hintAt: number | undefined): number {
  const QUOTE_WEIGHT = 50;
  const PREFIX_WEIGHT = 20;
  const SUFFIX_WEIGHT = 20;
  const POSITION_WEIGHT = 2;
  const quoteScore = 1 - candidate.errors / exact.length;
  const prefixScore = prefix === '' ? 1 : similarity(prefix, text.slice(Math.max(0, candidate.start - prefix.length), candidate.start));
  const suffixScore = suffix === '' ? 1 : similarity(suffix, text.slice(candidate.end, candidate.end + suffix.length));
  const positionScore = hintAt === undefined ? 1 : 1 - Math.abs(candidate.start - hintAt) / Math.max(text.length, 1);
  const raw = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
  return raw / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
}

/** 1 when `actual` is `expected`, falling towards 0 with each edit (the best alignment of the two). */
function similarity(expected: string, actual: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const matches = approxSearch(actual, expected, expected.length);
  const errors = matches.length ? Math.min(...matches.map((m) => m.errors)) : expected.length;
  return 1 - errors / expected.length;
}

/**
 * Re-anchors one anchor in a (possibly changed) source text. A found quote gets a fresh selector
 * describing the text as it now is; a lost one keeps its selector, with its candidate places if
 * it needs review.
 */
export function reanchor(anchor: QuoteAnchor, source: string, normalized?: NormalizedText): QuoteAnchor {
  const hint = anchor.position ? { start: anchor.position.start, end: anchor.position.end } : undefined;
  const found = locateQuote(source, anchor.quote, hint, normalized);
  if (found.state === 'orphaned') return { sourceId: anchor.sourceId, quote: anchor.quote, state: 'orphaned' };
  if (found.state === 'needs-review') {
    const candidates = found.candidates.map((c) => ({ start: c.start, end: c.end, text: source.slice(c.start, c.end), score: Math.round(c.score * 1000) / 1000 }));
    return { sourceId: anchor.sourceId, quote: anchor.quote, state: 'needs-review', candidates };
  }
  return describeQuote(anchor.sourceId, source, found.start, found.end);
}

/** What re-anchoring a draft did, for the UI to report. */
export interface ReanchorReport {
  readonly draft: Draft;
  /** Annotations whose quote was found where it was or elsewhere. */
  readonly anchored: readonly string[];
  /** Annotations whose words are gone but close places were found: the analyst chooses. */
  readonly needsReview: readonly string[];
  /** Annotations whose quote is lost (still in the draft, marked orphaned). */
  readonly orphaned: readonly string[];
}

/**
 * Replaces one source text of a draft and re-anchors every annotation on it. Nothing is removed:
 * an annotation that cannot be found stays in the draft, orphaned or to review. A quote that was
 * accepted and whose words are gone goes back to review: what was accepted was those words there.
 */
export function replaceSourceText(draft: Draft, sourceId: string, text: string): ReanchorReport {
  const found = { anchored: [] as string[], 'needs-review': [] as string[], orphaned: [] as string[] };
  // The new text is normalised once for all its quotes (a long article, hundreds of quotes), not
  // once per quote.
  let normalized: NormalizedText | undefined;
  const annotations = draft.annotations.map((annotation) => {
    if (!annotation.anchor || annotation.anchor.sourceId !== sourceId) return annotation;
    const anchor = reanchor(annotation.anchor, text, (normalized ??= normalizeForMatching(text)));
    found[anchor.state].push(annotation.id);
    return { ...annotation, anchor, ...(anchor.state === 'anchored' ? {} : { review: 'draft' as const }) };
  });
  const sources = draft.sources.map((source) => (source.id === sourceId ? { ...source, text } : source));
  return { draft: { ...draft, sources, annotations }, anchored: found.anchored, needsReview: found['needs-review'], orphaned: found.orphaned };
}

/**
 * Takes one of a quote's candidate places: the quote becomes the source's words there, anchored.
 * Only a place the anchor lists can be taken, and only while the source still says those words.
 */
export function takeCandidate(anchor: QuoteAnchor, source: string, candidate: { start: number; end: number }): QuoteAnchor | undefined {
  const listed = anchor.candidates?.find((c) => c.start === candidate.start && c.end === candidate.end);
  if (!listed || source.slice(listed.start, listed.end) !== listed.text) return undefined;
  return describeQuote(anchor.sourceId, source, listed.start, listed.end);
}

/** `[...]`, `[…]` or `…`: where an analyst left words of the source out of a quote. */
const ELISION = /\[\s*(?:\.\.\.|…)\s*\]|…/;

/**
 * Whether `quote` is in a source (already passed through normalizeSourceText) verbatim, ignoring
 * whitespace and quote-mark style, where an elision (`[...]`) stands for any stretch of the
 * source between the quoted parts.
 */
export function quoteIsInNormalizedSource(normalizedSource: string, quote: string): boolean {
  const parts = quote.split(ELISION).map(normalizeQuote).filter((p) => p !== '');
  if (parts.length === 0) return false;
  let from = 0;
  for (const part of parts) {
    const at = normalizedSource.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}
