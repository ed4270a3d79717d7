/**
 * Suggestions for a whole source: each sentence is a passage, and the techniques its sentences
 * evoke most are ranked with the passages that evoke them, so the analyst can jump to a passage
 * and tag it from there.
 */
import type { MeaningExample, MeaningHit } from './meaning-search';

/** A sentence of the source that evokes the technique, by character offsets in the source. */
export interface EvokingPassage {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export interface SourceSuggestion {
  readonly id: string;
  readonly name: string;
  /** Why, for its best passage. */
  readonly reason: string;
  /** Its passages, the most evocative first. */
  readonly passages: readonly EvokingPassage[];
}

/** Sentences shorter than this say too little to suggest anything. */
const MIN_WORDS = 6;
/** How many techniques each sentence counts for. */
const PER_SENTENCE = 3;
const PASSAGES_PER_TECHNIQUE = 3;

/** The source's sentences with their offsets (Intl.Segmenter: the platform's own sentence rules). */
export function sentences(text: string): EvokingPassage[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: EvokingPassage[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const trimmed = segment.trimEnd();
    const lead = trimmed.length - trimmed.trimStart().length;
    if (trimmed.trim().split(/\s+/).length >= MIN_WORDS) out.push({ from: index + lead, to: index + trimmed.length, text: trimmed.trim() });
  }
  return out;
}

export function rankSource(
  text: string,
  suggest: (passage: string, examples: readonly MeaningExample[], options: { limit: number }) => MeaningHit[],
  examples: readonly MeaningExample[],
  limit: number,
): SourceSuggestion[] {
  const byTechnique = new Map<string, { name: string; score: number; best: number; reason: string; passages: { passage: EvokingPassage; score: number }[] }>();
  for (const passage of sentences(text)) {
    for (const hit of suggest(passage.text, examples, { limit: PER_SENTENCE })) {
      const entry = byTechnique.get(hit.id) ?? { name: hit.name, score: 0, best: 0, reason: hit.reason, passages: [] };
      entry.score += hit.score;
      if (hit.score > entry.best) {
        entry.best = hit.score;
        entry.reason = hit.reason;
      }
      entry.passages.push({ passage, score: hit.score });
      byTechnique.set(hit.id, entry);
    }
  }
  return [...byTechnique.entries()]
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id, e]) => ({ id, name: e.name, reason: e.reason, passages: e.passages.sort((a, b) => b.score - a.score).slice(0, PASSAGES_PER_TECHNIQUE).map((p) => p.passage) }));
}
