// A drafts store that cannot be written, in the browser: the analyst's typing stays in the form,
// the page says which file refuses and what to do, and once the file is writable again the same
// edit is saved; a new incident is refused with the same message rather than "internal".
// The store file is made immutable with chattr +i (root ignores chmod); skipped where chattr
// does not work.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { canMakeImmutable } from '../store/helpers/immutable';
import { openServedCheckout, startIncident } from './support/incident-form';
import { watchPage, type PageProblems } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });
test.skip(!canMakeImmutable(), 'chattr +i is not supported here');

let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;
let store: string;

const protect = (on: boolean) => expect(spawnSync('chattr', [on ? '+i' : '-i', store]).status).toBe(0);

test.beforeAll(async ({ browser }) => {
  served = await startServe();
  store = join(served.dataDir, 'store.json');
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  problems = watchPage(page, served.origin);
});

test.afterAll(async () => {
  // Always writable again, or the clone's folder could not be removed.
  if (store) spawnSync('chattr', ['-i', store]);
  await page?.context().close();
  await served?.stop();
});

test('an edit the store cannot take stays in the form, the page names the file, and it is saved once the file is writable', async () => {
  await openServedCheckout(page, served);
  await startIncident(page);
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  const status = page.locator('[data-save-state]');
  await name.fill('Written before');
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(status).toHaveAttribute('data-save-state', 'saved');

  protect(true);
  await name.fill('Typed while the store is protected');
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(status).toHaveAttribute('data-save-state', 'error');
  await expect(status).toContainText(`The drafts store at ${store} cannot be written (EPERM`);
  await expect(page.locator('[data-notice="error"]').first()).toContainText('chattr -i');
  // Nothing lost: the text is still in the form, and the file is as it was.
  await expect(name).toHaveValue('Typed while the store is protected');
  expect(readFileSync(store, 'utf8')).toContain('Written before');

  protect(false);
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(status).toHaveAttribute('data-save-state', 'saved');
  expect(readFileSync(store, 'utf8')).toContain('Typed while the store is protected');
});

test('a new incident while the store is protected is refused with the message, not "internal"', async () => {
  await page.goto(`${served.origin}/#/library`);
  await expect(page.locator('[data-screen="library"]')).toBeVisible();
  protect(true);
  await page.getByRole('button', { name: 'New incident' }).click();
  const notice = page.locator('[data-notice="error"]').filter({ hasText: 'cannot be written' }).last();
  await expect(notice).toContainText(`The drafts store at ${store} cannot be written (EPERM`);
  await expect(page.locator('[data-notice="error"]').filter({ hasText: /unexpectedly|internal/ })).toHaveCount(0);
  await expect(page.locator('[data-screen="library"]')).toBeVisible();
  protect(false);
  // The refusals were answers (HTTP 503) the page showed; nothing else went wrong on it.
  expect(problems.consoleErrors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
});
