// The start screen in a browser: a folder that is not a checkout is refused with a message that
// says why, a clone from a bundle file shows its progress and opens, and the recent checkouts
// reopen with one click.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_BUNDLE, git } from '../helpers/fixtures';
import { expectCleanPage, watchPage, type PageProblems } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;

test.beforeAll(async ({ browser }) => {
  served = await startServe();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  problems = watchPage(page, served.origin);
});

test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
});

/**
 * Opening ends on the library: wait for it, or the app's own move there can come after the test's
 * next one and take the page away from it.
 */
async function expectOpened(folder: string): Promise<void> {
  await expect(page.locator('.checkout')).toHaveText(folder);
  await expect(page.locator('[data-screen="library"]')).toBeVisible();
}

test('a folder that is not a checkout gets a message that says why, and nothing changes', async () => {
  await page.goto(served.url);
  await expect(page.locator('[data-screen="start"]')).toBeVisible();
  const folder = page.getByRole('textbox', { name: 'Checkout folder' });
  const plain = join(served.clone.root, 'just-a-folder');
  mkdirSync(plain);
  await folder.fill(plain);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.locator('#open-error')).toContainText('is not a git checkout');
  await expect(folder).toHaveAttribute('aria-invalid', 'true');
  await folder.fill(join(served.clone.root, 'nowhere'));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.locator('#open-error')).toContainText('does not exist');
  // The checkout served stays open.
  await expect(page.locator('.checkout')).toHaveText(served.clone.path);
  expectCleanPage(problems);
});

test('a clone from a bundle file shows its progress, opens, and joins the recent checkouts', async () => {
  await page.goto(`${served.origin}/#/start`);
  const destination = join(served.clone.root, 'second-clone');
  await page.getByRole('textbox', { name: 'From' }).fill(HISTORY_BUNDLE);
  await page.getByRole('textbox', { name: 'Into the new folder' }).fill(destination);
  // Note every progress line the page shows while cloning (the phase and percent beside the bar).
  await page.evaluate(() => {
    const seen: string[] = [];
    Reflect.set(window, '__progress', seen);
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Clone progress"]');
      const text = bar?.parentElement?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Clone', exact: true }).click();
  await expect(page.locator('[data-screen="library"]')).toBeVisible({ timeout: 60_000 });
  await expectOpened(destination);
  const seen: unknown = await page.evaluate(() => Reflect.get(window, '__progress'));
  // The page itself shows "Starting 0%" before git says anything and "Done 100%" after: the bar
  // showed progress only if a line of git's own came in between. (No list at all, say after a
  // reload of the page, is a failure too, not a pass.)
  const lines = Array.isArray(seen) ? seen.map(String) : [];
  expect(lines.filter((line) => !/^(Starting 0|Done 100)%$/.test(line)), `git's progress was shown (seen: ${JSON.stringify(seen)})`).not.toEqual([]);
  // The library now reads the new clone.
  await page.getByRole('searchbox').fill('T0155.007');
  await expect(page.locator('[data-result="T0155.007"]')).toBeVisible();

  // Both checkouts are recent; one click goes back to the first.
  await page.goto(`${served.origin}/#/start`);
  const recent = page.getByRole('group', { name: 'Recent checkouts' });
  await expect(recent.getByRole('button', { name: destination, exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Checkout folder' }).fill(served.clone.path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expectOpened(served.clone.path);
  await page.goto(`${served.origin}/#/start`);
  await recent.getByRole('button', { name: destination, exact: true }).click();
  await expectOpened(destination);
  // Forgetting one leaves its folder alone and the list without it.
  await page.goto(`${served.origin}/#/start`);
  await recent.getByRole('button', { name: `Forget ${served.clone.path}` }).click();
  await expect(recent.getByRole('button', { name: served.clone.path, exact: true })).toHaveCount(0);
  expectCleanPage(problems);
});

test('a recent checkout whose folder is gone is marked "folder not found" and can be removed', async () => {
  const gone = join(served.clone.root, 'clone-to-delete');
  git(served.clone.root, 'clone', '--quiet', served.clone.path, gone);
  // The address with the token first (the test may run alone), then the start screen.
  await page.goto(served.url);
  await expect(page.locator('.checkout')).toBeVisible();
  await page.goto(`${served.origin}/#/start`);
  const folder = page.getByRole('textbox', { name: 'Checkout folder' });
  await folder.fill(gone);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expectOpened(gone);
  // Back to the served checkout, then the other one's folder goes away.
  await page.goto(`${served.origin}/#/start`);
  await folder.fill(served.clone.path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expectOpened(served.clone.path);
  rmSync(gone, { recursive: true, force: true });

  await page.goto(`${served.origin}/#/start`);
  const recent = page.getByRole('group', { name: 'Recent checkouts' });
  const entry = recent.getByRole('listitem').filter({ hasText: gone });
  await expect(entry).toContainText('folder not found');
  // It is not offered as something to open; the checkout that is there still is.
  await expect(recent.getByRole('button', { name: gone, exact: true })).toHaveCount(0);
  await expect(recent.getByRole('button', { name: served.clone.path, exact: true })).toBeVisible();
  await expect(recent.getByRole('listitem').filter({ hasText: served.clone.path })).not.toContainText('folder not found');
  await recent.getByRole('button', { name: `Remove ${gone} from the recent checkouts` }).click();
  await expect(entry).toHaveCount(0);
  await expect(recent.getByRole('button', { name: served.clone.path, exact: true })).toBeVisible();
  // The list the back end keeps is without it too (a reload reads it again).
  await page.reload();
  await expect(recent.getByRole('button', { name: served.clone.path, exact: true })).toBeVisible();
  await expect(recent.getByRole('listitem').filter({ hasText: gone })).toHaveCount(0);
  expectCleanPage(problems);
});
