/**
 * A realistic incident draft for the bench: the fixture article (../shared/fixtures/sources) as
 * its source text, quotes taken word for word from it (whole sentences, then halves and middles
 * of sentences), each tagged with one to three techniques of the checkout's catalog and explained
 * with inline mentions `(T0097.100: Individual Persona, ...)`, as analysts write them. A few tags
 * carry the slips an analyst in the middle of the work makes (a mention whose name is off, an id
 * that does not exist), so validation runs its did-you-mean and quick-fix paths too. Seeded: the
 * same draft on every run.
 */
import { readFileSync } from 'node:fs';
import { describeQuote } from '../shared/drafts/anchoring';
import type { FrameworkLookup, TechniqueRef } from '../shared/drafts/framework-lookup';
import { Draft, DRAFT_SCHEMA_VERSION } from '../shared/drafts/model';
import { ARTICLE_INCIDENT, articleReferences, articleSource } from '../test/helpers/article-incident';
import { SOURCE_ARTICLE } from '../test/helpers/fixtures';
import { seededRandom } from './stats';

export interface BenchDraftOptions {
  /** How many tagged quotes. */
  readonly annotations: number;
  /** Every how many tags one carries a slip (0: none). */
  readonly slipEvery?: number;
  readonly seed?: number;
}

/** A random-looking but seeded RFC 4122 version 4 uuid. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Sentences of the article as [start, end) offsets, and the words of each. */
function sentenceSpans(text: string): { start: number; end: number; words: { start: number; end: number }[] }[] {
  const spans = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const start = m.index + lead;
    const end = m.index + m[0].length;
    const words = [...text.slice(start, end).matchAll(/\S+/g)].map((w) => ({ start: start + w.index, end: start + w.index + w[0].length }));
    if (words.length >= 8) spans.push({ start, end, words });
  }
  return spans;
}

/** Quote spans: every sentence whole, then the first half, the second half and the middle of each. */
function quoteSpans(text: string, count: number): { start: number; end: number }[] {
  const sentences = sentenceSpans(text);
  const cuts: ((n: number) => [number, number])[] = [
    (n) => [0, n],
    (n) => [0, Math.ceil(n / 2)],
    (n) => [Math.floor(n / 2), n],
    (n) => [Math.floor(n / 4), Math.ceil((3 * n) / 4)],
    (n) => [Math.floor(n / 3), n],
  ];
  const spans: { start: number; end: number }[] = [];
  const seen = new Set<string>();
  for (const cut of cuts) {
    for (const s of sentences) {
      const [from, to] = cut(s.words.length);
      const start = (s.words[from] as { start: number }).start;
      const end = (s.words[to - 1] as { end: number }).end;
      const key = `${start}:${end}`;
      if (!seen.has(key)) spans.push({ start, end });
      seen.add(key);
      if (spans.length === count) return spans;
    }
  }
  throw new Error(`The article gives only ${spans.length} distinct quotes; ${count} were asked for.`);
}

const mention = (t: TechniqueRef) => `${t.id}: ${t.name}`;

/**
 * The slip quote `i` carries when every `slipEvery`-th one carries one (0: none), alternating: a
 * mention whose name is off, then an id that does not exist. Named by the validation rule that
 * must catch it, so the bench can check that validation found every one.
 */
export function slipOf(i: number, slipEvery: number): 'name-mismatch' | 'unknown-id' | undefined {
  if (slipEvery <= 0 || i % slipEvery !== slipEvery - 1) return undefined;
  return Math.floor(i / slipEvery) % 2 === 0 ? 'name-mismatch' : 'unknown-id';
}

/** `id` with its last digit changed so that no technique of `lookup` has it. */
function typo(id: string, lookup: FrameworkLookup): string {
  for (let d = 1; d < 10; d++) {
    const candidate = id.slice(0, -1) + ((Number(id.at(-1)) + d) % 10).toString();
    if (!lookup.technique(candidate)) return candidate;
  }
  return `${id.slice(0, 5)}.999`;
}

/** The draft (schema-checked), with ids left for the caller to allocate. */
export function makeBenchDraft(lookup: FrameworkLookup, options: BenchDraftOptions): Draft {
  const random = seededRandom(options.seed ?? 8);
  const article = readFileSync(SOURCE_ARTICLE, 'utf8');
  const techniques = lookup.techniques().filter((t) => t.id.startsWith('T'));
  const pick = () => techniques[Math.floor(random() * techniques.length)] as TechniqueRef;
  const sourceId = uuidFrom(random);
  const referenceId = uuidFrom(random);
  const now = new Date('2025-02-20T10:00:00.000Z').toISOString();
  const slipEvery = options.slipEvery ?? 0;

  const annotations = quoteSpans(article, options.annotations).map(({ start, end }, i) => {
    const count = 1 + Math.floor(random() * 3);
    const tagged = [...new Map(Array.from({ length: count }, pick).map((t) => [t.id, t])).values()];
    const ids = tagged.map((t) => t.id);
    const mentions = tagged.map(mention);
    const slip = slipOf(i, slipEvery);
    if (slip === 'name-mismatch') {
      // A mention whose name lost its last word: name-mismatch, with the framework's name as the fix.
      const first = tagged[0] as TechniqueRef;
      mentions[0] = `${first.id}: ${first.name.split(' ').slice(0, -1).join(' ') || 'Something else'}`;
    } else if (slip === 'unknown-id') {
      // An id a digit off that no technique has: unknown-id, with did-you-mean suggestions.
      ids.push(typo((tagged[0] as TechniqueRef).id, lookup));
    }
    const other = pick();
    const explanation =
      `The article reports this as part of the campaign against officials and journalists (${mentions.join(', ')}). ` +
      (random() < 0.4 ? `Compare ${other.id}, which the same actors used elsewhere in the campaign.` : 'Both agencies described it in their warnings.');
    return {
      id: uuidFrom(random),
      quote: article.slice(start, end),
      techniqueIds: ids,
      explanation,
      anchor: describeQuote(sourceId, article, start, end),
      review: random() < 0.7 ? ('accepted' as const) : ('draft' as const),
    };
  });

  return Draft.parse({
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: uuidFrom(random),
    createdAt: now,
    updatedAt: now,
    revision: annotations.length,
    // With a mention in the summary too, which validation checks like the explanations'.
    incident: { ...ARTICLE_INCIDENT, summary: ARTICLE_INCIDENT.summary.replace(/\.$/, ' (T0143.003: Impersonated Persona).') },
    references: articleReferences(referenceId, uuidFrom(random)),
    sources: [articleSource(sourceId, referenceId, article)],
    annotations,
  });
}
