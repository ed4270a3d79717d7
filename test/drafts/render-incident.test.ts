import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { splitAtEditLine, EDIT_LINE } from '../../shared/edit-line';
import { parseIncidentPage, parseTechniquePage } from '../../shared/pages';
import { newDraft } from '../../shared/drafts/changes';
import { lookupFromList } from '../../shared/drafts/framework-lookup';
import { masterRowsToDraftContent } from '../../shared/drafts/master-rows';
import { findBlocks } from '../../shared/drafts/notes-blocks';
import { applyDraftToTechniquePage, renderDraftIncidentGenerated, renderDraftIncidentPage, renderYear } from '../../shared/drafts/render-incident';
import { parseDescription } from '../../shared/drafts/render-description';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import type { Catalog } from '../../shared/catalog';
import { DISARM_DIR } from '../helpers/fixtures';

const SPREADSHEET = join(DISARM_DIR, 'DISARM_MASTER_DATA', 'DISARM_DATA_MASTER.xlsx');
let catalog: Catalog;
const rows: Record<string, Record<string, unknown>[]> = {};

beforeAll(async () => {
  catalog = (await loadCheckout(DISARM_DIR)).catalog;
  for (const name of ['incidents', 'urls', 'incidenttechniques']) {
    const [header, ...data] = (await readSheet(SPREADSHEET, name)) as unknown[][];
    rows[name] = data.map((row) => Object.fromEntries((header as string[]).map((c, i) => [c, row[i] ?? null])));
  }
});

function draftOf(incidentId: string) {
  const incident = rows.incidents?.find((r) => r.disarm_id === incidentId) as Record<string, unknown>;
  const links = (rows.incidenttechniques ?? []).filter((r) => r.incident_id === incidentId);
  return newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', masterRowsToDraftContent(incident, rows.urls ?? [], links, { newId: randomUUID }));
}

describe('rendering a draft as an incident page', () => {
  it('reproduces I00068’s generated part byte for byte from its data', () => {
    const page = readFileSync(join(DISARM_DIR, 'generated_pages', 'incidents', 'I00068.md'), 'utf8');
    expect(renderDraftIncidentGenerated(draftOf('I00068'), catalog)).toBe(splitAtEditLine(page).generated);
  });

  it('writes the notes as the draft’s own block, and keeps others’ notes when rendered again', () => {
    const draft = { ...draftOf('I00068'), incident: { ...draftOf('I00068').incident, notes: 'Checked against the archived post.' } };
    const first = renderDraftIncidentPage(draft, catalog);
    const split = splitAtEditLine(first);
    expect(split.notes).toBe('\n\n<!-- disarm-workbench incident=I00068 -->\nChecked against the archived post.\n<!-- /disarm-workbench incident=I00068 -->\n');
    expect(first).not.toContain(draft.id);
    const edited = first + '\nA maintainer’s note.\n';
    const again = renderDraftIncidentPage({ ...draft, incident: { ...draft.incident, notes: 'Rechecked.' } }, catalog, edited);
    expect(again).toContain('Rechecked.');
    expect(again).not.toContain('Checked against');
    expect(again.endsWith('\nA maintainer’s note.\n')).toBe(true);
    expect(renderDraftIncidentPage({ ...draft, incident: { ...draft.incident, notes: 'Rechecked.' } }, catalog, again)).toBe(again);
    const parsed = parseIncidentPage(again);
    expect(parsed.ok && parsed.page.format).toBe('newest');
  });

  it('prints the year as the generator prints the spreadsheet’s number', () => {
    expect(renderYear('2016')).toBe('2016.0');
    expect(renderYear('')).toBe('');
    expect(renderYear('circa 2016')).toBe('circa 2016');
  });

  it('keeps table cells and the edit line safe whatever the analyst typed', () => {
    const lookup = lookupFromList([{ id: 'T0143.003', name: 'Impersonated Persona' }]);
    const draft = newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', {
      incidentId: 'I00130',
      incident: { name: `Name with\na line break and ${EDIT_LINE}`, summary: 'Uses <script>alert(1)</script> and <b>bold</b>' },
      annotations: [{ id: randomUUID(), quote: 'a quote | with a pipe\nand a line', techniqueIds: ['T0143.003'], explanation: 'x | y <img src=x onerror=alert(1)>', review: 'accepted', linkId: 'IT00000549' }],
    });
    const page = renderDraftIncidentPage(draft, lookup);
    expect(page.indexOf(EDIT_LINE)).toBe(page.lastIndexOf(EDIT_LINE));
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('<b>bold</b>');
    const parsed = parseIncidentPage(page);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.page.format).toBe('newest');
    expect(parsed.page.techniques).toHaveLength(1);
    const description = parseDescription(parsed.page.techniques[0]?.description ?? '');
    expect(description).toEqual({ quote: 'a quote | with a pipe\nand a line', explanation: 'x | y &lt;img src=x onerror=alert(1)>' });
  });
});

describe('the notes entry on a technique page', () => {
  it('is added once below the line, updated in place, removed when untagged; the rest is kept', () => {
    const path = join(DISARM_DIR, 'generated_pages', 'techniques', 'T0155.007.md');
    const original = readFileSync(path, 'utf8') + '\n\nAn analyst’s earlier note.\n';
    const draft = { ...draftOf('I00068'), incidentId: 'I00130' };
    const once = applyDraftToTechniquePage(original, draft, 'T0155.007');
    expect(once.startsWith(original)).toBe(true);
    const twice = applyDraftToTechniquePage(once, draft, 'T0155.007');
    expect(twice).toBe(once);
    const blocks = findBlocks(splitAtEditLine(once).notes);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.body).toContain('| [I00130 Attempted Audio Deepfake Call Targets LastPass Employee](../../generated_pages/incidents/I00130.md) | <i>“While reports of');
    const parsed = parseTechniquePage(once);
    expect(parsed.ok && parsed.page.format).toBe('newest');

    const edited = { ...draft, annotations: draft.annotations.map((a) => ({ ...a, explanation: a.explanation + ' Edited.' })) };
    const updated = applyDraftToTechniquePage(once, edited, 'T0155.007');
    expect(findBlocks(splitAtEditLine(updated).notes)).toHaveLength(1);
    expect(updated).toContain('Edited.');

    const untagged = { ...draft, annotations: draft.annotations.map((a) => ({ ...a, techniqueIds: a.techniqueIds.filter((t) => t !== 'T0155.007') })) };
    expect(applyDraftToTechniquePage(updated, untagged, 'T0155.007')).toBe(original);
  });

  it('holds the generator’s own row for the incident: one row, the descriptions of every quote joined by ", "', () => {
    // I00084 tags T0151.004 on two quotes: the generator's page lists it once, with both descriptions.
    const page = readFileSync(join(DISARM_DIR, 'generated_pages', 'techniques', 'T0151.004.md'), 'utf8');
    // Its descriptions open with `<I>`; a draft writes the newest format's `<i>` (otherwise the same).
    const generatedRow = splitAtEditLine(page).generated.split('\n').find((line) => line.startsWith('| [I00084 '))?.replace(/<(\/?)I>/g, '<$1i>');
    const draft = draftOf('I00084');
    expect(draft.annotations.filter((a) => a.techniqueIds.includes('T0151.004'))).toHaveLength(2);
    const block = findBlocks(splitAtEditLine(applyDraftToTechniquePage(page, draft, 'T0151.004')).notes);
    expect(block).toHaveLength(1);
    expect(block[0]?.body).toBe(`| Incident | Descriptions given for this incident |\n| -------- | -------------------- |\n${generatedRow}`);
  });

  it('writes no entry, and removes its own, once the generated part lists the incident with its rows', () => {
    const path = join(DISARM_DIR, 'generated_pages', 'techniques', 'T0155.007.md');
    const draft = { ...draftOf('I00068'), incidentId: 'I00130' };
    const page = readFileSync(path, 'utf8');
    const withBlock = applyDraftToTechniquePage(page, draft, 'T0155.007');
    const row = findBlocks(splitAtEditLine(withBlock).notes)[0]?.body.split('\n').find((line) => line.startsWith('| [I00130 ')) as string;
    // The maintainers' regeneration: the row in the generated table (after I00068's), the block kept below.
    const i00068 = page.split('\n').find((line) => line.startsWith('| [I00068 ')) as string;
    const regenerated = withBlock.replace(`${i00068}\n`, `${i00068}\n${row}\n`);
    expect(regenerated).not.toBe(withBlock);
    expect(applyDraftToTechniquePage(regenerated, draft, 'T0155.007')).toBe(page.replace(`${i00068}\n`, `${i00068}\n${row}\n`));
    // Edited since: the entry differs from the generated row, and is written.
    const edited = { ...draft, annotations: draft.annotations.map((a) => ({ ...a, explanation: `${a.explanation} Edited.` })) };
    expect(findBlocks(splitAtEditLine(applyDraftToTechniquePage(regenerated, edited, 'T0155.007')).notes)).toHaveLength(1);
  });

  it('replaces a block with the old private marker by the public one when applied again', () => {
    const path = join(DISARM_DIR, 'generated_pages', 'techniques', 'T0155.007.md');
    const draft = { ...draftOf('I00068'), incidentId: 'I00130' };
    const other = randomUUID();
    const page = readFileSync(path, 'utf8');
    const theirs = `<!-- disarm-workbench:begin draft=${other} incident=I00130 -->\ntheirs\n<!-- disarm-workbench:end draft=${other} -->`;
    const old = `${page}\n\n<!-- disarm-workbench:begin draft=${draft.id} incident=I00130 -->\nold row\n<!-- disarm-workbench:end draft=${draft.id} -->\n\nA note.\n\n${theirs}\n`;
    const applied = applyDraftToTechniquePage(old, draft, 'T0155.007');
    expect(applied).not.toContain(draft.id);
    expect(applied).not.toContain('old row');
    expect(applied).toContain('\n<!-- /disarm-workbench incident=I00130 -->\n\nA note.\n\n' + theirs + '\n');
    expect(findBlocks(splitAtEditLine(applied).notes).map((b) => b.draftId)).toEqual([undefined, other]);
  });
});
