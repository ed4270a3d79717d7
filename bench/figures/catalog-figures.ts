/** Figures 1-3: loading the catalog, at 1x and 50x, and the autocomplete search. */
import { summarize, type Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

interface LoadRatio {
  readMs: Summary;
  loadMs: Summary;
  ratio: Summary;
}
interface LoadOnce {
  ms: number;
  peakRssMb: number;
  pages: number;
  failures: number;
}
interface SearchFigure {
  ms: Summary;
  queries: number;
  meanResults: number;
  exactIds: number;
}

const loadRatio: Figure = {
  id: '1',
  title: 'Catalog load of the newest DISARM checkout vs just reading its files',
  target: 'ratio ≤ 3',
  async run(context) {
    const result = runChild<LoadRatio>(context, 'catalog.js', ['load-ratio', context.checkout1x, '21']);
    return [
      {
        value: `ratio ${result.ratio.median.toFixed(2)} (p95 ${result.ratio.p95.toFixed(2)}); load ${ms(result.loadMs.median)} (p95 ${ms(result.loadMs.p95)}), read ${ms(result.readMs.median)} (p95 ${ms(result.readMs.p95)}); medians of ${result.ratio.n} paired runs`,
        met: result.ratio.median <= 3,
        detail: result,
      },
    ];
  },
};

/** Figure 2's fresh processes. */
const LOADS_50X = 5;

const load50x: Figure = {
  id: '2',
  title: `Catalog load at 50x (fresh process, ${LOADS_50X} runs)`,
  target: '< 3 s and < 400 MB',
  async run(context) {
    const synthetic = await context.checkout50x();
    const runs = Array.from({ length: LOADS_50X }, () => runChild<LoadOnce>(context, 'catalog.js', ['load-once', synthetic.folder]));
    // A load that skipped pages would be quick and small: every run must load every page written.
    for (const r of runs) if (r.failures > 0 || r.pages !== synthetic.pages) throw new Error(`a load of the 50x checkout gave ${r.pages} pages and ${r.failures} failures, not the ${synthetic.pages} pages written`);
    const time = summarize(runs.map((r) => r.ms / 1000));
    const rss = summarize(runs.map((r) => r.peakRssMb));
    return [
      {
        value: `${time.median.toFixed(2)} s median (max ${time.max.toFixed(2)} s), peak RSS ${Math.round(rss.median)} MB median (max ${Math.round(rss.max)} MB), ${synthetic.pages} pages`,
        met: time.median < 3 && rss.max < 400,
        detail: runs,
      },
    ];
  },
};

const search: Figure = {
  id: '3',
  title: 'Autocomplete search over 1,000 mixed queries',
  target: 'p99 < 2 ms at 1x, < 10 ms at 50x',
  async run(context) {
    const one = runChild<SearchFigure>(context, 'catalog.js', ['search', context.checkout1x, '1000']);
    const fifty = runChild<SearchFigure>(context, 'catalog.js', ['search', (await context.checkout50x()).folder, '1000']);
    return [
      { id: '3a', title: `${this.title} at 1x`, value: `p50 ${ms(one.ms.median)}, p99 ${ms(one.ms.p99)}, max ${ms(one.ms.max)}`, target: 'p99 < 2 ms', met: one.ms.p99 < 2, detail: one },
      { id: '3b', title: `${this.title} at 50x`, value: `p50 ${ms(fifty.ms.median)}, p99 ${ms(fifty.ms.p99)}, max ${ms(fifty.ms.max)}`, target: 'p99 < 10 ms', met: fifty.ms.p99 < 10, detail: fifty },
    ];
  },
};

export const catalogFigures: readonly Figure[] = [loadRatio, load50x, search];
