// Review's id check in Chromium against `serve` on a clone with a bare remote: the analyst starts an
// incident (its id allocated at once), a teammate pushes a branch using that id, the analyst
// fetches and writes the draft's pages: Review writes nothing, says the id is taken and offers the
// next free one; taking it writes the pages under the new id.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addBareRemote, cloneHistory, teammatePushesIncident } from '../helpers/fixtures';
import { ARTICLE_INCIDENT_FIELDS, ARTICLE_REFERENCE, addReference, fillFields, openServedCheckout, startIncident } from './support/incident-form';
import { expectCleanPage, saveScreenshot } from './support/page-checks';
import { useServedPage } from './support/served-page';

let bare = '';
const spec = useServedPage(undefined, {
  clone: () => {
    const clone = cloneHistory();
    bare = addBareRemote(clone);
    return clone;
  },
});

test('a draft whose id a fetched branch took is not written; Review offers the next free id', async () => {
  const { page, served, problems } = spec;
  await openServedCheckout(page, served);
  const mine = await startIncident(page);
  await fillFields(page, { Name: 'Phishing of Signal accounts', Summary: 'Accounts of officials were targeted.', ...ARTICLE_INCIDENT_FIELDS });
  await addReference(page, 1, ARTICLE_REFERENCE);
  teammatePushesIncident(bare, spec.served.clone.root, mine);
  const next = `I${String(Number(mine.slice(1)) + 1).padStart(5, '0')}`;

  await page.keyboard.press('Alt+5');
  const screen = page.locator('[data-screen="review"]');
  await expect(screen).toBeVisible();
  await screen.getByRole('button', { name: 'Fetch' }).click();
  await expect(screen).toHaveAttribute('aria-busy', 'false');
  await expect(screen.getByRole('combobox', { name: 'Draft' })).not.toHaveValue('');
  await screen.getByRole('button', { name: 'Write pages' }).click();

  const draftPanel = screen.getByRole('region', { name: 'Write a draft to the checkout' });
  await expect(draftPanel.getByRole('alert')).toHaveText(new RegExp(`Not written: ${mine} is already used in the checkout \\(its history or a remote branch\\); the next free id is ${next}\\.`));
  expect(existsSync(join(served.clone.path, 'generated_pages', 'incidents', `${mine}.md`))).toBe(false);
  await expect(screen.locator('li.file')).toHaveCount(0);
  await saveScreenshot(page, 'review-id-conflict');

  await draftPanel.getByRole('button', { name: `Use ${next} and write pages` }).click();
  await expect(screen.locator(`li.file[data-path="generated_pages/incidents/${next}.md"]`)).toBeVisible();
  await expect(draftPanel.getByRole('alert')).toHaveCount(0);
  expect(existsSync(join(served.clone.path, 'generated_pages', 'incidents', `${mine}.md`))).toBe(false);
  expectCleanPage(problems);
});
