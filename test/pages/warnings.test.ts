/**
 * The oddities that do not stop a parse are reported the same way for every page kind, and the
 * same way by parsePage and by loading a checkout (one rule, shared/pages/warnings.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { EDIT_LINE } from '../../shared/edit-line';
import { parsePage } from '../../shared/pages';
import { DISARM_DIR, tempDir } from '../helpers/fixtures';

const TECHNIQUE = 'generated_pages/techniques/T0155.007.md';
const INCIDENT = 'generated_pages/incidents/I00068.md';
const COUNTER = 'generated_pages/counters/C00006.md';
const read = (path: string) => readFileSync(join(DISARM_DIR, path), 'utf8');

function warningsOf(path: string, text: string): readonly string[] {
  const result = parsePage(path, text);
  if (!result.ok) throw new Error(`${path} did not parse: ${result.reason}`);
  return result.page.warnings;
}

describe('page warnings', () => {
  it('are none for the real pages as they are', () => {
    for (const path of [TECHNIQUE, INCIDENT, COUNTER]) expect(warningsOf(path, read(path)), path).toEqual([]);
  });

  it('name a page without its edit line, of any kind', () => {
    for (const path of [TECHNIQUE, INCIDENT, COUNTER]) {
      expect(warningsOf(path, read(path).replace(EDIT_LINE, 'no line')), path).toContain('the page has no edit line');
    }
  });

  it('name a title without an id, with the kind, and do not also call it a file-name mismatch', () => {
    const technique = warningsOf(TECHNIQUE, read(TECHNIQUE).replace('# Technique T0155.007:', '# Technique :'));
    expect(technique).toEqual(['the title has no technique id (an empty row of the master data?)']);
    const counter = warningsOf(COUNTER, read(COUNTER).replace(/^# Counters? C00006/, (title) => title.replace(' C00006', '')));
    expect(counter).toEqual(['the title has no counter id (an empty row of the master data?)']);
  });

  it('name a description that holds a raw "|", in technique and incident pages', () => {
    const technique = read(TECHNIQUE).replace('deepfake calls targeting', 'deepfake calls | targeting');
    expect(warningsOf(TECHNIQUE, technique)).toEqual(['the description for I00068 holds a raw "|", which splits its table cell']);
    const incident = read(INCIDENT).replace(/^(\| \[T0155\.007 [^\n]*?\| <i>)/m, '$1a raw | ');
    expect(incident).not.toBe(read(INCIDENT));
    expect(warningsOf(INCIDENT, incident)).toEqual(['the description for T0155.007 holds a raw "|", which splits its table cell']);
  });

  describe('a title whose id is not its file name', () => {
    const folder = tempDir();
    const misnamed = 'generated_pages/techniques/T0001.md';
    beforeAll(() => {
      mkdirSync(join(folder.path, 'generated_pages', 'techniques'), { recursive: true });
      writeFileSync(join(folder.path, misnamed), read(TECHNIQUE));
    });
    afterAll(() => folder.dispose());

    it('is named the same way by parsePage and by loading a checkout', async () => {
      const expected = 'the title\'s id "T0155.007" differs from the file name "T0001"';
      expect(warningsOf(misnamed, read(TECHNIQUE))).toEqual([expected]);
      const loaded = await loadCheckout(folder.path);
      expect(loaded.warnings).toEqual([{ file: misnamed, message: expected }]);
    });
  });
});
