// Known markdown-preview attacks on Electron editors, fed to the workbench's previews as an
// analyst could: typed into an incident's fields and references, pasted as source text and
// tagged as a quote, and written below a framework page's edit line in the checkout. None may
// run (a sentinel stays unset, no dialog opens, no CSP violation is logged) and none may reach
// the preview's DOM as an element or attribute (no on*, script, iframe, embed, javascript:);
// a quote with `|`, a line break and `<script>` reads back as the text it was.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneHistory } from '../helpers/fixtures';
import { SENTINEL, XSS_CORPUS } from '../helpers/xss-corpus';
import { expectCleanPage, watchPage, type PageProblems } from './support/page-checks';
import { selectInSource } from './support/source-editor';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const CORPUS = XSS_CORPUS;
const ALL = CORPUS.join(' ');
/** A source text whose tagged quote holds a pipe, a line break, a script tag and pasted HTML. */
const QUOTE = `the tool | was "secure".\n<script>${SENTINEL}</script> and <table><tr><img src onerror="${SENTINEL}"></tr></table> were pasted`;
const SOURCE = `Officials said ${QUOTE} into the chat.`;

let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;
const dialogs: string[] = [];

test.beforeAll(async ({ browser }) => {
  // A checkout whose page of T0155.007 carries the corpus below its edit line.
  const clone = cloneHistory();
  appendFileSync(join(clone.path, 'generated_pages', 'techniques', 'T0155.007.md'), `\n\n## Notes\n\n${CORPUS.join('\n\n')}\n`);
  served = await startServe({ clone });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  problems = watchPage(page, served.origin);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // The launch address carries the token; each test then goes where it needs, so any one of them can run alone.
  await page.goto(served.url);
});

test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
});

/** What of the corpus reached `root`'s DOM as markup: dangerous elements, handlers, script URLs. */
async function dangerousMarkup(root: Locator, options: { appForms?: boolean } = {}): Promise<string[]> {
  return root.evaluate((element, appForms) => {
    const found: string[] = [];
    for (const el of [element, ...Array.from(element.querySelectorAll('*'))]) {
      // The app's own forms (the incident form, the start screen's) are markup of the app, not of the data.
      if (appForms && el.tagName === 'FORM' && el.closest('[data-markdown-view], [data-preview]') === null) continue;
      if (/^(script|iframe|embed|object|frame|style|form|math|svg|link|meta|base)$/i.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
        if (/^\s*(javascript|vbscript|data):/i.test(attr.value) && !(el.tagName === 'IMG' && /^data:image\//.test(attr.value))) found.push(`${el.tagName.toLowerCase()} ${attr.name}="${attr.value}"`);
        if (attr.name === 'srcdoc' || attr.name === 'style') found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
      }
    }
    return found;
  }, options.appForms ?? false);
}

async function expectNothingRan(): Promise<void> {
  // Give anything that could run a moment to do so.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => Reflect.get(window, '__xss'))).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test('the incident preview shows the corpus and the quote as text, and runs none of it', async () => {
  await page.goto(`${served.origin}/#/editor`);
  await page.getByRole('button', { name: 'New incident' }).click();
  await expect(page.locator('[data-screen="editor"] [data-preview]')).toBeVisible();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`<img src=x onerror="${SENTINEL}"> campaign`);
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(ALL);
  await page.getByRole('textbox', { name: 'Found via', exact: true }).fill(CORPUS[1] ?? '');
  await page.getByRole('button', { name: 'Add reference' }).click();
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill('javascript:alert(1)');
  await page.getByRole('textbox', { name: 'Authors', exact: true }).fill(CORPUS[1] ?? '');
  await page.getByRole('textbox', { name: 'Organisation', exact: true }).fill(CORPUS[2] ?? '');
  await page.getByRole('textbox', { name: 'Archive URL', exact: true }).fill(CORPUS[0] ?? '');

  // The article, pasted; the quote tagged by selecting it; the corpus as its explanation.
  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  await page.getByRole('textbox', { name: 'Source text', exact: true }).fill(SOURCE);
  await page.getByRole('button', { name: 'Use this text' }).click();
  await selectInSource(page, QUOTE);
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(QUOTE);
  const picker = page.getByRole('combobox', { name: 'Add a technique (id or name)' });
  await picker.pressSequentially('T0155.007');
  await expect(page.getByRole('listbox', { name: 'Matching techniques' }).locator('[data-technique="T0155.007"]')).toBeVisible();
  await picker.press('Enter');
  await picker.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Explanation' })).toBeFocused();
  await page.keyboard.insertText(ALL);
  await expect(page.getByRole('textbox', { name: 'Explanation' })).toHaveText(ALL);
  // Validation calls the HTML what it is.
  await expect(page.getByRole('list', { name: 'Problems in this quote' }).locator('[data-problem="unsafe-html"]').first()).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();

  await page.getByRole('link', { name: 'Incident', exact: true }).click();
  const preview = page.locator('[data-preview]');
  await expect(preview.getByRole('heading', { level: 1 })).toContainText('campaign');
  expect(await dangerousMarkup(preview)).toEqual([]);

  // The quote is one cell of one row, and reads as the text it was.
  const row = preview.locator('table').nth(1).locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveCount(2);
  const cell = row.locator('td').nth(1);
  await expect(cell).toContainText('the tool | was "secure".');
  await expect(cell).toContainText(`<script>${SENTINEL}</script> and <table><tr><img src onerror="${SENTINEL}"></tr></table> were pasted`);
  // The line break is the framework's <br>, the pipe escaped, the tags written as text.
  await page.getByRole('radio', { name: 'Markdown' }).check();
  const markdown = (await page.locator('[data-preview-markdown]').textContent()) ?? '';
  expect(markdown).toContain('the tool \\| was');
  expect(markdown).toMatch(/"secure"\.<br>/);
  expect(markdown).not.toContain(`<script>${SENTINEL}`);
  await page.getByRole('radio', { name: 'Page' }).check();
  expect(await dangerousMarkup(page.locator('[data-preview]'))).toEqual([]);

  // Nothing in the whole window either (the quote list, the problem messages, the form).
  expect(await dangerousMarkup(page.locator('#app'), { appForms: true })).toEqual([]);
  await expectNothingRan();
  expectCleanPage(problems);
});

test('a framework page with the corpus below its line renders in the library without running it', async () => {
  await page.goto(`${served.origin}/#/library/T0155.007`);
  const view = page.locator('[data-markdown-view]');
  await expect(view.getByRole('heading', { name: 'Notes' })).toBeVisible();
  // The link text survives; its script URL does not. Tags outside the allow-list are written as
  // the text they were (the markdown stage, raw-html.ts), so the analyst sees what the note says.
  await expect(view.getByText('x', { exact: true })).toBeVisible();
  expect(await dangerousMarkup(view)).toEqual([]);
  await expect(view.locator('a', { hasText: 'x' })).not.toHaveAttribute('href', /.+/);
  await expect(view).toContainText(`<script>${SENTINEL}</script>`);
  await expect(view).toContainText(`<svg onload="${SENTINEL}"></svg>`);
  expect(await dangerousMarkup(page.locator('#app'), { appForms: true })).toEqual([]);
  await expectNothingRan();
  expectCleanPage(problems);
});

test('an HTML article opened as a source is reduced to its text: nothing of it runs or loads', async () => {
  await page.goto(`${served.origin}/#/tagger`);
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();
  await page.getByRole('button', { name: 'Add source' }).click();
  const html = `<!doctype html><html><head><title>t</title><script>${SENTINEL}</script><style>p{color:red}</style><link rel="stylesheet" href="https://example.org/x.css"></head>
<body><h1>Campaign on messaging apps</h1><p>Officials said the <b>accounts</b> were targeted.</p>
<img src="https://example.org/pixel.png" onerror="${SENTINEL}"><table><tr><td>row one</td><td><img src onerror="${SENTINEL}"></td></tr></table>
<iframe srcdoc="<script>parent.__xss=1</script>"></iframe><p>Second paragraph.</p></body></html>`;
  await page.locator('input[type="file"]').setInputFiles({ name: 'campaign-article.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  const text = page.getByRole('textbox', { name: 'Source text', exact: true });
  await expect(text).toHaveValue(/Campaign on messaging apps/);
  const value = await text.inputValue();
  expect(value).toBe('Campaign on messaging apps\n\nOfficials said the accounts were targeted.\n\nrow one\n\nSecond paragraph.');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('campaign-article');
  await page.getByRole('button', { name: 'Use this text' }).click();
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue(/.+/);
  await expectNothingRan();
  expectCleanPage(problems);
});
