/**
 * The steps every analyst flow begins with, as a person does them in the browser: open the
 * served clone from the start screen, start a new incident, and fill the incident form and its
 * references by their labels. With the fields of the incident the article reports, which the
 * analyst specs write alike.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SOURCE_ARTICLE } from '../../helpers/fixtures';
import type { ServedWorkbench } from './serve';

/** The incident's fields besides its name and summary, by their labels in the form. */
export const ARTICLE_INCIDENT_FIELDS: Readonly<Record<string, string>> = {
  'Incident type': 'campaign',
  'Year started': '2025',
  'Attributed to (country)': 'Russia',
  'Found in country': 'Netherlands',
  'Found via': 'news',
  'Date added': '2025-03-01',
};

/** The article as the incident's reference, by the labels of a reference's fields. */
export const ARTICLE_REFERENCE: Readonly<Record<string, string>> = {
  URL: 'https://therecord.media/russia-whatsapp-signal-phishing',
  'Publication date': '2025/02/20',
  Authors: 'Daryna Antoniuk',
  Organisation: 'The Record',
  'Archive URL': 'https://web.archive.org/web/2025/https://therecord.media/russia-whatsapp-signal-phishing',
};

/** Opens the served clone by typing its folder on the start screen (the browser's way); the library shows. */
export async function openServedCheckout(page: Page, served: ServedWorkbench): Promise<void> {
  await page.goto(served.url);
  await expect(page.locator('[data-screen="start"]')).toBeVisible();
  await page.getByRole('textbox', { name: 'Checkout folder', exact: true }).fill(served.clone.path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.locator('[data-screen="library"]')).toBeVisible();
}

/** Starts a new incident from the library and gives its id (allocated at once). */
export async function startIncident(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'New incident' }).click();
  await expect(page.locator('[data-screen="editor"]')).toBeVisible();
  await expect(page.locator('[data-incident-id]')).toHaveText(/^I\d{5}$/);
  return (await page.locator('[data-incident-id]').textContent()) ?? '';
}

/** Types each value into the text field of `scope` labelled with its key, in order. */
export async function fillFields(scope: Page | Locator, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await scope.getByRole('textbox', { name, exact: true }).fill(value);
}

/** Adds a reference to the open incident and fills it; `number` is its place in the list, from 1. */
export async function addReference(page: Page, number: number, values: Readonly<Record<string, string>>): Promise<void> {
  await page.getByRole('button', { name: 'Add reference' }).click();
  await fillFields(page.getByRole('group', { name: `Reference ${number}` }), values);
}

/** From the incident screen: open the quote tagger and give it the real article as its source. */
export async function openTaggerWithArticle(page: Page, title = 'The Record'): Promise<void> {
  await page.getByRole('link', { name: 'Open the quote tagger' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('textbox', { name: 'Source text', exact: true }).fill(readFileSync(SOURCE_ARTICLE, 'utf8'));
  await page.getByRole('button', { name: 'Use this text' }).click();
}
