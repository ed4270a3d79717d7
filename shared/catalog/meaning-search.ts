/**
 * Search by meaning: which techniques a passage or a few words evoke, from what the framework
 * itself says about each technique. Two kinds of evidence, ranked by MiniSearch (BM25) over
 * stemmed words with stop words dropped:
 *   - the technique's own name and summary;
 *   - every incident row of its page: the quote the framework tagged with it, and the clause of
 *     the explanation its parenthesis tags ("impersonated the CEO (T0143.003: ...)").
 * A technique's score adds its best summary match to its best incident matches (nearest
 * neighbours: a passage like I00068's quote evokes I00068's techniques), each scaled by the best
 * score of its kind so that neither kind drowns the other. The analyst's accepted and rejected
 * suggestions are examples too: an accepted passage like this one lifts its technique, a rejected
 * one sinks it (see `alike`). They stay on the analyst's machine; nothing here sends anything.
 * Every hit says why it matched: the summary's words, or the incident it is like.
 */
import MiniSearch, { type SearchResult as MiniHit } from 'minisearch';
import { stemmer } from 'stemmer';
import type { CatalogTechnique, TechniqueUse } from './catalog';
import { descriptionParts, stripMarkup } from './description-text';

export interface MeaningHit {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  /** One line saying why: `summary: …phishing…` or `like I00068: …deepfake call…`. */
  readonly reason: string;
}

/** A passage the analyst tagged (accepted) or refused (rejected) for a technique. */
export interface MeaningExample {
  readonly passage: string;
  readonly techniqueId: string;
  readonly verdict: 'accepted' | 'rejected';
}

export interface MeaningOptions {
  /** At most this many hits. Default 10. */
  readonly limit?: number;
  /** Leave these techniques out (already on the annotation). */
  readonly exclude?: readonly string[];
}

/** Words that carry no meaning for which technique a text evokes. */
const STOP_WORDS = new Set(
  (
    'a about after all also an and any are as at be been before being but by can could did do does for from had has have he her his how i if in into is it its ' +
    'may more most not of on one or our out over said she so some such than that the their them then there these they this those through to up us was we were ' +
    'what when where which while who will with would you your'
  ).split(' '),
);

/**
 * Prefixes the framework's sources glue onto a word (`spearphishing`, `cyberattack`): such a word
 * is indexed as itself and as the word after the prefix, so `phishing` finds it.
 */
const GLUED_PREFIX = /^(spear|cyber|anti|counter|pseudo|micro|deep|dis|mis)([a-z]{4,})$/;

/**
 * Lower-cased, stop words dropped, stemmed: `Impersonating` and `impersonated` meet at `imperson`.
 * Stems are remembered: the framework's words are a few thousand, read tens of thousands of times,
 * and stemming them anew was most of the index's build time.
 */
export function meaningTerms(stem: (word: string) => string): (term: string) => string | string[] | null {
  const known = new Map<string, string | string[] | null>();
  return (term) => {
    const lower = term.toLowerCase();
    let terms = known.get(lower);
    if (terms === undefined) {
      const glued = GLUED_PREFIX.exec(lower);
      terms = lower.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(lower) ? null : glued ? [stem(lower), stem(glued[2] as string)] : stem(lower);
      known.set(lower, terms);
    }
    return terms;
  };
}

interface TechniqueDocument {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
}

/**
 * A quote with the techniques it was tagged with, or one technique's explanation clause. An
 * incident's quote is on the page of each of its techniques: indexed once, it credits them all.
 */
interface EvidenceDocument {
  /** Its place in the list, as MiniSearch wants a unique id. */
  readonly id: number;
  readonly techniqueIds: string[];
  /** The incident it comes from. */
  readonly source: string;
  readonly quote: string;
  readonly clause: string;
}

/** How the two kinds of evidence are weighed, and the stemmer; the bench compares settings. */
export interface MeaningTuning {
  readonly summaryWeight: number;
  readonly evidenceWeight: number;
  /** How many incident rows count per technique (each half the one before). */
  readonly neighbours: number;
  /** For suggestions: weight of how often the framework used the technique. */
  readonly prior: number;
  /** For suggestions in a large framework: how many of the passage's words are asked at least, its rarest in the framework. */
  readonly queryTerms: number;
  readonly stem: (word: string) => string;
}

/**
 * Chosen by `npm run bench`'s held-out figure (the same data: see the README for what that means):
 * Porter's stemmer (`stemmer`) scored above Porter2 (`wink-porter2-stemmer`) and no stemming.
 */
export const DEFAULT_TUNING: MeaningTuning = { summaryWeight: 2, evidenceWeight: 1.2, neighbours: 2, prior: 0.6, queryTerms: 30, stem: stemmer };
/**
 * A quote tagged with many techniques says less about each: its credit is divided by the number
 * of its techniques to this power (held out: MRR 0.47 at 0, 0.50 at 0.25 and at 0.5, which lost
 * recall@10).
 */
const QUOTE_SHARE = 0.25;
/** How many hits of each index are read, best first. */
const HITS_READ = 300;
/**
 * Words asked of a passage times documents searched: the cost of a suggestion. A framework the
 * size of today's can be asked every word of a 300-word passage; one 50 times larger is asked
 * its `queryTerms` most telling words (bench figures 8 and 9 give both).
 */
const WORD_DOCUMENT_BUDGET = 300_000;
/** An accepted example as alike as can be counts this many times an incident row. */
const EXAMPLE_WEIGHT = 3;
/** A rejected example like the passage takes away up to this share of the technique's score. */
const REJECT_PENALTY = 0.8;

function techniqueIndex(processTerm: (term: string) => string | string[] | null): MiniSearch<TechniqueDocument> {
  return new MiniSearch<TechniqueDocument>({ fields: ['name', 'summary'], idField: 'id', processTerm, searchOptions: { boost: { name: 2 }, combineWith: 'OR' } });
}

function evidenceIndex(processTerm: (term: string) => string | string[] | null): MiniSearch<EvidenceDocument> {
  return new MiniSearch<EvidenceDocument>({ fields: ['quote', 'clause'], idField: 'id', processTerm, searchOptions: { boost: { clause: 1.5 }, combineWith: 'OR' } });
}

/** The evidence rows of one use: its quotes (or, when it quotes nothing, its words) and the clauses tagged with it. */
export function evidenceOf(use: TechniqueUse): { quote: string; clause: string } {
  const parts = descriptionParts(use.description);
  const clause = parts.clauses.filter((c) => c.techniqueIds.includes(use.techniqueId)).map((c) => c.text).join(' ');
  const quote = parts.quotes.length > 0 ? parts.quotes.join(' ') : stripMarkup(use.description);
  return { quote, clause };
}

export class MeaningIndex {
  private readonly techniques = new Map<string, TechniqueDocument>();
  private readonly byTechnique: MiniSearch<TechniqueDocument>;
  private readonly byEvidence: MiniSearch<EvidenceDocument>;
  private readonly evidence: EvidenceDocument[] = [];
  private readonly processTerm: (term: string) => string | string[] | null;
  /** log(1 + uses) of each technique, over the largest: the framework's own frequency. */
  private readonly usage = new Map<string, number>();
  private documentFrequency: Map<string, number> | undefined;

  /**
   * `uses`: the incident rows to learn from (the catalog's, or all but a held-out incident's).
   */
  constructor(
    techniques: readonly CatalogTechnique[],
    uses: Iterable<TechniqueUse>,
    private readonly tuning: MeaningTuning = DEFAULT_TUNING,
  ) {
    this.processTerm = meaningTerms(tuning.stem);
    for (const t of techniques) this.techniques.set(t.id, { id: t.id, name: t.name, summary: stripMarkup(t.summary) });
    this.byTechnique = techniqueIndex(this.processTerm);
    this.byTechnique.addAll([...this.techniques.values()]);
    const quotes = new Map<string, EvidenceDocument>();
    for (const use of uses) {
      if (!this.techniques.has(use.techniqueId)) continue;
      const { quote, clause } = evidenceOf(use);
      const key = `${use.incidentId}\n${quote}`;
      const known = quotes.get(key);
      if (known) known.techniqueIds.push(use.techniqueId);
      else {
        const document: EvidenceDocument = { id: this.evidence.length, techniqueIds: [use.techniqueId], source: use.incidentId, quote, clause: '' };
        quotes.set(key, document);
        this.evidence.push(document);
      }
      if (clause !== '') this.evidence.push({ id: this.evidence.length, techniqueIds: [use.techniqueId], source: use.incidentId, quote: '', clause });
    }
    this.byEvidence = evidenceIndex(this.processTerm);
    this.byEvidence.addAll(this.evidence);
    const counts = new Map<string, number>();
    for (const e of this.evidence) if (e.quote !== '') for (const id of e.techniqueIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    const most = Math.log1p(Math.max(1, ...counts.values()));
    for (const [id, n] of counts) this.usage.set(id, Math.log1p(n) / most);
  }

  /**
   * What a few typed words evoke (the picker, the palette, the library), as the analyst types:
   * the last word matches by prefix from four letters. A lone word shorter than that is still
   * being typed and evokes nothing yet; typos are the name tier's (a fuzzy match over every
   * word of every quote cost the autocomplete its 2 ms).
   */
  search(query: string, options: MeaningOptions = {}): MeaningHit[] {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0 || (words.length === 1 && (words[0] as string).length < 4)) return [];
    const search = { prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 4 };
    return this.rank(query, search, [], options, 0);
  }

  /** What a passage of the source evokes, with the analyst's examples counted (the tagger). */
  suggest(passage: string, examples: readonly MeaningExample[] = [], options: MeaningOptions = {}): MeaningHit[] {
    return this.rank(this.telling(passage), {}, examples, options, this.tuning.prior);
  }

  /**
   * The passage's most telling words, as "more like this" searches ask them: each distinct stem
   * weighed by how often the passage says it and how rare it is in the framework, the first
   * `queryTerms` kept (one word of each). Common words match thousands of rows in a large
   * framework and say little: asking all 300 words of a passage took seconds at 50x.
   */
  private telling(passage: string): string {
    const df = (this.documentFrequency ??= this.countDocumentFrequency());
    const byStem = new Map<string, { word: string; count: number }>();
    for (const word of passage.match(/[\p{L}\p{N}]+/gu) ?? []) {
      const stems = this.processTerm(word);
      for (const stem of stems === null ? [] : Array.isArray(stems) ? stems : [stems]) {
        const known = byStem.get(stem);
        if (known) known.count++;
        else byStem.set(stem, { word, count: 1 });
      }
    }
    const documents = this.evidence.length + this.techniques.size;
    const asked = Math.max(this.tuning.queryTerms, Math.floor(WORD_DOCUMENT_BUDGET / documents));
    if (byStem.size <= asked) return passage;
    return [...byStem.entries()]
      .map(([stem, { word, count }]) => ({ word, weight: count * Math.log(1 + documents / (1 + (df.get(stem) ?? 0))) }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, asked)
      .map((t) => t.word)
      .join(' ');
  }

  /** In how many documents (techniques and evidence) each stem appears; counted on the first suggestion. */
  private countDocumentFrequency(): Map<string, number> {
    const df = new Map<string, number>();
    const count = (text: string) => {
      for (const stem of this.termSet(text)) df.set(stem, (df.get(stem) ?? 0) + 1);
    };
    for (const t of this.techniques.values()) count(`${t.name} ${t.summary}`);
    for (const e of this.evidence) count(`${e.quote} ${e.clause}`);
    return df;
  }

  private rank(text: string, searchOptions: object, examples: readonly MeaningExample[], options: MeaningOptions, prior: number): MeaningHit[] {
    const limit = options.limit ?? 10;
    const exclude = new Set(options.exclude ?? []);
    // The reason is kept as the function that writes it: only the hits listed are written.
    const scores = new Map<string, { score: number; best: number; reason: () => string }>();
    const credit = (id: string, score: number, reason: () => string) => {
      if (exclude.has(id) || !this.techniques.has(id)) return;
      const entry = scores.get(id);
      if (!entry) scores.set(id, { score, best: score, reason });
      else {
        entry.score += score;
        if (score > entry.best) {
          entry.best = score;
          entry.reason = reason;
        }
      }
    };

    // MiniSearch gives hits best first; past the first few hundred none reaches a list of ten.
    const ownHits = this.byTechnique.search(text, searchOptions).slice(0, HITS_READ);
    const ownTop = ownHits[0]?.score ?? 1;
    for (const hit of ownHits) {
      const document = this.techniques.get(String(hit.id)) as TechniqueDocument;
      credit(document.id, (this.tuning.summaryWeight * hit.score) / ownTop, () => ownReason(document, hit));
    }

    const evidence = this.byEvidence
      .search(text, searchOptions)
      .slice(0, HITS_READ)
      .map((hit) => ({ hit, document: this.evidence[hit.id as number] as EvidenceDocument }));
    const evidenceTop = evidence[0]?.hit.score ?? 1;
    const counted = new Map<string, number>();
    for (const { hit, document } of evidence) {
      for (const techniqueId of document.techniqueIds) {
        const n = counted.get(techniqueId) ?? 0;
        if (n >= this.tuning.neighbours) continue;
        counted.set(techniqueId, n + 1);
        credit(techniqueId, (this.tuning.evidenceWeight * hit.score) / evidenceTop / (n + 1) / document.techniqueIds.length ** QUOTE_SHARE, () => `like ${document.source}: ${excerpt(document.clause || document.quote, hit.terms)}`);
      }
    }

    // The analyst's own examples, each as alike to the text as its words make it (0 to 1).
    const accepted = examples.filter((e) => e.verdict === 'accepted');
    for (const { example, likeness } of this.alike(text, accepted)) {
      credit(example.techniqueId, EXAMPLE_WEIGHT * this.tuning.evidenceWeight * likeness, () => `like your example: ${excerpt(example.passage, [])}`);
    }

    // Among techniques the text evokes alike, the ones the framework uses most are likelier.
    if (prior > 0) for (const [id, entry] of scores) entry.score += prior * (this.usage.get(id) ?? 0);

    const rejected = examples.filter((e) => e.verdict === 'rejected');
    if (rejected.length > 0) this.penalise(text, rejected, scores);

    return [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([id, entry]) => ({ id, name: (this.techniques.get(id) as TechniqueDocument).name, score: entry.score, reason: entry.reason() }));
  }

  /** A technique the analyst refused for a passage like this one loses most of its score. */
  private penalise(text: string, rejected: readonly MeaningExample[], scores: Map<string, { score: number }>): void {
    for (const { example, likeness } of this.alike(text, rejected)) {
      const entry = scores.get(example.techniqueId);
      if (entry) entry.score *= 1 - REJECT_PENALTY * likeness;
    }
  }

  /**
   * The examples whose passage shares words with `text`, each with how alike (Dice's coefficient
   * over their stemmed words: 1 for the same passage). Not BM25: in an index of a few examples
   * every shared word is common, and the scores say little.
   */
  private alike(text: string, examples: readonly MeaningExample[]): { example: MeaningExample; likeness: number }[] {
    if (examples.length === 0) return [];
    const words = this.termSet(text);
    return examples.flatMap((example) => {
      const theirs = this.termSet(example.passage);
      let shared = 0;
      for (const w of theirs) if (words.has(w)) shared++;
      return shared === 0 ? [] : [{ example, likeness: (2 * shared) / (words.size + theirs.size) }];
    });
  }

  private termSet(text: string): Set<string> {
    return new Set((text.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((w) => this.processTerm(w) ?? []));
  }
}

function ownReason(document: TechniqueDocument, hit: MiniHit): string {
  const inName = Object.values(hit.match).some((fields) => fields.includes('name'));
  const inSummary = Object.values(hit.match).some((fields) => fields.includes('summary'));
  if (inSummary && !inName) return `summary: ${excerpt(document.summary, hit.terms)}`;
  if (inSummary) return `name and summary: ${excerpt(document.summary, hit.terms)}`;
  return `name: ${document.name}`;
}

/** About a line of `text` around the first word that matched (matched terms are stems: find by prefix). */
function excerpt(text: string, terms: readonly string[]): string {
  const lower = text.toLowerCase();
  const at = terms.map((t) => lower.search(new RegExp(`\\b${t.replace(/[^a-z0-9]/g, '')}`))).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, lower.lastIndexOf(' ', Math.max(0, at - 40)) + 1);
  const slice = text.slice(start, start + 110).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + slice + (start + 110 < text.length ? '…' : '');
}
