// The analyst's flow end to end, as a new user would do it, in Chromium against `serve` on a clone
// of the history with a bare clone as its remote: open the clone, write an incident with quotes
// from the article tagged with techniques, write it to the checkout, review (only the new page and
// notes below the line of the tagged techniques' pages, each with its diff), commit with the
// prefilled message, push; then git's log has the commit, the remote has it, and
// `disarm-workbench check --range HEAD~1..HEAD` is clean. The grid shows the incident's techniques.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAtEditLine } from '../../shared/edit-line';
import { PROJECT_ROOT, SOURCE_ARTICLE, addBareRemote, cloneHistory, git } from '../helpers/fixtures';
import { checkBothThemes, expectCleanPage, setTheme, watchPage, type PageProblems } from './support/page-checks';
import { ARTICLE_INCIDENT_FIELDS, ARTICLE_REFERENCE, addReference, fillFields, openServedCheckout, startIncident } from './support/incident-form';
import { highlightCount, pickTechnique, selectInSource } from './support/source-editor';
import { startServe, type ServedWorkbench } from './support/serve';

test.describe.configure({ mode: 'serial' });

const NAME = 'Russia-linked campaign targets WhatsApp and Signal accounts';
const QUOTES = [
  {
    text: 'targeting the WhatsApp and Signal accounts of government officials, diplomats, military personnel, and journalists across Europe',
    techniques: ['T0155.007', 'T0151.004'],
    explanation: 'The attackers went after accounts on end-to-end encrypted apps ',
  },
  {
    text: 'attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts',
    techniques: ['T0143.003'],
    explanation: 'They posed as support staff of the apps ',
  },
];

const QUOTE_FROM_GRID = 'The targeting of messaging apps, often perceived as secure, demonstrates a strategic shift towards accessing channels frequently used for sensitive discussions.';

let served: ServedWorkbench;
let bare: string;
let page: Page;
let problems: PageProblems;
let incidentId = '';

test.beforeAll(async ({ browser }) => {
  const clone = cloneHistory();
  bare = addBareRemote(clone);
  served = await startServe({ clone });
  // A page of its own context: axe-core's scan needs one.
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  problems = watchPage(page, served.origin);
});
test.afterAll(async () => {
  await page?.context().close();
  await served?.stop();
});

test('write an incident with tagged quotes from the article', async () => {
  await openServedCheckout(page, served);

  incidentId = await startIncident(page);
  await fillFields(page, { Name: NAME, Summary: 'Intelligence agencies warned of a campaign against the messaging accounts of officials and journalists.', ...ARTICLE_INCIDENT_FIELDS });
  await addReference(page, 1, ARTICLE_REFERENCE);

  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('The Record');
  await page.getByRole('textbox', { name: 'Source text', exact: true }).fill(readFileSync(SOURCE_ARTICLE, 'utf8'));
  await page.getByRole('button', { name: 'Use this text' }).click();
  await expect(page.locator('.source-editor')).toBeVisible();

  for (const quote of QUOTES) {
    await selectInSource(page, quote.text);
    await page.keyboard.press('Control+e');
    await expect(page.getByRole('group', { name: 'Open quote' }).locator('.quote')).toHaveText(quote.text);
    for (const id of quote.techniques) await pickTechnique(page, id, id);
    await page.getByRole('combobox', { name: 'Add a technique (id or name)' }).press('Enter');
    await page.keyboard.type(`${quote.explanation}(${quote.techniques[0]}`, { delay: 5 });
    await expect(page.locator('.cm-tooltip-autocomplete')).toBeVisible();
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+A');
  }

  // A third quote tagged from the framework grid: select it, go to the grid, click the technique.
  await selectInSource(page, QUOTE_FROM_GRID);
  await page.keyboard.press('Alt+7');
  const grid = page.locator('[data-screen="grid"]');
  await expect(grid.getByRole('status').filter({ hasText: 'Click a technique to tag' })).toContainText('The targeting of messaging apps');
  await grid.locator('button[data-technique="T0155.007"]').click();
  await expect(page.getByText('Tagged the selected passage with T0155.007.')).toBeVisible();
  await expect(grid.getByText('Click a technique to tag')).toHaveCount(0);
  await page.keyboard.press('Alt+4');
  await expect(page.locator('[data-screen="tagger"]')).toBeVisible();
  await expect.poll(() => highlightCount(page)).toBe(3);
});

test('review: only the new page and notes below the line, each with its diff', async () => {
  await page.keyboard.press('Control+Shift+R');
  const screen = page.locator('[data-screen="review"]');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('combobox', { name: 'Draft' })).not.toHaveValue('');
  await screen.getByRole('button', { name: 'Write pages' }).click();

  const incidentPage = `generated_pages/incidents/${incidentId}.md`;
  const techniquePages = ['T0143.003', 'T0151.004', 'T0155.007'].map((id) => `generated_pages/techniques/${id}.md`);
  const files = screen.locator('li.file');
  await expect(files).toHaveCount(4);
  expect((await files.evaluateAll((items) => items.map((li) => li.getAttribute('data-path')))).sort()).toEqual([incidentPage, ...techniquePages].sort());
  for (const path of [incidentPage, ...techniquePages]) await expect(screen.locator(`li.file[data-path="${path}"]`)).toHaveAttribute('data-verdict', 'ok');

  // Each file with its diff: the new page all added; each technique page changed below its line only.
  await screen.locator(`li.file[data-path="${incidentPage}"] .file-button`).click();
  await expect(screen.getByRole('textbox', { name: `${incidentPage}, your version` })).toContainText(`# Incident ${incidentId}: ${NAME}`);
  for (const path of techniquePages) {
    await screen.locator(`li.file[data-path="${path}"] .file-button`).click();
    const yours = screen.getByRole('textbox', { name: `${path}, your version` });
    await expect(yours).toContainText(NAME);
    const head = git(served.clone.path, 'show', `HEAD:${path}`);
    const now = readFileSync(join(served.clone.path, path), 'utf8');
    const keep = splitAtEditLine(head).notesOffset;
    expect(now.slice(0, keep), `${path} above its edit line`).toBe(head.slice(0, keep));
    // The diff shows the change, and it starts at or after the edit line (the insertion right
    // after the marker belongs to the marker's line).
    await expect(screen.locator('.cm-merge-b .cm-changedLine').filter({ hasText: NAME }).first()).toBeAttached();
    const editLine = splitAtEditLine(head).lineNumber;
    const first = Number(await screen.locator('[data-first-change]').getAttribute('data-first-change'));
    expect(first, `${path}: first change on line ${first}, edit line ${editLine}`).toBeGreaterThanOrEqual(editLine);
  }

  await expect(screen.getByRole('textbox', { name: 'Commit message' })).toHaveValue(new RegExp(`^Add incident ${incidentId}: ${NAME}\\n\\nNotes on `));
  await expect(screen.getByRole('button', { name: /^Commit 4 files/ })).toBeEnabled();
  await checkBothThemes(page, 'review', 'review');
  await setTheme(page, 'light');
});

test('commit with the prefilled message, push, and the remote and the guard agree', async () => {
  const screen = page.locator('[data-screen="review"]');
  await screen.getByRole('button', { name: /^Commit 4 files/ }).click();
  await expect(screen.locator('li.file')).toHaveCount(0);
  await expect(screen.getByTestId('ahead')).toHaveText('1');
  expect(git(served.clone.path, 'log', '-1', '--format=%s').trim()).toBe(`Add incident ${incidentId}: ${NAME}`);

  await screen.getByRole('button', { name: 'Push' }).click();
  await expect(screen.getByTestId('ahead')).toHaveText('0');
  const head = git(served.clone.path, 'rev-parse', 'HEAD').trim();
  expect(git(bare, 'rev-parse', 'main').trim()).toBe(head);
  expect(git(bare, 'log', '-1', '--format=%s', 'main').trim()).toBe(`Add incident ${incidentId}: ${NAME}`);

  const check = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'disarm-workbench.js'), 'check', '--repo', served.clone.path, '--range', 'HEAD~1..HEAD'], { encoding: 'utf8' });
  expect(check.stdout + check.stderr).not.toContain('rule');
  expect(check.status, check.stdout + check.stderr).toBe(0);
  expectCleanPage(problems);
});

test('the grid shows the incident\'s techniques highlighted', async () => {
  await page.keyboard.press('Alt+7');
  const screen = page.locator('[data-screen="grid"]');
  await expect(screen).toBeVisible();
  await screen.getByRole('combobox', { name: 'Highlight the techniques of' }).selectOption({ label: `Draft: ${incidentId} ${NAME}` });
  const used = screen.locator('li.used button');
  await expect(used).toHaveCount(3);
  expect((await used.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-technique')))).sort()).toEqual(['T0143.003', 'T0151.004', 'T0155.007']);
  // The committed page gives the same answer.
  await page.evaluate((id) => (window.location.hash = `#/grid/${id}`), incidentId);
  await expect(screen.getByText(new RegExp(`3 techniques used by ${incidentId}: `))).toBeVisible();
  await expect(screen.locator('li.used button')).toHaveCount(3);
  expectCleanPage(problems);
});
