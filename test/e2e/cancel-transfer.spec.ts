// Cancel in the browser (issue 11, item 6): a fetch on the review screen and a clone on the start
// screen that wait on a remote that never answers (an ssh "client", the analyst's own
// GIT_SSH_COMMAND, that sleeps) show a Cancel button; pressing it ends them as cancelled, says
// so, and the workbench goes on working.
import { expect, test, type Page } from '@playwright/test';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneHistory, git, tempDir } from '../helpers/fixtures';
import { openServedCheckout } from './support/incident-form';
import { expectCleanPage, watchPage, type PageProblems } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const STUCK_REMOTE = 'ssh://example.invalid/DISARMframeworks.git';
const scripts = tempDir('disarm-stuck-ssh-');
const pidFile = join(scripts.path, 'pid');
let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;

test.beforeAll(async ({ browser }) => {
  const ssh = join(scripts.path, 'ssh');
  writeFileSync(ssh, `#!/bin/sh\nsleep 1000 &\necho $! >> '${pidFile}'\nwait\n`);
  chmodSync(ssh, 0o755);
  const clone = cloneHistory();
  git(clone.path, 'remote', 'set-url', 'origin', STUCK_REMOTE);
  served = await startServe({ clone, env: { GIT_SSH_COMMAND: ssh, GIT_SSH_VARIANT: 'simple' } });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  problems = watchPage(page, served.origin);
});

test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
  // The sleeping "ssh" processes this spec started, by their ids.
  for (const pid of existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean) : []) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already
    }
  }
  scripts.dispose();
});

/** Waits until the stuck remote has been reached `count` times. */
async function remoteReached(count: number): Promise<void> {
  await expect.poll(() => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).length : 0)).toBe(count);
}

test('a fetch that waits on the remote can be cancelled from the review screen', async () => {
  await openServedCheckout(page, served);
  await page.goto(`${served.origin}/#/review`);
  await expect(page.locator('[data-screen="review"]')).toBeVisible();
  await page.getByRole('button', { name: 'Fetch', exact: true }).click();
  await remoteReached(1);
  const cancel = page.getByRole('status').getByRole('button', { name: 'Cancel', exact: true });
  await cancel.click();
  await expect(page.getByText('git fetch was cancelled')).toBeVisible();
  await expect(cancel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Fetch', exact: true })).toBeEnabled();
  expectCleanPage(problems);
});

test('a clone that waits on the remote can be cancelled from the start screen, and leaves no folder', async () => {
  await page.goto(`${served.origin}/#/start`);
  const destination = join(served.clone.root, 'stuck-clone');
  await page.getByRole('textbox', { name: 'From' }).fill(STUCK_REMOTE);
  await page.getByRole('textbox', { name: 'Into the new folder' }).fill(destination);
  await page.getByRole('button', { name: 'Clone', exact: true }).click();
  await remoteReached(2);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.locator('#clone-error')).toContainText('Cancelled: nothing was cloned');
  await expect(page.getByRole('button', { name: 'Clone', exact: true })).toBeEnabled();
  expect(existsSync(destination)).toBe(false);
  expectCleanPage(problems);
});
