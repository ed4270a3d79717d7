/**
 * The usual set-up of a browser spec, in one place: `serve` on a fresh clone and one page in a
 * context of its own (axe-core needs one), watched for console errors and requests that leave the
 * machine, started before the spec's tests and stopped after them.
 */
import { test, type Browser, type Page } from '@playwright/test';
import { watchPage, type PageProblems } from './page-checks';
import type { HistoryClone } from '../../helpers/fixtures';
import { startServe, type ServedWorkbench } from './serve';

export interface ServedPage {
  readonly served: ServedWorkbench;
  readonly page: Page;
  readonly problems: PageProblems;
}

/**
 * Registers the spec's beforeAll/afterAll; the returned object is filled in before its first test.
 * `clone` prepares the checkout to serve (a fresh clone of the bundle by default).
 */
export function useServedPage(viewport = { width: 1400, height: 900 }, options: { clone?: () => HistoryClone } = {}): ServedPage {
  const state = {} as { served: ServedWorkbench; page: Page; problems: PageProblems };
  test.beforeAll(async ({ browser }) => {
    state.served = await startServe(options.clone ? { clone: options.clone() } : {});
    const context = await browser.newContext({ viewport });
    state.page = await context.newPage();
    state.problems = watchPage(state.page, state.served.origin);
  });
  test.afterAll(async () => {
    await state.page?.context().close();
    await state.served?.stop();
  });
  return state;
}

/** A served page for one test alone (a fresh checkout and store), stopped when `body` ends. */
export async function withServedPage(browser: Browser, body: (spec: ServedPage) => Promise<void>, viewport = { width: 1400, height: 900 }): Promise<void> {
  const served = await startServe();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  try {
    await body({ served, page, problems: watchPage(page, served.origin) });
  } finally {
    await context.close();
    await served.stop();
  }
}
