/**
 * Figure 7 in the browser, run in a child process of the bench (bundled, plain node):
 *   ui.js CHECKOUT SCRATCH NAVIGATIONS
 * starts `serve` (test/e2e/support/serve.ts) on the bench's clone CHECKOUT (not a second clone of
 * the same bundle), with its user data in SCRATCH, and opens `#/library` in Chromium (playwright-
 * core, the system browser, the flags of playwright.config.ts) NAVIGATIONS times, each in a new
 * browser context (empty cache and storage: a first start), then a few reloads in the last one (a
 * warm cache). Prints one JSON object on stdout.
 *
 * "Interactive" is measured in the page, against the navigation's start (performance.now()):
 *  - list: the first item of the library's list is in the DOM (the tactics, from the catalog);
 *  - interactive: at that moment the search box is given "encrypted" (an input event, as typing
 *    makes), and the figure is the first animation frame after the first search result
 *    (T0155.007 Encrypted Communication Channel) is in the list: the list is populated and
 *    answers, including the search's 120 ms debounce.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { TOKEN_STORAGE_KEY } from '../../renderer/src/lib/api/token';
import { startServe } from '../../test/e2e/support/serve';
import { summarize } from '../stats';

const [checkout, scratch, navigationsArg] = process.argv.slice(2);
if (!checkout || !scratch) throw new Error('usage: ui.js CHECKOUT SCRATCH [NAVIGATIONS]');
const navigations = Number(navigationsArg ?? 7);
const RELOADS = 5;

interface Marks {
  list?: number;
  listFrame?: number;
  result?: number;
  interactive?: number;
  responseEnd?: number;
  domContentLoaded?: number;
}

/** Installed before the page's own scripts: takes the token, watches the DOM, types once the list shows. */
function watchLibrary(args: { key: string; token: string }): void {
  if (location.pathname !== '/') return;
  sessionStorage.setItem(args.key, args.token);
  const marks: Marks & { done?: boolean } = {};
  Object.assign(window, { benchMarks: marks });
  const observer = new MutationObserver(() => {
    if (marks.list === undefined) {
      const item = document.querySelector('[data-screen="library"] ul.results li');
      const search = document.querySelector<HTMLInputElement>('[data-screen="library"] input[type="search"]');
      if (!item || !search) return;
      marks.list = performance.now();
      requestAnimationFrame(() => (marks.listFrame = performance.now()));
      search.value = 'encrypted';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (marks.result === undefined && document.querySelector('[data-screen="library"] [data-result="T0155.007"]')) {
      marks.result = performance.now();
      requestAnimationFrame(() => {
        marks.interactive = performance.now();
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        if (nav) {
          marks.responseEnd = nav.responseEnd;
          marks.domContentLoaded = nav.domContentLoadedEventEnd;
        }
        marks.done = true;
        observer.disconnect();
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function marksOf(page: Page): Promise<Marks> {
  await page.waitForFunction(() => (window as unknown as { benchMarks?: { done?: boolean } }).benchMarks?.done === true, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { benchMarks: Marks }).benchMarks);
}

// The bench removes the clone; serve keeps its user data (drafts, settings) in SCRATCH/user-data.
const served = await startServe({ clone: { path: checkout, root: scratch, dispose: () => undefined } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const token = new URL(served.url).hash.replace(/^#token=/, '');
  const library = `${served.origin}/#/library`;
  const cold: Marks[] = [];
  const warm: Marks[] = [];
  for (let i = 0; i < navigations; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchLibrary, { key: TOKEN_STORAGE_KEY, token });
    const page = await context.newPage();
    await page.goto(library);
    cold.push(await marksOf(page));
    if (i === navigations - 1) {
      for (let r = 0; r < RELOADS; r++) {
        await page.reload();
        warm.push(await marksOf(page));
      }
    }
    await context.close();
  }
  const pick = (list: Marks[], key: keyof Marks) => summarize(list.map((m) => m[key] ?? Number.NaN));
  process.stdout.write(
    JSON.stringify({
      cold: { interactiveMs: pick(cold, 'interactive'), listMs: pick(cold, 'listFrame'), responseEndMs: pick(cold, 'responseEnd'), domContentLoadedMs: pick(cold, 'domContentLoaded') },
      warm: { interactiveMs: pick(warm, 'interactive'), listMs: pick(warm, 'listFrame') },
      browser: browser.version(),
    }) + '\n',
  );
} finally {
  await browser.close();
  await served.stop();
}
