// Part 1 of the workbench UI, as a new user would use it, in Chromium against `serve` on a real
// clone: open the clone, find a technique, write an incident with two references, paste the
// article, tag three quotes (one with two techniques) by selecting text and using the
// autocomplete, write an explanation with an inline mention, fix a wrong id with its quick fix,
// see what the picker says to ids it cannot take; reload and find it all again. Then every screen: an axe-core scan in both themes, and a screenshot.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SOURCE_ARTICLE } from '../helpers/fixtures';
import { expectAccessible, expectCleanPage, saveScreenshot, setTheme, watchPage, type PageProblems } from './support/page-checks';
import { ARTICLE_INCIDENT_FIELDS, ARTICLE_REFERENCE, addReference, fillFields, openServedCheckout, startIncident } from './support/incident-form';
import { highlightCount, highlightedTexts, pickTechnique, selectInSource } from './support/source-editor';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const QUOTE_1 = 'targeting the WhatsApp and Signal accounts of government officials, diplomats, military personnel, and journalists across Europe';
const QUOTE_2 = 'The targeting of messaging apps, often perceived as secure, demonstrates a strategic shift towards accessing channels frequently used for sensitive discussions.';
const QUOTE_3 = 'attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts';
const MENTION = '(T0155.007: Encrypted Communication Channel)';

let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;
let draftUrl = '';

test.beforeAll(async ({ browser }) => {
  served = await startServe();
  // A context of its own (axe-core needs one), with a desktop-sized window.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  problems = watchPage(page, served.origin);
});

test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
});

/**
 * Types the three kinds of bad id in the open quote's picker and checks what it says and offers;
 * Enter on `T155.7` tags T0155.007 (removed again, so the quote keeps only what the analyst chose).
 */
async function pickerAnswersBadIds(): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Add a technique (id or name)' });
  const notice = page.locator('.picker-notice');
  const offered = page.getByRole('listbox', { name: 'Offered instead' });
  const chips = page.getByRole('list', { name: 'Techniques of this quote' });
  await expect(field).toBeFocused();

  await field.pressSequentially('T9999', { delay: 15 });
  await expect(notice).toHaveAttribute('data-notice', 'unknown-id');
  await expect(notice).toHaveText(/^Nothing by that id: T9999 is not a technique of this framework\. Closest: T\d{4}/);
  await expect(offered.getByRole('option')).toHaveCount(3);
  // The closest ids are a guess: Enter does not take one.
  await field.press('Enter');
  await expect(chips.locator('.chip')).toHaveCount(0);

  await field.fill('');
  await field.pressSequentially('T0043.001', { delay: 15 });
  await expect(notice).toHaveAttribute('data-notice', 'retired-id');
  await expect(notice).toHaveText(/^T0043\.001 Use Encrypted Chat Apps, retired 2025-02-10; its incidents moved to T0155\.007, T0151\.004\.$/);
  await expect(offered.getByRole('option').first()).toHaveAttribute('data-technique', 'T0155.007');
  await expect(offered.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await saveScreenshot(page, 'picker-retired-id');

  await field.fill('');
  await field.pressSequentially('T155.7', { delay: 15 });
  await expect(notice).toHaveAttribute('data-notice', 'malformed-id');
  await expect(notice).toHaveText('T155.7 means T0155.007 Encrypted Communication Channel: Enter takes it.');
  await expect(offered.getByRole('option')).toHaveCount(1);
  await saveScreenshot(page, 'picker-malformed-id');
  await field.press('Enter');
  await expect(chips.getByText('T0155.007', { exact: true })).toBeVisible();
  await expect(field).toHaveValue('');
  await expect(notice).toHaveCount(0);
  await chips.getByRole('button', { name: 'Remove T0155.007' }).click();
  await expect(chips.locator('.chip')).toHaveCount(0);
  await field.focus();
}

/** The open quote's explanation editor. */
function explanation() {
  return page.getByRole('textbox', { name: 'Explanation' });
}

test('a new user writes an incident: search, fields, references, article, three tagged quotes, a mention, a quick fix', async () => {
  // Open the clone by its folder (the browser's way: a path field).
  await openServedCheckout(page, served);

  // Find T0155.007 by searching "encrypted".
  await page.getByRole('searchbox').fill('encrypted');
  const result = page.locator('[data-result="T0155.007"]');
  await expect(result).toBeVisible();
  await expect(result).toContainText('Encrypted Communication Channel');
  await expect(result).toContainText('TA07');
  await result.click();
  await expect(page.getByRole('heading', { name: /T0155\.007: Encrypted Communication Channel/ })).toBeVisible();
  // Links between objects stay in the app.
  await page.getByRole('link', { name: /I00068/ }).first().click();
  await expect(page.getByRole('heading', { name: /Incident I00068/ })).toBeVisible();
  expect(page.url()).toContain('#/library/I00068');
  // Technique ids in a page's text are marked as mentions, and explain themselves on hover.
  const pageMention = page.locator('[data-markdown-view] .mention[data-mention="T0097.100"]').first();
  await expect(pageMention).toBeVisible();
  await pageMention.hover();
  await expect(page.getByRole('tooltip')).toContainText('Individual Persona');
  // An id the checkout has no page for says so.
  await page.evaluate(() => (window.location.hash = '#/library/T0999.999'));
  await expect(page.locator('[data-screen="library"]').getByRole('alert')).toHaveText('T0999.999 is not in this checkout of the framework.');

  // Start an incident and fill its fields.
  const incidentId = await startIncident(page);
  draftUrl = page.url();
  await fillFields(page, {
    Name: 'Russia-linked campaign targets WhatsApp and Signal accounts',
    Summary: 'Intelligence agencies in the Netherlands and Portugal warned of a campaign against the messaging accounts of officials and journalists.',
    ...ARTICLE_INCIDENT_FIELDS,
  });

  // Two references.
  await addReference(page, 1, ARTICLE_REFERENCE);
  await addReference(page, 2, {
    URL: 'https://www.sis.pt/en/news/messaging-apps-campaign',
    'Publication date': '2025/02/19',
    Authors: 'SIS',
    Organisation: 'Security Information Service',
    'Archive URL': 'https://web.archive.org/web/2025/https://www.sis.pt/en/news/messaging-apps-campaign',
  });
  // Inline validation: a bad date is flagged next to its field, and clears when corrected.
  const dateAdded = page.getByRole('textbox', { name: 'Date added', exact: true });
  await dateAdded.fill('1 March 2025');
  await expect(dateAdded).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-field="incident.dateAdded"] [data-problem="bad-date"]')).toBeVisible();
  await dateAdded.fill('2025-03-01');
  await expect(dateAdded).toHaveAttribute('aria-invalid', 'false');
  // The preview is the page as it will be written.
  const preview = page.locator('[data-preview]');
  await expect(preview.getByRole('heading', { name: `Incident ${incidentId}: Russia-linked campaign targets WhatsApp and Signal accounts` })).toBeVisible();
  await expect(preview.getByRole('link', { name: 'https://therecord.media/russia-whatsapp-signal-phishing', exact: true })).toBeVisible();
  await expect(preview).toContainText('2025/02/19');

  // The quote tagger: paste the article.
  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();
  const article = readFileSync(SOURCE_ARTICLE, 'utf8');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('The Record: Russia-linked campaign');
  await page.getByLabel('From reference').selectOption({ label: 'https://therecord.media/russia-whatsapp-signal-phishing' });
  await page.getByRole('textbox', { name: 'Source text', exact: true }).fill(article);
  await page.getByRole('button', { name: 'Use this text' }).click();
  await expect(page.locator('.source-editor')).toBeVisible();

  // Quote 1, two techniques: select, press the shortcut, pick from the autocomplete.
  await selectInSource(page, QUOTE_1);
  await expect(page.getByRole('button', { name: /Tag selection/ })).toBeEnabled();
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(QUOTE_1);
  await pickTechnique(page, 'T0155.007', 'T0155.007');
  await pickTechnique(page, 'chat platform', 'T0151.004');
  // Enter on the empty field moves on to the explanation; T0 autocompletes an inline mention.
  await page.getByRole('combobox', { name: 'Add a technique (id or name)' }).press('Enter');
  await expect(explanation()).toBeFocused();
  await page.keyboard.type('Attackers went after accounts on apps known for end-to-end encryption ', { delay: 5 });
  await page.keyboard.type('T0155.007', { delay: 30 });
  const completion = page.locator('.cm-tooltip-autocomplete');
  await expect(completion).toBeVisible();
  await expect(completion.locator('li[aria-selected]')).toContainText('Encrypted Communication Channel');
  // CodeMirror ignores Enter in the first 75 ms of a list (interactionDelay), so a key pressed
  // before the list could be read does not pick from it; a person reads it first.
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await expect(explanation()).toHaveText(`Attackers went after accounts on apps known for end-to-end encryption ${MENTION}`);
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('[data-review]')).toHaveText('Accepted');

  // Quote 2 (the button this time): the technique used last is offered first, with nothing typed.
  await selectInSource(page, QUOTE_2);
  await page.getByRole('button', { name: /Tag selection/ }).click();
  const picker = page.getByRole('combobox', { name: 'Add a technique (id or name)' });
  await picker.focus();
  const options = page.getByRole('listbox', { name: 'Matching techniques' });
  const firstOption = options.getByRole('option').first();
  await expect(firstOption).toHaveAttribute('data-technique', 'T0151.004');
  await expect(firstOption.locator('.badge')).toHaveText('recent');
  await expect(options.locator('[data-technique="T0155.007"]')).toBeVisible();
  await options.locator('[data-technique="T0155.007"]').click();
  await expect(page.getByRole('list', { name: 'Techniques of this quote' }).getByText('T0155.007', { exact: true })).toBeVisible();
  // A wrong id in the explanation (T155.7 for T0155.007) is flagged, and its quick fix mends it.
  await explanation().click();
  await page.keyboard.type('Messaging apps seen as secure, such as T155.7 channels, were the target.', { delay: 5 });
  const problem = page.getByRole('list', { name: 'Problems in this quote' }).locator('[data-problem="malformed-id"]');
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('T155.7');
  await problem.getByRole('button', { name: /Replace with T0155\.007/ }).click();
  await expect(explanation()).toHaveText('Messaging apps seen as secure, such as T0155.007 channels, were the target.');
  await expect(problem).toHaveCount(0);
  // An id the framework had in 2024 and no longer has is flagged as retired, not unknown.
  await explanation().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Once filed as T0043.001.', { delay: 5 });
  const retired = page.getByRole('list', { name: 'Problems in this quote' }).locator('[data-problem="retired-id"]');
  await expect(retired).toContainText('T0043.001');
  await expect(retired).toContainText(/Use Encrypted Chat Apps|retired|no longer/i);
  // Its quick fixes offer first where the framework moved its incidents (from the checkout's history).
  await expect(retired).toContainText('Its incidents moved to T0155.007 Encrypted Communication Channel, T0151.004 Chat Platform.');
  await expect(retired.getByRole('button', { name: /^Replace with/ }).first()).toHaveText(/Replace with T0155\.007/);
  for (let i = 0; i < ' Once filed as T0043.001.'.length; i++) await page.keyboard.press('Backspace');
  await expect(retired).toHaveCount(0);

  // Quote 3. First, the picker answers ids it cannot take: unknown, retired, written the wrong way.
  await selectInSource(page, QUOTE_3);
  await page.keyboard.press('Control+e');
  await pickerAnswersBadIds();
  // Then found by name.
  await pickTechnique(page, 'impersonated', 'T0143.003');
  await page.getByRole('combobox', { name: 'Add a technique (id or name)' }).press('Enter');
  await page.keyboard.type('AI voices and images impersonated support staff (T0143.003: Impersonated Persona).', { delay: 5 });

  // Three passages stay highlighted; clicking one opens its quote.
  await expect.poll(() => highlightCount(page)).toBe(3);
  expect(await highlightedTexts(page)).toEqual([QUOTE_1, QUOTE_2, QUOTE_3]);
  await page.locator('.source-editor').locator('[data-annotation]').first().click();
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(QUOTE_1);
  // The next quote still to review is a keystroke away.
  await page.keyboard.press('Control+j');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(QUOTE_2);

  // Hovering an inline mention shows its technique.
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await page.getByRole('link', { name: 'Incident', exact: true }).click();
  const mention = page.locator('[data-annotation-row] .mention[data-mention="T0143.003"]').first();
  await mention.hover();
  await expect(page.getByRole('tooltip')).toContainText('Impersonated Persona');
  await expect(page.getByRole('tooltip')).toContainText('TA');

  // The preview has every tag, the mention and the quotes as written.
  await expect(preview.locator('table').nth(1)).toContainText('T0143.003 Impersonated Persona');
  await expect(preview.locator('table').nth(1)).toContainText(`encryption ${MENTION}`);
  await expect(preview.locator('table').nth(1).locator('tr')).toHaveCount(5);
  expectCleanPage(problems);
});

test('after a reload the draft, its quotes and their highlights are as they were', async () => {
  expect(draftUrl).not.toBe('');
  await page.goto(draftUrl.replace('#/editor/', '#/tagger/'));
  await page.reload();
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();
  await expect.poll(() => highlightCount(page)).toBe(3);
  expect(await highlightedTexts(page)).toEqual([QUOTE_1, QUOTE_2, QUOTE_3]);
  const items = page.locator('[data-annotation-item]');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('Accepted');
  await expect(items.nth(0)).toContainText('T0155.007, T0151.004');
  await items.nth(0).click();
  await expect(explanation()).toHaveText(`Attackers went after accounts on apps known for end-to-end encryption ${MENTION}`);
  await items.nth(1).click();
  await expect(explanation()).toHaveText('Messaging apps seen as secure, such as T0155.007 channels, were the target.');
  await page.getByRole('link', { name: 'Incident', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Russia-linked campaign targets WhatsApp and Signal accounts');
  await expect(page.getByRole('group', { name: 'Reference 2' }).getByRole('textbox', { name: 'Authors', exact: true })).toHaveValue('SIS');
  expectCleanPage(problems);
});

test('each screen passes an accessibility scan in both themes, and is photographed', async () => {
  const screens: { name: string; shot?: string; url: string; ready: () => Promise<void> }[] = [
    { name: 'start', url: '#/start', ready: () => expect(page.getByRole('heading', { name: 'Recent checkouts' })).toBeVisible() },
    { name: 'library', url: '#/library/T0155.007', ready: () => expect(page.getByRole('heading', { name: /T0155\.007/ })).toBeVisible() },
    { name: 'editor', url: draftUrl.slice(draftUrl.indexOf('#')), ready: () => expect(page.locator('[data-preview]')).toBeVisible() },
    { name: 'editor', shot: 'drafts', url: '#/editor', ready: () => expect(page.getByRole('link', { name: /^I\d{5} · Russia-linked campaign/ })).toBeVisible() },
    { name: 'tagger', url: draftUrl.slice(draftUrl.indexOf('#')).replace('#/editor/', '#/tagger/'), ready: async () => expect.poll(() => highlightCount(page)).toBe(3) },
    { name: 'settings', url: '#/settings', ready: () => expect(page.getByRole('textbox', { name: 'Text', exact: true })).toBeVisible() },
  ];
  for (const theme of ['light', 'dark'] as const) {
    for (const screen of screens) {
      await page.goto(`${served.origin}/${screen.url}`);
      await expect(page.locator(`[data-screen="${screen.name}"]`)).toBeVisible();
      await screen.ready();
      await setTheme(page, theme);
      if (screen.name === 'tagger') await page.locator('[data-annotation-item]').first().click();
      await expectAccessible(page, `${screen.shot ?? screen.name} (${theme})`);
      await saveScreenshot(page, `${screen.shot ?? screen.name}-${theme}`);
    }
  }
  // The command palette too.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.type('encrypted');
  await expect(page.getByRole('option', { name: /T0155\.007/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /T0129\.005/ })).toBeVisible();
  await expectAccessible(page, 'command palette');
  await saveScreenshot(page, 'palette-dark');
  await page.getByRole('option', { name: /T0155\.007/ }).click();
  await expect(page).toHaveURL(/#\/library\/T0155\.007$/);
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden();
  expectCleanPage(problems);
});
