// Tidy after a pull, in Chromium against `serve` on a clone with a bare remote: the analyst's
// committed and pushed block on T0143.003 is pending (the generated part does not list I00084
// yet); the maintainers then regenerate, so the generated table carries the block's row, and push.
// Review offers nothing before the pull; after it, it offers the removal, and the click leaves the
// maintainers' row above the line and no block below it.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TECHNIQUE_INCIDENTS_HEADER } from '../../shared/drafts/block-lifecycle';
import { renderBlock } from '../../shared/drafts/notes-blocks';
import { splitAtEditLine } from '../../shared/edit-line';
import { addBareRemote, cloneHistory, git } from '../helpers/fixtures';
import { expectCleanPage } from './support/page-checks';
import { useServedPage } from './support/served-page';

const PAGE = 'generated_pages/techniques/T0143.003.md';
let row = '';

const spec = useServedPage(undefined, {
  clone: () => {
    const clone = cloneHistory();
    const bare = addBareRemote(clone);
    // The analyst's block: I00084 (listed on T0151.004, not on T0143.003) with a description of theirs.
    const listed = splitAtEditLine(readFileSync(join(clone.path, 'generated_pages/techniques/T0151.004.md'), 'utf8')).generated.split('\n').find((l) => l.startsWith('| [I00084 ')) ?? '';
    row = `${listed.slice(0, listed.indexOf(') | ') + 1)} | Officials impersonated to win trust. |`;
    const file = join(clone.path, PAGE);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n\n${renderBlock('I00084', TECHNIQUE_INCIDENTS_HEADER + row)}\n`);
    git(clone.path, 'commit', '-q', '-am', 'Notes on T0143.003');
    git(clone.path, 'push', '-q', 'origin', 'main');
    // The maintainers regenerate: the generated table now lists I00084 with the same row.
    const theirs = join(clone.root, 'maintainers');
    execFileSync('git', ['clone', '-q', bare, theirs]);
    git(theirs, 'config', 'user.name', 'Maintainer');
    git(theirs, 'config', 'user.email', 'maintainer@example.org');
    const page = readFileSync(join(theirs, PAGE), 'utf8');
    const after = page.split('\n').find((l) => l.startsWith('| [I00082 ')) ?? '';
    writeFileSync(join(theirs, PAGE), page.replace(`${after}\n`, `${after}\n${row}\n`));
    git(theirs, 'commit', '-q', '-am', 'Regenerate pages');
    git(theirs, 'push', '-q', 'origin', 'main');
    return clone;
  },
});

test('after a pull brings the maintainers\' row, Review offers to remove the block and removes it', async () => {
  const { page, served, problems } = spec;
  await page.goto(served.url);
  await expect(page.locator('nav[aria-label="Screens"]')).toBeVisible();
  const dryRun = page.waitForResponse((response) => response.request().postData()?.includes('"pages.tidy"') ?? false);
  await page.keyboard.press('Alt+5');
  const screen = page.locator('[data-screen="review"]');
  const tidy = screen.getByRole('region', { name: 'Blocks the maintainers took' });
  // A pending block (its incident not yet in the generated part) is not offered.
  await dryRun;
  await expect(screen.getByRole('region', { name: 'Changed files (0)' })).toBeVisible();
  await expect(tidy).toHaveCount(0);

  await screen.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(tidy).toContainText("1 block the maintainers' pages now carry can be removed.");
  await tidy.getByRole('button', { name: 'Remove 1 block' }).click();
  await expect(screen.locator(`li.file[data-path="${PAGE}"]`)).toHaveAttribute('data-verdict', 'ok');
  await expect(tidy).toHaveCount(0);
  const now = readFileSync(join(served.clone.path, PAGE), 'utf8');
  expect(now).not.toContain('disarm-workbench');
  expect(splitAtEditLine(now).generated).toContain(`${row}\n`);
  await expect(screen.getByRole('button', { name: /^Commit 1 file/ })).toBeEnabled();
  expectCleanPage(problems);
});
