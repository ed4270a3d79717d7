// Sources as analysts get them, in Chromium against `serve`: a two-page PDF (made here with
// pdf-lib: a running header and page-number footer on each page, a word hyphenated across a line
// end) opened through the tagger's file input is read off the UI thread to its text with page
// markers, the word joined, header and footer left out and named; a quote on page 2 is tagged.
// A damaged PDF, a password-protected one and one with no text layer get their messages and leave the paste area as it
// was. A Word file (made here with JSZip) keeps its heading and list items as lines.
import { expect, test, type Page } from '@playwright/test';
import { expectCleanPage, saveScreenshot, watchPage, type PageProblems } from './support/page-checks';
import { openServedCheckout, startIncident } from './support/incident-form';
import { highlightedTexts, pickTechnique, selectInSource } from './support/source-editor';
import { makeDocx, makePasswordPdf, makePdf } from './support/source-files';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const PDF_QUOTE = 'The accounts of officials and journalists were targeted by fake support staff.';
const DOCX_QUOTE = 'The campaign targeted the messaging accounts of officials.';

let served: ServedWorkbench;
let page: Page;
let problems: PageProblems;
const workers: string[] = [];

test.beforeAll(async ({ browser }) => {
  served = await startServe();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  problems = watchPage(page, served.origin);
  page.on('worker', (worker) => workers.push(worker.url()));
});

test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
});

function fileInput() {
  return page.getByLabel('Open a source file');
}

function sourceText() {
  return page.getByRole('textbox', { name: 'Source text', exact: true });
}

test('a PDF opens as text by page, a quote on page 2 is tagged; a damaged or scanned PDF says why', async () => {
  await openServedCheckout(page, served);
  await startIncident(page);
  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();

  // A damaged file: a message, and nothing in the paste area.
  await fileInput().setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nthis is not really a PDF\n') });
  const alerts = page.getByRole('alert');
  await expect(alerts).toContainText('broken.pdf could not be read as a PDF');
  await expect(sourceText()).toHaveValue('');
  // Scanned pages only: it needs OCR.
  await fileInput().setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await makePdf([[]]) });
  await expect(alerts).toContainText('scan.pdf has no text layer');
  await expect(alerts).toContainText('needs OCR');
  await expect(sourceText()).toHaveValue('');
  // Protected by a password: it says so.
  await fileInput().setInputFiles({ name: 'locked.pdf', mimeType: 'application/pdf', buffer: await makePasswordPdf() });
  await expect(alerts).toContainText('locked.pdf is protected by a password');
  await expect(sourceText()).toHaveValue('');

  const pdf = await makePdf([
    ['Joint Cyber Alert 2026', 'Operators ran a campaign of disinfor-', 'mation on encrypted messaging apps.', 'Page 1 of 2'],
    ['Joint Cyber Alert 2026', PDF_QUOTE, 'Page 2 of 2'],
  ]);
  await fileInput().setInputFiles({ name: 'joint-alert.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(sourceText()).toHaveValue(['[page 1]', '', 'Operators ran a campaign of disinformation', 'on encrypted messaging apps.', '', '[page 2]', '', PDF_QUOTE, ''].join('\n'));
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('joint-alert');
  // What was left out is said, with the lines themselves.
  const leftOut = page.getByRole('list', { name: 'Left out of the file' });
  await expect(leftOut).toContainText('“Joint Cyber Alert 2026” (2 pages)');
  await expect(leftOut).toContainText('“Page 1 of 2” (2 pages)');
  // Parsed off the UI thread, by pdf.js's worker served from the app itself.
  // The messages of the files that did not open are gone.
  await expect(alerts).toHaveText('');
  await saveScreenshot(page, 'tagger-pdf-opened');
  expect(workers.some((url) => url.startsWith(`${served.origin}/`) && /pdf\.worker/.test(url)), `workers started: ${workers.join(', ')}`).toBe(true);

  await page.getByRole('button', { name: 'Use this text' }).click();
  await expect(page.locator('.source-editor')).toBeVisible();
  await selectInSource(page, PDF_QUOTE);
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(PDF_QUOTE);
  await pickTechnique(page, 'T0143.003', 'T0143.003');
  expect(await highlightedTexts(page)).toEqual([PDF_QUOTE]);
  // The quote's page is shown with it.
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('[data-page]')).toHaveText('page 2');
  await saveScreenshot(page, 'tagger-pdf-source');
  expectCleanPage(problems);
});

test('a Word file opens with its heading and list items as lines; a damaged one says why', async () => {
  await page.getByRole('button', { name: 'Add source' }).click();
  await fileInput().setInputFiles({ name: 'notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004 not a zip') });
  await expect(page.getByRole('alert')).toContainText('notes.docx could not be read as a Word document');
  await expect(sourceText()).toHaveValue('');

  const docx = await makeDocx([
    { text: 'Campaign summary', heading: 1 },
    { text: DOCX_QUOTE },
    { text: 'WhatsApp accounts', list: 'bullet' },
    { text: 'Signal accounts', list: 'bullet' },
    { text: 'Report the message', list: 'number' },
    { text: 'Block the sender', list: 'number' },
  ]);
  await fileInput().setInputFiles({ name: 'briefing.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
  await expect(sourceText()).toHaveValue(['Campaign summary', '', DOCX_QUOTE, '', '• WhatsApp accounts', '• Signal accounts', '', '1. Report the message', '2. Block the sender', ''].join('\n'));
  await page.getByRole('button', { name: 'Use this text' }).click();
  await selectInSource(page, DOCX_QUOTE);
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(DOCX_QUOTE);
  await saveScreenshot(page, 'tagger-docx-source');
  expectCleanPage(problems);
});

/** A saved news page as browsers save them: the story among a cookie banner, menus, ads and related links. */
const NEWS_PAGE = `<!doctype html>
<html lang="en"><head><title>Kremlin-linked hackers target Signal users | The Daily Wire Service</title>
<meta property="og:site_name" content="The Daily Wire Service"><meta name="author" content="Jane Reporter">
<script src="https://tracker.example/t.js"></script><style>.x{color:red}</style></head>
<body>
<div id="cookie-banner" class="gdpr-banner">We use cookies to improve your experience. Accept cookies</div>
<header class="site-header"><nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/tech">Tech</a></nav></header>
<a class="skip" href="#main">Skip to content</a>
<main id="main"><article class="story">
<h1>Kremlin-linked hackers target Signal users</h1>
<p class="byline">By Jane Reporter</p>
<p>A widespread campaign orchestrated by actors linked to the Kremlin is targeting the WhatsApp and Signal accounts of government officials, diplomats and journalists across Europe, intelligence agencies warned on Wednesday.</p>
<p>The attackers impersonate technical support staff and trusted contacts, and send QR codes that link a victim's account to a device the attackers control, so that every message can be read.</p>
<div class="ad-break sponsor">ADVERTISEMENT Buy now: the best VPN deals of the year</div>
<p>Officials were told not to use the apps for classified or confidential information, despite their end-to-end encryption, and to report any unexpected request to scan a code.</p>
</article></main>
<aside class="related sidebar"><h2>Related stories</h2><ul><li><a href="/a">Ten phones to buy this winter</a></li><li><a href="/b">Election night live</a></li></ul></aside>
<footer class="site-footer">© The Daily Wire Service. Share on Facebook · Share on X</footer>
<img src="https://tracker.example/pixel.gif" onerror="window.__ran=1">
</body></html>`;

test('a saved news page opens as its article; what was left out is said and can be brought back', async () => {
  await page.getByRole('button', { name: 'Add source' }).click();
  await fileInput().setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(NEWS_PAGE) });
  const text = sourceText();
  await expect(text).toHaveValue(/QR codes that link a victim's account/);
  const article = await text.inputValue();
  expect(article).toContain('A widespread campaign orchestrated by actors linked to the Kremlin');
  expect(article).toContain('to report any unexpected request to scan a code.');
  for (const boilerplate of ['Accept cookies', 'Skip to content', 'ADVERTISEMENT', 'Related stories', 'Ten phones', 'Share on Facebook', 'Home']) expect(article).not.toContain(boilerplate);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(/Kremlin-linked hackers target Signal users/);
  await expect(page.getByRole('list', { name: 'Left out of the file' })).toContainText('were left out');
  await saveScreenshot(page, 'tagger-web-article');

  // Nothing is lost: the whole page comes back at a click.
  await page.getByRole('button', { name: 'Use the whole page' }).click();
  await expect(text).toHaveValue(/Related stories/);
  await expect(text).toHaveValue(/ADVERTISEMENT/);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  expectCleanPage(problems);
});
