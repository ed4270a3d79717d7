/**
 * Quote anchoring: finding an annotation's quote again after its source text was edited or
 * re-pasted, the way web annotation tools do (W3C TextQuoteSelector + TextPositionSelector, the
 * Hypothesis approach). Each annotation keeps the quoted text with a little context either side
 * and its last position; to re-anchor we try, in order:
 *   1. the quote still at its position;
 *   2. the quote verbatim elsewhere, the best occurrence chosen by its context and distance;
 *   3. an approximate match (approx-string-match, Myers' bit-parallel algorithm), scored on
 *      quote, context and position, accepted only when close enough.
 * A quote that cannot be found is orphaned (kept, with its selector, never dropped), and can be
 * found again if the text comes back.
 *
 * All matching ignores differences of whitespace (runs of spaces, tabs, line breaks) and of
 * quote-mark style (“ ” ‘ ’ against " '), which pasting from a browser or a PDF changes at will.
 */
import approxSearch from 'approx-string-match';
import type { Draft, QuoteAnchor, TextQuoteSelector } from './model';

/** Characters of context kept either side of a quote (Hypothesis keeps 32). */
const CONTEXT_LENGTH = 32;

/** The share of a quote's characters an approximate match may get wrong and still count. */
const MAX_ERROR_RATE = 0.25;

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

/**
 * The text as quote matching sees it (whitespace runs as one space, quote marks folded to their
 * straight form), without the offset maps: validation asks it for every annotation, so callers
 * normalise each source once. The one definition of the folding; normalizeForMatching adds maps.
 */
export function normalizeSourceText(source: string): string {
  return source.replace(/\s+/g, ' ').replace(/[“”„‟«»″]/g, '"').replace(/[‘’‚‛′]/g, "'");
}

/**
 * Normalises text for matching and records where each normalised character came from. Quote
 * folding keeps one character for one, so only whitespace runs shape the maps.
 */
export function normalizeForMatching(original: string): NormalizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < original.length; ) {
    let j = i + 1;
    if (WHITESPACE.test(original[i] as string)) while (j < original.length && WHITESPACE.test(original[j] as string)) j++;
    starts.push(i);
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

/** How a quote was found, or that it was not. */
export type LocateResult =
  | { readonly state: 'anchored'; readonly start: number; readonly end: number; readonly method: 'position' | 'exact' | 'approximate'; readonly score: number }
  | { readonly state: 'orphaned' };

/**
 * Finds a quote in `source`. `hint` is its last known start offset (the position selector), used
 * first and then to prefer the nearest of several candidates. `normalized` is the source's
 * normalizeForMatching, when the caller looks for several quotes in it.
 */
export function locateQuote(source: string, selector: TextQuoteSelector, hint?: { start: number; end: number }, normalized?: NormalizedText): LocateResult {
  const exact = normalizeQuote(selector.exact);
  if (exact === '') return { state: 'orphaned' };

  // 1. Still where it was.
  if (hint && hint.end <= source.length && normalizeQuote(source.slice(hint.start, hint.end)) === exact) {
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

  // 3. Approximately: the source was edited inside the quote.
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return { state: 'orphaned' };
  const matches = approxSearch(norm.text, exact, maxErrors);
  if (matches.length === 0) return { state: 'orphaned' };
  const best = bestCandidate(matches, norm.text, exact, prefix, suffix, hintAt);
  return { state: 'anchored', ...toOriginal(norm, best.start, best.end), method: 'approximate', score: best.score };
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/** Scores candidates like Hypothesis: the quote counts most, then each side's context, then nearness. */
function bestCandidate(candidates: readonly Candidate[], text: string, exact: string, prefix: string, suffix: string, hintAt: number | undefined): Candidate & { score: number } {
  const QUOTE_WEIGHT = 50;
  const PREFIX_WEIGHT = 20;
  const SUFFIX_WEIGHT = 20;
  const POSITION_WEIGHT = 2;
  let best: (Candidate & { score: number }) | undefined;
  for (const candidate of candidates) {
    const quoteScore = 1 - candidate.errors / exact.length;
    const prefixScore = prefix === '' ? 1 : similarity(prefix, text.slice(Math.max(0, candidate.start - prefix.length), candidate.start));
    const suffixScore = suffix === '' ? 1 : similarity(suffix, text.slice(candidate.end, candidate.end + suffix.length));
    const positionScore = hintAt === undefined ? 1 : 1 - Math.abs(candidate.start - hintAt) / Math.max(text.length, 1);
    const raw = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
    const score = raw / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    if (!best || score > best.score) best = { ...candidate, score };
  }
  if (!best) throw new Error('bestCandidate needs at least one candidate');
  return best;
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
 * describing the text as it now is; a lost one keeps its selector and is marked orphaned.
 */
export function reanchor(anchor: QuoteAnchor, source: string, normalized?: NormalizedText): QuoteAnchor {
  const hint = anchor.position ? { start: anchor.position.start, end: anchor.position.end } : undefined;
  const found = locateQuote(source, anchor.quote, hint, normalized);
  if (found.state === 'orphaned') {
    return { sourceId: anchor.sourceId, quote: anchor.quote, state: 'orphaned' };
  }
  return describeQuote(anchor.sourceId, source, found.start, found.end);
}

/** What re-anchoring a draft did, for the UI to report. */
export interface ReanchorReport {
  readonly draft: Draft;
  /** Annotations whose quote was found where it was or elsewhere. */
  readonly anchored: readonly string[];
  /** Annotations whose quote is lost (still in the draft, marked orphaned). */
  readonly orphaned: readonly string[];
}

/**
 * Replaces one source text of a draft and re-anchors every annotation on it. Nothing is removed:
 * an annotation that cannot be found stays in the draft, orphaned.
 */
export function replaceSourceText(draft: Draft, sourceId: string, text: string): ReanchorReport {
  const anchored: string[] = [];
  const orphaned: string[] = [];
  // The new text is normalised once for all its quotes (a long article, hundreds of quotes), not
  // once per quote.
  let normalized: NormalizedText | undefined;
  const annotations = draft.annotations.map((annotation) => {
    if (!annotation.anchor || annotation.anchor.sourceId !== sourceId) return annotation;
    const anchor = reanchor(annotation.anchor, text, (normalized ??= normalizeForMatching(text)));
    (anchor.state === 'anchored' ? anchored : orphaned).push(annotation.id);
    return { ...annotation, anchor };
  });
  const sources = draft.sources.map((source) => (source.id === sourceId ? { ...source, text } : source));
  return { draft: { ...draft, sources, annotations }, anchored, orphaned };
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
