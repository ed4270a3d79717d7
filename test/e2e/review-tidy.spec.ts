// Review's tidy, in Chromium against `serve` on a real clone whose technique pages carry blocks of
// the workbench that the maintainers' pages took: T0151.004's block for I00084 holds the row the
// generated part has (as after their regeneration), T0155.007's block for I00068 has a row edited
// since. Review offers to remove the first, lists the second; the click removes the first only,
// the diff shows the removal, the guard accepts it and the commit passes `check`.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TECHNIQUE_INCIDENTS_HEADER } from '../../shared/drafts/block-lifecycle';
import { renderBlock } from '../../shared/drafts/notes-blocks';
import { splitAtEditLine } from '../../shared/edit-line';
import { PROJECT_ROOT, cloneHistory, git, type HistoryClone } from '../helpers/fixtures';
import { checkBothThemes, expectCleanPage, setTheme } from './support/page-checks';
import { useServedPage } from './support/served-page';

test.describe.configure({ mode: 'serial' });

const REDUNDANT = 'generated_pages/techniques/T0151.004.md';
const DIFFERING = 'generated_pages/techniques/T0155.007.md';

/** Appends to `path` the workbench's block for `incidentId` with the generated part's row, changed by `edit`. */
function addBlock(clone: HistoryClone, path: string, incidentId: string, edit: (row: string) => string = (row) => row): void {
  const file = join(clone.path, path);
  const page = readFileSync(file, 'utf8');
  const row = splitAtEditLine(page).generated.split('\n').find((line) => line.startsWith(`| [${incidentId} `));
  if (!row) throw new Error(`${path} lists no ${incidentId}`);
  writeFileSync(file, `${page}\n\n${renderBlock(incidentId, TECHNIQUE_INCIDENTS_HEADER + edit(row))}\n`);
}

const spec = useServedPage(undefined, {
  clone: () => {
    const clone = cloneHistory();
    addBlock(clone, REDUNDANT, 'I00084');
    addBlock(clone, DIFFERING, 'I00068', (row) => row.replace('LastPass', 'LastPass (my wording)'));
    git(clone.path, 'commit', '-q', '-am', 'Notes on T0151.004 and T0155.007');
    return clone;
  },
});

test('Review offers to remove the block the maintainers carry and lists the one that differs', async () => {
  const { page, served, problems } = spec;
  await page.goto(served.url);
  await expect(page.locator('nav[aria-label="Screens"]')).toBeVisible();
  await page.keyboard.press('Alt+5');
  const screen = page.locator('[data-screen="review"]');
  const tidy = screen.getByRole('region', { name: 'Blocks the maintainers took' });
  await expect(tidy).toContainText("1 block the maintainers' pages now carry can be removed.");
  await expect(tidy.getByRole('list', { name: 'Blocks whose rows differ' })).toHaveText(/T0155\.007\.md line \d+: I00068/);
  await checkBothThemes(page, 'review-tidy', 'review with a tidy offer');
  await setTheme(page, 'light');

  await tidy.getByRole('button', { name: 'Remove 1 block' }).click();
  const file = screen.locator(`li.file[data-path="${REDUNDANT}"]`);
  await expect(file).toHaveAttribute('data-verdict', 'ok');
  await expect(screen.locator('li.file')).toHaveCount(1);
  // The diff shows the block going; the page is again what it was before the block was added.
  await expect(screen.locator('.cm-merge-a .cm-changedLine').filter({ hasText: 'disarm-workbench incident=I00084' }).first()).toBeAttached();
  expect(readFileSync(join(served.clone.path, REDUNDANT), 'utf8')).toBe(git(served.clone.path, 'show', `HEAD~1:${REDUNDANT}`));
  expect(readFileSync(join(served.clone.path, DIFFERING), 'utf8')).toBe(git(served.clone.path, 'show', `HEAD:${DIFFERING}`));
  await expect(tidy.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(tidy.getByRole('list', { name: 'Blocks whose rows differ' })).toContainText('I00068');
  await checkBothThemes(page, 'review-tidied', 'review after tidy');
  await setTheme(page, 'light');

  // The guard accepts the removal: Commit is enabled, and `check` finds nothing in the commit.
  await screen.getByRole('button', { name: /^Commit 1 file/ }).click();
  await expect(screen.locator('li.file')).toHaveCount(0);
  const check = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'disarm-workbench.js'), 'check', '--repo', served.clone.path, '--range', 'HEAD~1..HEAD'], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  expectCleanPage(problems);
});
