// The Export menu, in Chromium against `serve` on a real clone: an incident tagged in the tagger
// is exported as STIX 2.1 from the incident screen; the downloaded file parses, its `uses`
// relationships point at DISARM.json's own attack-pattern ids for exactly the incident's
// techniques; and the same menu in Review exports the chosen draft as a Navigator layer.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { DISARM_STIX_PATH } from '../../shared/interchange/disarm-stix';
import { expectCleanPage, saveScreenshot } from './support/page-checks';
import { ARTICLE_INCIDENT_FIELDS, fillFields, openServedCheckout, openTaggerWithArticle, startIncident } from './support/incident-form';
import { selectInSource } from './support/source-editor';
import { withServedPage } from './support/served-page';

const PASSAGE = 'attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts, creating highly realistic and persuasive phishing attempts';

type Bundle = { type: string; objects: { type: string; id: string; relationship_type?: string; target_ref?: string }[] };

test('an incident exported as STIX from the Export menu uses DISARM.json’s ids for its techniques', async ({ browser }) => {
  await withServedPage(browser, async ({ served, page, problems }) => {
    await openServedCheckout(page, served);
    const incidentId = await startIncident(page);
    await fillFields(page, { Name: 'Messaging apps campaign', ...ARTICLE_INCIDENT_FIELDS });
    // Two techniques on one quote, taken from the suggestions (Alt+Shift+1, then the new first).
    await openTaggerWithArticle(page);
    await selectInSource(page, PASSAGE);
    await page.keyboard.press('Control+e');
    const onQuote = page.getByRole('list', { name: 'Techniques of this quote' });
    const suggestions = page.getByRole('region', { name: 'Suggested techniques' });
    await expect(suggestions.locator('[data-suggestion]')).toHaveCount(5);
    const first = await suggestions.locator('[data-suggestion]').first().getAttribute('data-suggestion');
    await page.keyboard.press('Alt+Shift+Digit1');
    await expect(onQuote.locator('li')).toHaveCount(1);
    // The list moves on without the technique taken before the next key takes its new first.
    await expect(suggestions.locator(`[data-suggestion="${first}"]`)).toHaveCount(0);
    await page.keyboard.press('Alt+Shift+Digit1');
    await expect(onQuote.locator('li')).toHaveCount(2);
    await page.getByRole('link', { name: 'Incident', exact: true }).click();
    const techniques = (await page.locator('[data-annotation-row] .techniques [data-mention]').allTextContents()).sort();
    expect(techniques).toHaveLength(2);

    // Export → STIX 2.1 bundle: a download named for the incident.
    const menu = page.locator('[data-screen="editor"]').getByText('Export', { exact: true });
    await expect(menu).toBeVisible();
    await menu.click();
    await saveScreenshot(page, 'export-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^STIX 2\.1 bundle/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${incidentId}.stix.json`);
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as Bundle;
    expect(bundle.type).toBe('bundle');
    const disarm = JSON.parse(readFileSync(join(served.clone.path, DISARM_STIX_PATH), 'utf8')) as { objects: { type: string; id: string; external_references?: { external_id?: string }[] }[] };
    const idOf = new Map(disarm.objects.filter((o) => o.type === 'attack-pattern').map((o) => [o.external_references?.find((r) => r.external_id)?.external_id, o.id]));
    const targets = bundle.objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'uses').map((o) => o.target_ref);
    expect(targets.sort()).toEqual(techniques.map((t) => idOf.get(t)).sort());
    await expect(page.getByRole('status').getByText(`Exported ${incidentId}.stix.json.`)).toBeVisible();

    // Review: the same menu for the chosen draft, here as a Navigator layer.
    await page.keyboard.press('Alt+5');
    const review = page.locator('[data-screen="review"]');
    await review.getByRole('combobox', { name: 'Draft' }).selectOption({ label: `${incidentId}: Messaging apps campaign` });
    await review.getByText('Export', { exact: true }).click();
    const [layerDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Navigator layer/ }).click()]);
    expect(layerDownload.suggestedFilename()).toBe(`${incidentId}.layer.json`);
    const layer = JSON.parse(readFileSync(await layerDownload.path(), 'utf8')) as { domain: string; techniques: { techniqueID: string }[] };
    expect(layer.domain).toBe('DISARM');
    expect(layer.techniques.map((t) => t.techniqueID).sort()).toEqual(techniques);

    // And the rows for the maintainers' master spreadsheet: each quote's row names its techniques.
    await review.getByText('Export', { exact: true }).click();
    const [rowsDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Master-data rows/ }).click()]);
    expect(rowsDownload.suggestedFilename()).toBe(`${incidentId}-master-rows.xlsx`);
    const sheet = await readSheet(readFileSync(await rowsDownload.path()), 'incidenttechniques');
    const column = (sheet[0] ?? []).indexOf('technique_ids');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(sheet.slice(1).flatMap((row) => String(row[column]).split(',')).sort()).toEqual(techniques);
    expectCleanPage(problems);
  });
});

/** I00068's techniques, as its page lists them. */
const I00068 = ['T0088.001', 'T0097.100', 'T0143.003', 'T0151.004', 'T0155.007'];

test('the framework grid exports the highlighted committed incident, and the heat map over all incidents', async ({ browser }) => {
  await withServedPage(browser, async ({ served, page, problems }) => {
    await page.goto(served.url);
    await expect(page.locator('nav[aria-label="Screens"]')).toBeVisible();
    await page.evaluate(() => (window.location.hash = '#/grid/I00068'));
    const grid = page.locator('[data-screen="grid"]');
    await expect(grid.locator('.summary')).toContainText('5 techniques used by');
    const menu = grid.getByText('Export', { exact: true });
    await expect(menu).toBeVisible();
    await menu.click();
    const [download] = await Promise.all([page.waitForEvent('download'), grid.getByRole('button', { name: /^STIX 2\.1 bundle/ }).click()]);
    expect(download.suggestedFilename()).toBe('I00068.stix.json');
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as Bundle;
    const disarm = JSON.parse(readFileSync(join(served.clone.path, DISARM_STIX_PATH), 'utf8')) as { objects: { type: string; id: string; external_references?: { external_id?: string }[] }[] };
    const techniqueOf = new Map(disarm.objects.filter((o) => o.type === 'attack-pattern').map((o) => [o.id, o.external_references?.find((r) => r.external_id)?.external_id]));
    expect(bundle.objects.filter((o) => o.relationship_type === 'uses').map((o) => techniqueOf.get(o.target_ref as string)).sort()).toEqual(I00068);

    await menu.click();
    await saveScreenshot(page, 'export-menu-grid');
    // Escape closes it, as a menu does; opened again for the heat map.
    await page.keyboard.press('Escape');
    await expect(grid.getByRole('button', { name: /^Heat map of all incidents/ })).toBeHidden();
    await menu.click();
    const [heat] = await Promise.all([page.waitForEvent('download'), grid.getByRole('button', { name: /^Heat map of all incidents/ }).click()]);
    expect(heat.suggestedFilename()).toBe('disarm-incidents-heatmap.layer.json');
    const layer = JSON.parse(readFileSync(await heat.path(), 'utf8')) as { name: string; techniques: { techniqueID: string; score: number; comment: string }[] };
    expect(layer.name).toMatch(/^DISARM incidents \(\d+\)$/);
    // I00068 counts once for each of its techniques.
    for (const id of I00068) expect(layer.techniques.find((t) => t.techniqueID === id)?.comment).toContain('I00068');
    expectCleanPage(problems);
  });
});
