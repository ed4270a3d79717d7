/** Figures 8-10: the quality of suggestions held out by incident, their speed, and the meaning index's cost at load. */
import { SOURCE_ARTICLE } from '../../test/helpers/fixtures';
import type { Quality } from '../meaning-quality';
import type { Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

interface QualityFigure {
  product: Quality;
  tfidf: Quality;
  rows: number;
}
interface SuggestFigure {
  ms: Summary;
  passages: number;
  buildMs: number;
  rows: number;
  techniques: number;
}
interface LoadFigure {
  loadMs: Summary;
  indexMs: Summary;
  added: Summary;
}

const quote = (q: Quality) => `recall@1 ${q.recallAt1.toFixed(2)}, @5 ${q.recallAt5.toFixed(2)}, @10 ${q.recallAt10.toFixed(2)}, MRR ${q.mrr.toFixed(2)}`;

const quality: Figure = {
  id: '8',
  title: "Suggestions' quality, held out one incident at a time over the framework's tagged quotes (ids and names stripped)",
  target: 'recall@10 ≥ 0.75 and MRR ≥ 0.6',
  async run(context) {
    const r = runChild<QualityFigure>(context, 'meaning.js', ['quality', context.checkout1x]);
    return [
      { id: '8a', title: `${this.title}: the product`, value: `${quote(r.product)} (${r.product.queries} quotes, ${r.product.incidents} incidents)`, met: r.product.recallAt10 >= 0.75 && r.product.mrr >= 0.6, detail: r.product },
      { id: '8b', title: `${this.title}: plain TF-IDF over names and summaries (baseline)`, value: quote(r.tfidf), target: 'baseline', met: undefined, detail: r.tfidf },
    ];
  },
};

const speed: Figure = {
  id: '9',
  title: 'Suggestions for a 300-word passage of the article (200 passages)',
  target: 'p99 < 20 ms at 50x',
  async run(context) {
    const one = runChild<SuggestFigure>(context, 'meaning.js', ['suggest', context.checkout1x, SOURCE_ARTICLE, '200']);
    const fifty = runChild<SuggestFigure>(context, 'meaning.js', ['suggest', (await context.checkout50x()).folder, SOURCE_ARTICLE, '200']);
    const row = (s: SuggestFigure) => `p50 ${ms(s.ms.median)}, p99 ${ms(s.ms.p99)}, max ${ms(s.ms.max)} (${s.rows} incident rows, ${s.techniques} techniques)`;
    return [
      { id: '9a', title: `${this.title} at 1x`, value: row(one), target: 'reported', met: undefined, detail: one },
      { id: '9b', title: `${this.title} at 50x`, value: row(fifty), target: 'p99 < 20 ms', met: fifty.ms.p99 < 20, detail: fifty },
    ];
  },
};

const loadCost: Figure = {
  id: '10',
  title: 'What building the meaning index adds to a catalog load of the newest checkout',
  target: '≤ 30%',
  async run(context) {
    const r = runChild<LoadFigure>(context, 'meaning.js', ['load', context.checkout1x, '11']);
    return [
      {
        value: `+${(r.added.median * 100).toFixed(0)}% (index ${ms(r.indexMs.median)} on a load of ${ms(r.loadMs.median)}; medians of ${r.added.n} runs; built on first search, not at load)`,
        met: r.added.median <= 0.3,
        detail: r,
      },
    ];
  },
};

export const meaningFigures: readonly Figure[] = [quality, speed, loadCost];
