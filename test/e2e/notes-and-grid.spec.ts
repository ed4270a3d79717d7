// The notes editor and the framework grid in Chromium against `serve` on a real clone: typing
// above the edit line changes nothing, typing below works with autocomplete and diagnostics; the
// grid highlights an incident's techniques; both screens pass axe-core in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { EDIT_LINE, splitAtEditLine } from '../../shared/edit-line';
import { git } from '../helpers/fixtures';
import { checkBothThemes, expectCleanPage, watchPage, type PageProblems } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

let served: ServedWorkbench;
test.beforeAll(async () => {
  served = await startServe();
});
test.afterAll(async () => {
  await served?.stop();
});

/** Opens the workbench and goes to `hash` (the token is taken from the printed address first). */
async function openAt(page: Page, hash: string): Promise<PageProblems> {
  const problems = watchPage(page, served.origin);
  await page.goto(served.url);
  await expect(page.locator('nav[aria-label="Screens"]')).toBeVisible();
  await page.evaluate((h) => (window.location.hash = h), hash);
  return problems;
}

test('notes editor: above the line nothing changes, below it typing, autocomplete and saving work', async ({ page }) => {
  const problems = await openAt(page, '#/notes/T0155.007');
  const screen = page.locator('[data-screen="notes"]');
  await expect(screen).toBeVisible();
  const editor = screen.getByRole('textbox', { name: /^Page generated_pages\/techniques\/T0155\.007\.md, read-only down to the edit line/ });
  await expect(editor).toContainText('DO NOT EDIT ABOVE THIS LINE');
  const before = await editor.innerText();

  // Above the line: click into the title and type, paste-like select-all and delete.
  await screen.locator('.cm-line').first().click();
  await page.keyboard.type('XYZ');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  expect(await editor.innerText()).toBe(before);
  await expect(screen.getByText('Unsaved changes')).toHaveCount(0);
  await expect(screen.locator('.cm-generated-line').first()).toBeVisible();
  await expect(screen.locator('.cm-edit-line')).toHaveCount(1);

  // Below the line: Go to notes, type, and take a suggestion.
  await screen.getByRole('button', { name: 'Go to notes' }).click();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Seen again on WhatsApp T0155.');
  const completions = screen.locator('.cm-tooltip-autocomplete');
  await expect(completions).toBeVisible();
  await completions.getByRole('option', { name: /T0155\.007/ }).click();
  await expect(editor).toContainText('Seen again on WhatsApp (T0155.007: Encrypted Communication Channel)');
  await expect(screen.getByText('Unsaved changes')).toBeVisible();

  // Diagnostics: a misnamed mention is underlined, and its quick fix writes the framework's name.
  await page.keyboard.type(' Also (T0155.007: Secret Chats).');
  const problem = screen.locator('.cm-lintRange-warning');
  await expect(problem).toHaveText('Secret Chats');
  await page.keyboard.press('Control+Shift+M');
  const panel = screen.locator('.cm-panel.cm-panel-lint');
  await expect(panel).toContainText('T0155.007');
  await panel.getByRole('button', { name: /Write “Encrypted Communication Channel”/ }).click();
  await expect(editor).toContainText('Also (T0155.007: Encrypted Communication Channel).');
  await expect(screen.locator('.cm-lintRange-warning')).toHaveCount(0);

  await checkBothThemes(page, 'notes-editor', 'notes editor');

  await page.keyboard.press('Control+s');
  await expect(screen.getByText('Unsaved changes')).toHaveCount(0);
  // Saved means on disk, below the edit line, with the generated part as it was.
  const onDisk = splitAtEditLine(readFileSync(join(served.clone.path, 'generated_pages', 'techniques', 'T0155.007.md'), 'utf8'));
  expect(onDisk.notes).toContain('Seen again on WhatsApp (T0155.007: Encrypted Communication Channel) Also (T0155.007: Encrypted Communication Channel).');
  expect(onDisk.generated).toBe(splitAtEditLine(git(served.clone.path, 'show', 'HEAD:generated_pages/techniques/T0155.007.md')).generated);
  expectCleanPage(problems);
});

// Issue 11: the end of the edit line took typing, and Save wrote it on the line. T0002 ends with
// the edit line and no newline, the usual case: typing at its end starts a line of its own.
test('notes editor: the end of the edit line takes no typing; the text goes on a new line below it', async ({ page }) => {
  const path = join(served.clone.path, 'generated_pages', 'techniques', 'T0002.md');
  const original = readFileSync(path, 'utf8');
  expect(original.endsWith(EDIT_LINE)).toBe(true);
  await openAt(page, '#/notes/T0002');
  const screen = page.locator('[data-screen="notes"]');
  const editLine = screen.locator('.cm-edit-line');
  await expect(editLine).toHaveText(EDIT_LINE);

  // Click on the edit line, go to its end, and type: the line stays as it was.
  await editLine.click();
  await page.keyboard.press('End');
  await page.keyboard.type('X');
  await expect(editLine).toHaveText(EDIT_LINE);
  await expect(screen.locator('.cm-line').last()).toHaveText('X');
  // Delete at the end of the line would join the next line onto it: nothing moves.
  await editLine.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Delete');
  await expect(editLine).toHaveText(EDIT_LINE);
  await expect(screen.locator('.cm-line').last()).toHaveText('X');

  await page.keyboard.press('Control+s');
  await expect(screen.getByText('Unsaved changes')).toHaveCount(0);
  expect(readFileSync(path, 'utf8')).toBe(`${original}\nX`);
});

test('grid: the framework with an incident\'s techniques highlighted', async ({ page }) => {
  const problems = await openAt(page, '#/grid/I00068');
  const screen = page.locator('[data-screen="grid"]');
  const grid = screen.getByRole('group', { name: 'DISARM Red framework' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('heading', { level: 2 })).toHaveCount(16);
  const used = grid.locator('li.used button');
  await expect(used).toHaveCount(5);
  expect((await used.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-technique')))).sort()).toEqual(['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007']);
  await expect(screen.getByText(/5 techniques used by I00068/)).toBeVisible();

  // Keyboard: the focus starts on a used cell; arrows move; Enter opens the technique.
  const start = grid.locator('li.used button[tabindex="0"]');
  await expect(start).toHaveCount(1);
  const startId = await start.getAttribute('data-technique');
  await start.focus();
  await page.keyboard.press('ArrowDown');
  const below = grid.locator('button[tabindex="0"]');
  await expect(below).toBeFocused();
  await expect(below).not.toHaveAttribute('data-technique', startId ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(grid.locator(`button[data-technique="${startId}"]`)).toBeFocused();

  await checkBothThemes(page, 'grid', 'grid');
  await grid.locator(`button[data-technique="${startId}"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/library/${(startId ?? '').replace('.', '\\.')}$`));
  expectCleanPage(problems);
});
