/**
 * What every browser test watches on its page: console errors (a Content-Security-Policy
 * violation is one), uncaught exceptions and requests that leave the machine; an axe-core scan
 * of a screen in both themes; and a screenshot of each screen under test-results/screens/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../helpers/fixtures';

/** Problems seen on a page since `watchPage`. */
export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly foreignRequests: string[];
}

/** Starts recording console errors, uncaught exceptions and requests to anywhere but `origin`. */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // An api call the back end refused (a folder that is not a checkout...) is an answer the page
    // shows, not a failure of the page; the browser still logs its status.
    if (message.location().url.endsWith('/api/call') && /status of 4\d\d/.test(message.text())) return;
    problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) problems.foreignRequests.push(url);
  });
  return problems;
}

/** Fails when the page logged an error (CSP violations included), threw, or reached the network. */
export function expectCleanPage(problems: PageProblems): void {
  expect(problems.consoleErrors, 'console errors (CSP violations show here)').toEqual([]);
  expect(problems.pageErrors, 'uncaught exceptions').toEqual([]);
  expect(problems.foreignRequests, 'requests that left the machine').toEqual([]);
}

/** Sets the theme through the frame's command (persisted like the analyst's own choice). */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const current = await page.locator('html').getAttribute('data-theme');
  if (current !== theme) await page.getByRole('button', { name: new RegExp(`Switch to ${theme} theme`) }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  expect(serious, `accessibility violations on ${label}`).toEqual([]);
}

/**
 * A screen's checks in both themes: photographed as `<shot>` in the light theme and `<shot>-dark`
 * in the dark one, and scanned by axe-core in each (`<label>, light`, `<label>, dark`). Leaves the
 * dark theme on.
 */
export async function checkBothThemes(page: Page, shot: string, label: string): Promise<void> {
  await setTheme(page, 'light');
  await saveScreenshot(page, shot);
  await expectAccessible(page, `${label}, light`);
  await setTheme(page, 'dark');
  await expectAccessible(page, `${label}, dark`);
  await saveScreenshot(page, `${shot}-dark`);
}

/** Saves a screenshot of the page as test-results/screens/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = join(PROJECT_ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
