// Review's refusal path and undo, in Chromium against `serve` on a clone with a bare remote: a page
// edited above the edit line outside the app shows as a violation with its line, Commit is
// disabled, Repair makes it committable and keeps the notes; a commit can be undone while it is
// not pushed, and its changes stay in the work tree. Axe in both themes; screenshots.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addBareRemote, cloneHistory, git } from '../helpers/fixtures';
import { checkBothThemes, expectCleanPage, watchPage } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const PAGE = 'generated_pages/techniques/T0097.100.md';
const NOTE = 'Analyst note: seen in the WhatsApp campaign of 2025.';
let served: ServedWorkbench;
let bare: string;

test.beforeAll(async () => {
  const clone = cloneHistory();
  bare = addBareRemote(clone);
  // Outside the app: a title edited above the line, and a note below it.
  const path = join(clone.path, PAGE);
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, `${text.replace(/^# Technique T0097\.100: (.*)$/m, '# Technique T0097.100: $1 (my edit)')}\n\n${NOTE}\n`);
  served = await startServe({ clone });
});
test.afterAll(async () => {
  await served?.stop();
});

async function openReview(page: Page) {
  const problems = watchPage(page, served.origin);
  await page.goto(served.url);
  await expect(page.locator('nav[aria-label="Screens"]')).toBeVisible();
  await page.keyboard.press('Alt+5');
  const screen = page.locator('[data-screen="review"]');
  await expect(screen).toBeVisible();
  return { problems, screen };
}

test('a page edited above the line is refused with its line; Repair keeps the notes and allows the commit', async ({ page }) => {
  const { problems, screen } = await openReview(page);
  const file = screen.locator(`li.file[data-path="${PAGE}"]`);
  await expect(file).toHaveAttribute('data-verdict', 'violation');
  await expect(file.getByRole('button', { name: 'line 1: Text above the edit line changed' })).toBeVisible();
  const commit = screen.getByRole('button', { name: /^Commit 1 file/ });
  await expect(commit).toBeDisabled();
  await expect(screen.getByRole('list', { name: 'Why Commit is disabled' })).toContainText(`1 file breaks the edit-line rule: ${PAGE}`);

  // The jump selects the refused line in the diff, which marks it.
  await file.getByRole('button', { name: 'line 1: Text above the edit line changed' }).click();
  const yours = screen.getByRole('textbox', { name: `${PAGE}, your version` });
  await expect(yours).toBeFocused();
  await expect(screen.locator('.cm-merge-b .cm-violation-line')).toContainText('(my edit)');
  await expect(screen.locator('.cm-merge-a')).toContainText('# Technique T0097.100: Individual Persona');
  // The window coming back reads the changes again; the diff of an unchanged file is the same view
  // afterwards (a new one would lose the analyst's place in it).
  const yoursContent = screen.locator('.cm-merge-b .cm-content');
  await yoursContent.evaluate((element) => element.setAttribute('data-seen', ''));
  const diffRead = page.waitForResponse((response) => response.request().postData()?.includes('"repo.fileDiff"') ?? false);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await diffRead;
  await expect(screen).toHaveAttribute('aria-busy', 'false');
  await expect(yoursContent).toHaveAttribute('data-seen', '');

  await checkBothThemes(page, 'review-refused', 'review with a violation');

  // Repair: the generated part comes back from the last commit; the note stays.
  await screen.getByRole('button', { name: 'Repair T0097.100.md' }).click();
  await expect(file).toHaveAttribute('data-verdict', 'ok');
  const onDisk = readFileSync(join(served.clone.path, PAGE), 'utf8');
  expect(onDisk).toContain(NOTE);
  expect(onDisk).not.toContain('(my edit)');
  await expect(commit).toBeEnabled();
  await expect(screen.getByRole('textbox', { name: 'Commit message' })).toHaveValue('Add notes to T0097.100');
  expectCleanPage(problems);
});

test('commit, then undo of the unpushed commit keeps its changes in the work tree', async ({ page }) => {
  const { problems, screen } = await openReview(page);
  const before = git(served.clone.path, 'rev-parse', 'HEAD').trim();
  await expect(screen.locator(`li.file[data-path="${PAGE}"]`)).toHaveAttribute('data-verdict', 'ok');
  await expect(screen.getByRole('button', { name: /^Commit 1 file/ })).toBeEnabled();
  // The shortcut, from anywhere (here the focus is in the commit message).
  await screen.getByRole('textbox', { name: 'Commit message' }).focus();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(screen.locator('li.file')).toHaveCount(0);
  expect(git(served.clone.path, 'log', '-1', '--format=%s').trim()).toBe('Add notes to T0097.100');
  await expect(screen.getByTestId('ahead')).toHaveText('1');
  await expect(screen.getByTestId('behind')).toHaveText('0');

  await screen.getByRole('button', { name: 'Undo last commit' }).click();
  await expect(screen.locator(`li.file[data-path="${PAGE}"]`)).toBeVisible();
  expect(git(served.clone.path, 'rev-parse', 'HEAD').trim()).toBe(before);
  expect(readFileSync(join(served.clone.path, PAGE), 'utf8')).toContain(NOTE);
  expect(git(served.clone.path, 'status', '--porcelain').trim()).toBe(`M  ${PAGE}`);
  await expect(screen.getByTestId('ahead')).toHaveText('0');
  // The remote never saw it.
  expect(git(bare, 'rev-parse', 'main').trim()).toBe(before);
  expectCleanPage(problems);
});
