/**
 * Figures of the search by meaning and the suggestions, run in a child process of the bench
 * (bundled, plain node):
 *   quality DIR               figure 8: held out one incident at a time, the product against TF-IDF
 *   suggest DIR ARTICLE N     figure 9: suggestions for N 300-word passages of ARTICLE
 *   load DIR RUNS             figure 10: what building the meaning index adds to a catalog load
 * Each prints one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { loadCheckout, type LoadedCheckout } from '../../electron/checkout/load-checkout';
import { MeaningIndex } from '../../shared/catalog';
import { allUses, heldOutQuality, tfidfRanker } from '../meaning-quality';
import { summarize } from '../stats';

const [mode, folder, ...rest] = process.argv.slice(2);
if (!mode || !folder) throw new Error('usage: meaning.js quality|suggest|load DIR ...');

/** The checkout loaded outside any timing, failing if a page did not load. */
async function loadEveryPage(dir: string): Promise<LoadedCheckout> {
  const loaded = await loadCheckout(dir);
  if (loaded.failures.length > 0) throw new Error(`${loaded.failures.length} pages of ${dir} did not load, e.g. ${loaded.failures[0]?.file}: ${loaded.failures[0]?.reason}`);
  return loaded;
}

function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc !== 'function') throw new Error('meaning.js load collects garbage between samples: run it with node --expose-gc');
  gc();
}

/** `count` passages of 300 words from the article, each starting further on (wrapping round). */
function passages(article: string, count: number): string[] {
  const words = article.split(/\s+/).filter(Boolean);
  if (words.length < 300) throw new Error(`the article has ${words.length} words, fewer than a 300-word passage`);
  return Array.from({ length: count }, (_, i) => {
    const start = (i * 37) % words.length;
    return Array.from({ length: 300 }, (_, k) => words[(start + k) % words.length]).join(' ');
  });
}

async function main(): Promise<unknown> {
  const loaded = await loadEveryPage(folder as string);
  const catalog = loaded.catalog;
  if (mode === 'quality') {
    const product = heldOutQuality(catalog, (uses) => {
      const index = new MeaningIndex(catalog.techniques(), uses);
      return (text) => index.suggest(text, [], { limit: 10 }).map((h) => h.id);
    });
    const tfidf = heldOutQuality(catalog, tfidfRanker(catalog.techniques()));
    return { product, tfidf, rows: allUses(catalog).length };
  }
  if (mode === 'suggest') {
    const [article, countArg] = rest;
    const texts = passages(readFileSync(article as string, 'utf8'), Number(countArg ?? 200));
    const build = performance.now();
    catalog.meaningIndex();
    const buildMs = performance.now() - build;
    for (const text of texts.slice(0, 20)) catalog.suggest(text);
    const times: number[] = [];
    let empty = 0;
    for (const text of texts) {
      const t = performance.now();
      const hits = catalog.suggest(text, [], { limit: 5 });
      times.push(performance.now() - t);
      if (hits.length === 0) empty++;
    }
    // An index that found nothing would be fast: every passage of the article must get suggestions.
    if (empty > 0) throw new Error(`${empty} of ${texts.length} passages got no suggestion`);
    return { ms: summarize(times), passages: texts.length, buildMs, rows: allUses(catalog).length, techniques: catalog.techniques().length };
  }
  if (mode === 'load') {
    const runs = Number(rest[0] ?? 11);
    const load: number[] = [];
    const index: number[] = [];
    for (let i = 0; i < runs; i++) {
      collectGarbage();
      let t = performance.now();
      const fresh = await loadCheckout(folder as string);
      load.push(performance.now() - t);
      collectGarbage();
      t = performance.now();
      fresh.catalog.meaningIndex();
      index.push(performance.now() - t);
    }
    const ratios = load.map((l, i) => (index[i] as number) / l);
    return { loadMs: summarize(load), indexMs: summarize(index), added: summarize(ratios) };
  }
  throw new Error(`unknown mode ${mode}`);
}

process.stdout.write(JSON.stringify(await main()) + '\n');
