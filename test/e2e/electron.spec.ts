// The desktop app itself, launched by Playwright's Electron driver on a clone of the history
// bundle given on its command line: the library shows, and the page has the bridge and nothing
// else. It needs Electron's binary, which is downloaded on first `npm start` with internet
// access; where it is missing the test is reported as skipped, with that reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectron } from '../helpers/electron-binary';
import { PROJECT_ROOT, cloneHistory, tempDir } from '../helpers/fixtures';

const electronBinary = findElectron();

test.describe('desktop app', () => {
  test.skip(electronBinary.path === undefined, electronBinary.path === undefined ? electronBinary.reason : '');

  test('opens the checkout given on the command line and shows the library', async () => {
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'electron', 'main.js'))) throw new Error('The app is not built: run `npm run build` first (`npm test` does).');
    const clone = cloneHistory();
    const data = tempDir('disarm-electron-data-');
    const app = await electron.launch({
      executablePath: electronBinary.path,
      args: [PROJECT_ROOT, clone.path],
      cwd: PROJECT_ROOT,
      // Its own user data folder: the test never touches the machine's drafts and settings.
      env: { ...process.env, DISARM_WORKBENCH_USER_DATA: data.path },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/workbench\/index\.html/);

      // The library needs an open checkout: it shows only because the command-line folder was opened.
      await page.evaluate(() => {
        window.location.hash = '#/library';
      });
      await expect(page.locator('[data-screen="library"]')).toBeVisible({ timeout: 30_000 });

      // What the page can reach: the bridge's two functions, no Node.
      const surface = await page.evaluate(() => {
        const bridge: unknown = Reflect.get(window, 'disarmWorkbench');
        return {
          require: typeof Reflect.get(window, 'require'),
          process: typeof Reflect.get(window, 'process'),
          bridge: typeof bridge === 'object' && bridge !== null ? Object.keys(bridge).sort() : [],
        };
      });
      expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'subscribe'] });

      // New windows are denied.
      await page.evaluate(() => void window.open('app://workbench/index.html'));
      await page.waitForTimeout(500);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      clone.dispose();
      data.dispose();
    }
  });
});
