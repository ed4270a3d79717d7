// A source edited after its quotes were tagged, in Chromium against `serve`: a quote whose words
// the new text no longer says is never moved. It is marked "Needs review" with the close places
// found, and only the analyst's choice of one makes the quote say the source's words there.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SOURCE_ARTICLE } from '../helpers/fixtures';
import { expectCleanPage, saveScreenshot } from './support/page-checks';
import { openServedCheckout, startIncident } from './support/incident-form';
import { highlightedTexts, pickTechnique, selectInSource } from './support/source-editor';
import { useServedPage } from './support/served-page';

const QUOTE = 'attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff';
const CORRECTED = 'attackers are increasingly using artificial intelligence to convincingly impersonate technical support staff';

const spec = useServedPage();

test('an edited source never moves an accepted quote: it needs review, and the analyst takes its new place', async () => {
  const { page, served, problems } = spec;
  await openServedCheckout(page, served);
  await startIncident(page);
  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  const article = readFileSync(SOURCE_ARTICLE, 'utf8');
  await page.getByRole('textbox', { name: 'Source text', exact: true }).fill(article);
  await page.getByRole('button', { name: 'Use this text' }).click();
  await selectInSource(page, QUOTE);
  await page.keyboard.press('Control+e');
  const open = page.getByRole('group', { name: 'Open quote' });
  await pickTechnique(page, 'T0097.100', 'T0097.100');
  await page.keyboard.press('Control+Shift+A');
  await expect(open.locator('[data-review]')).toHaveText('Accepted');

  // The source is edited: a word of the quote changes.
  await page.getByRole('button', { name: 'Edit text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit the source text' });
  await dialog.getByRole('textbox', { name: 'Text' }).fill(article.replace('increasingly utilizing artificial', 'increasingly using artificial'));
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no longer word for word' })).toBeVisible();

  // Not moved: the quote keeps its words, goes back to review, and lists the corrected place.
  await expect(open.locator('.quote')).toHaveText(QUOTE);
  await expect(open.locator('[data-review]')).toHaveText('To review');
  await expect(open.getByText('Needs review', { exact: true })).toBeVisible();
  expect(await highlightedTexts(page)).toEqual([]);
  const places = open.getByRole('group', { name: 'Places the quote may be now' });
  await expect(places.locator('li').first()).toContainText(CORRECTED);
  await saveScreenshot(page, 'tagger-needs-review');

  // The analyst takes it: the quote now says the source's words, anchored and highlighted again.
  await places.getByRole('button', { name: 'Use this place' }).first().click();
  await expect(open.locator('.quote')).toHaveText(CORRECTED);
  await expect(open.getByText('Needs review', { exact: true })).toHaveCount(0);
  await expect.poll(() => highlightedTexts(page)).toEqual([CORRECTED]);
  expectCleanPage(problems);
});
