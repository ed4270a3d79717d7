// Suggestions in the tagger, in Chromium against `serve` on a real clone: tag a passage of the
// real article, read the suggested techniques with their reasons, accept the first with one key
// (Alt+Shift+1) and find it on the quote, in the draft's preview and, as an example, in the store.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectCleanPage, saveScreenshot } from './support/page-checks';
import { ARTICLE_INCIDENT_FIELDS, fillFields, openServedCheckout, openTaggerWithArticle, startIncident } from './support/incident-form';
import { selectInSource } from './support/source-editor';
import { withServedPage } from './support/served-page';

const PASSAGE = 'attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts, creating highly realistic and persuasive phishing attempts';

test('a suggestion for the tagged passage is accepted with one key and lands in the draft', async ({ browser }) => {
  await withServedPage(browser, async ({ served, page, problems }) => {
    await openServedCheckout(page, served);
    await startIncident(page);
    await fillFields(page, { Name: 'Messaging apps campaign', ...ARTICLE_INCIDENT_FIELDS });
    await openTaggerWithArticle(page);
    await selectInSource(page, PASSAGE);
    await page.keyboard.press('Control+e');
    await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(PASSAGE);

    // Five suggestions, each with its key and why; Impersonated Persona first, like I00126's spearphishing (an impersonating e-mail domain).
    const list = page.getByRole('region', { name: 'Suggested techniques' });
    const items = list.locator('[data-suggestion]');
    await expect(items).toHaveCount(5);
    const ids = await items.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-suggestion')));
    expect(ids[0]).toBe('T0143.003');
    await expect(items.first().locator('kbd')).toHaveText('Alt+Shift+1');
    await expect(items.first().locator('.reason')).toHaveText(/^like I00126: .*spearphishing attack/);
    await saveScreenshot(page, 'tagger-suggestions');

    // One key takes the first: it is on the quote, and the list moves on without it.
    const first = ids[0] as string;
    await page.keyboard.press('Alt+Shift+Digit1');
    await expect(page.getByRole('list', { name: 'Techniques of this quote' }).getByText(first, { exact: true })).toBeVisible();
    await expect(list.locator(`[data-suggestion="${first}"]`)).toHaveCount(0);
    await expect(items).toHaveCount(5);

    // In the draft: saved, and in the incident page's preview.
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
    await page.getByRole('link', { name: 'Incident', exact: true }).click();
    await expect(page.locator('[data-preview]').locator('table').nth(1)).toContainText(first);
    // The verdict is an example in the local store, for later suggestions.
    await expect.poll(() => (JSON.parse(readFileSync(join(served.dataDir, 'store.json'), 'utf8')) as { suggestionExamples?: unknown[] }).suggestionExamples).toEqual([expect.objectContaining({ passage: PASSAGE, techniqueId: first, verdict: 'accepted' })]);
    expectCleanPage(problems);
  });
});

test('the whole source ranked: a technique with its passages, one click selects a passage to tag', async ({ browser }) => {
  await withServedPage(browser, async ({ served, page, problems }) => {
    await openServedCheckout(page, served);
    await startIncident(page);
    await openTaggerWithArticle(page);
    const region = page.getByRole('region', { name: 'Techniques this source evokes' });
    await region.getByRole('button', { name: 'Rank' }).click();
    const techniques = region.locator('[data-source-suggestion]');
    await expect(techniques.first()).toBeVisible({ timeout: 30_000 });
    expect(await techniques.count()).toBeGreaterThanOrEqual(10);
    // The article is about impersonation over messaging apps: Impersonated Persona ranks first.
    await expect(techniques.first()).toHaveAttribute('data-source-suggestion', 'T0143.003');
    await techniques.first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'tagger-source-suggestions');
    const passage = techniques.first().getByRole('button').first();
    const passageText = ((await passage.textContent()) ?? '').replace(/^“|”$/g, '').replace(/…$/, '');
    await passage.click();
    await expect(page.getByRole('button', { name: /Tag selection/ })).toBeEnabled();
    await page.keyboard.press('Control+e');
    await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toContainText(passageText.slice(0, 60));
    // The picker finds by meaning too, after ids and names, each option saying why.
    await page.getByRole('combobox', { name: 'Add a technique (id or name)' }).fill('phishing');
    const option = page.getByRole('listbox', { name: 'Matching techniques' }).locator('[data-technique="T0143.003"]');
    await expect(option.locator('.reason')).toHaveText(/^like I00(069|116|126): .*phishing/i);
    expectCleanPage(problems);
  });
});
