/**
 * Catalog figures, run in a child process of the bench (bundled, plain node) so that timings and
 * peak memory are the workbench's own:
 *   load-ratio DIR RUNS   figure 1: loading the catalog against just reading the same files
 *   load-once DIR         figure 2: one cold load in a fresh process, with its peak RSS
 *   search DIR QUERIES    figure 3: autocomplete latency over a fixed mix of queries
 * Each prints one JSON object on stdout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckout, type LoadedCheckout } from '../../electron/checkout/load-checkout';
import { PAGE_FOLDERS, PAGE_KINDS } from '../../shared/ids';
import type { Catalog } from '../../shared/catalog';
import { seededRandom, summarize } from '../stats';

const [mode, folder, countArg] = process.argv.slice(2);
if (!mode || !folder) throw new Error('usage: catalog.js load-ratio|load-once|search DIR [N]');

/** The limit: every page file read into memory, nothing else (the fastest way Node reads them). */
function readAllPages(dir: string): number {
  let bytes = 0;
  for (const kind of PAGE_KINDS) {
    const sub = join(dir, 'generated_pages', PAGE_FOLDERS[kind]);
    for (const name of readdirSync(sub)) if (name.endsWith('.md')) bytes += readFileSync(join(sub, name)).length;
  }
  return bytes;
}

/**
 * A full collection, so that one sample's garbage is not charged to the next. The bench starts
 * this process with --expose-gc; without it the samples would quietly measure something else.
 */
function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc !== 'function') throw new Error('catalog.js load-ratio collects garbage between samples: run it with node --expose-gc');
  gc();
}

/** The checkout loaded outside any timing, failing if a page did not load (a load that skips pages is not the figure). */
async function loadEveryPage(dir: string): Promise<LoadedCheckout> {
  const loaded = await loadCheckout(dir);
  if (loaded.failures.length > 0) throw new Error(`${loaded.failures.length} pages of ${dir} did not load, e.g. ${loaded.failures[0]?.file}: ${loaded.failures[0]?.reason}`);
  return loaded;
}

/** A fixed mix of what analysts type: exact ids, id prefixes, name word prefixes, typos. */
function queryMix(catalog: Catalog, count: number): string[] {
  const random = seededRandom(20261121);
  const techniques = catalog.techniques();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const queries: string[] = [];
  while (queries.length < count) {
    const technique = pick(techniques);
    const words = technique.name.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
    const roll = random();
    if (roll < 0.25) queries.push(technique.id);
    else if (roll < 0.45) queries.push(technique.id.slice(0, 2 + Math.floor(random() * (technique.id.length - 2))));
    else if (roll < 0.8 && words.length) {
      const word = pick(words);
      const prefix = word.slice(0, Math.min(word.length, 3 + Math.floor(random() * 4))).toLowerCase();
      queries.push(random() < 0.3 && words.length > 1 ? `${prefix} ${pick(words).slice(0, 3).toLowerCase()}` : prefix);
    } else if (words.length) {
      const word = pick(words).toLowerCase();
      const at = Math.floor(random() * (word.length - 1));
      queries.push(word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2));
    }
  }
  return queries;
}

async function main(): Promise<unknown> {
  if (mode === 'load-ratio') {
    const runs = Number(countArg ?? 15);
    // Warm the page cache and the JIT: the figure is the steady cost, not the first run's.
    readAllPages(folder as string);
    await loadEveryPage(folder as string);
    const read: number[] = [];
    const load: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Each sample starts from a collected heap, so one run's garbage is not charged to the next.
      collectGarbage();
      let t = performance.now();
      readAllPages(folder as string);
      const r = performance.now() - t;
      collectGarbage();
      t = performance.now();
      await loadCheckout(folder as string);
      const l = performance.now() - t;
      read.push(r);
      load.push(l);
      ratios.push(l / r);
    }
    return { readMs: summarize(read), loadMs: summarize(load), ratio: summarize(ratios) };
  }
  if (mode === 'load-once') {
    const t = performance.now();
    const loaded = await loadCheckout(folder as string);
    const ms = performance.now() - t;
    const counts = loaded.catalog.counts();
    return { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, pages: Object.values(counts).reduce((a, b) => a + b, 0), failures: loaded.failures.length };
  }
  if (mode === 'search') {
    const loaded = await loadEveryPage(folder as string);
    const queries = queryMix(loaded.catalog, Number(countArg ?? 1000));
    loaded.catalog.search('warm up the index');
    for (const query of queries.slice(0, 200)) loaded.catalog.search(query, { kinds: ['technique'] });
    const times: number[] = [];
    let results = 0;
    // A search that finds nothing is fast: every exact id typed must come first, or there is no figure.
    let exactIds = 0;
    for (const query of queries) {
      const t = performance.now();
      const hits = loaded.catalog.search(query, { kinds: ['technique'] });
      times.push(performance.now() - t);
      results += hits.length;
      if (loaded.catalog.technique(query)) {
        exactIds++;
        if (hits[0]?.id !== query) throw new Error(`searching "${query}" put ${hits[0]?.id ?? 'nothing'} first, not the technique ${query}`);
      }
    }
    if (exactIds === 0) throw new Error('the query mix has no exact ids to check the results against');
    return { ms: summarize(times), queries: queries.length, meanResults: results / queries.length, exactIds };
  }
  throw new Error(`unknown mode ${mode}`);
}

process.stdout.write(JSON.stringify(await main()) + '\n');
