/**
 * A technique-page block's life against the page's generated part, on a real fixture page:
 * pending (the generated part does not list the incident), redundant (it lists it with the same
 * row: tidy removes the block, lint warns), differs (kept, for the analyst to decide).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryBlocks, TECHNIQUE_INCIDENTS_HEADER, tidyPage } from '../../shared/drafts/block-lifecycle';
import { lookupFromList } from '../../shared/drafts/framework-lookup';
import { renderBlock } from '../../shared/drafts/notes-blocks';
import { splitAtEditLine } from '../../shared/edit-line';
import { lintPage } from '../../shared/validation';
import { DISARM_DIR } from '../helpers/fixtures';

const page = readFileSync(join(DISARM_DIR, 'generated_pages', 'techniques', 'T0151.004.md'), 'utf8');
const generatedRow = splitAtEditLine(page).generated.split('\n').find((line) => line.startsWith('| [I00084 ')) as string;
const entry = (incidentId: string, row: string) => renderBlock(incidentId, TECHNIQUE_INCIDENTS_HEADER + row);
const NOTE = 'An analyst’s own note, kept.';

describe('a technique-page block', () => {
  it('is redundant once the generated part has its row: tidy leaves the page and the analyst’s notes', () => {
    const notes = `\n\n${NOTE}\n\n${entry('I00084', generatedRow)}\n\nLater note.\n`;
    const tidied = tidyPage(page + notes);
    expect(tidied.removed.map((b) => [b.block.incidentId, b.state])).toEqual([['I00084', 'redundant']]);
    expect(tidied.text).toBe(`${page}\n\n${NOTE}\n\nLater note.\n`);
    expect(tidyPage(tidied.text).removed).toEqual([]);
    // Alone below the line, it goes with its line breaks: the page is the generator's again.
    expect(tidyPage(`${page}\n\n${entry('I00084', generatedRow)}\n`).text).toBe(page);
  });

  it('is kept while the generated part does not list the incident, and when its rows differ', () => {
    const pending = entry('I00130', generatedRow.replace(/I00084/g, 'I00130'));
    const edited = entry('I00084', generatedRow.replace('diplomats', 'diplomats (edited)'));
    const text = `${page}\n\n${pending}\n\n${edited}\n\n${NOTE}\n`;
    expect(entryBlocks(text).map((b) => [b.block.incidentId, b.state])).toEqual([
      ['I00130', 'pending'],
      ['I00084', 'differs'],
    ]);
    const tidied = tidyPage(text);
    expect(tidied.text).toBe(text);
    expect(tidied.differing.map((b) => b.block.incidentId)).toEqual(['I00084']);
  });

  it('never counts a block of notes (an incident page’s) as an entry', () => {
    expect(entryBlocks(`${page}\n\n${renderBlock('I00084', generatedRow)}\n`)).toEqual([]);
  });

  it('is reported by lint as redundant-block, a warning whose fix tidies the page', () => {
    const text = `${page}\n\n${NOTE}\n\n${entry('I00084', generatedRow)}\n`;
    const found = lintPage(text, { lookup: lookupFromList([]) }).filter((d) => d.code === 'redundant-block');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', range: { line: text.slice(0, text.indexOf('<!-- disarm-workbench')).split('\n').length } });
    expect(found[0]?.message).toContain('disarm-workbench tidy');
    const edit = found[0]?.fixes[0]?.edits[0] as { start: number; end: number; text: string };
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe(`${page}\n\n${NOTE}\n`);
  });
});
