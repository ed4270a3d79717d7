import { describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../../shared/edit-line';
import { checkChanges, repairGeneratedPart } from '../../../shared/guard';

const BASE = '# Technique T0001: x\n\n* **Summary**: s\n\n' + EDIT_LINE + '\n\nold notes\n';

describe('repair', () => {
  it('restores the generated part and keeps every word below the line', () => {
    const broken = BASE.replace('s\n', 'changed\n') + 'new notes\n';
    const result = repairGeneratedPart(BASE, broken);
    expect(result).toEqual({ ok: true, text: BASE + 'new notes\n', notesFrom: 'below-line', unchanged: false });
    if (result.ok) expect(checkChanges([{ path: 'generated_pages/techniques/T0001.md', status: 'modified', oldText: BASE, newText: result.text }])).toEqual([]);
  });

  it('keeps the whole text below a restored line when the line itself was lost', () => {
    const lost = BASE.replace(EDIT_LINE, '');
    const result = repairGeneratedPart(BASE, lost);
    expect(result.ok && result.notesFrom).toBe('whole-text');
    expect(result.ok && result.text.endsWith(lost)).toBe(true);
    expect(result.ok && result.text.startsWith(BASE.slice(0, BASE.indexOf(EDIT_LINE) + EDIT_LINE.length))).toBe(true);
  });

  it('moves text written after the marker onto a line of its own, every word kept (issue 11)', () => {
    const ending = BASE.slice(0, BASE.indexOf(EDIT_LINE) + EDIT_LINE.length);
    const result = repairGeneratedPart(ending, ending + ' X');
    expect(result).toEqual({ ok: true, text: ending + '\n X', notesFrom: 'below-line', unchanged: false });
    if (result.ok) expect(checkChanges([{ path: 'generated_pages/techniques/T0001.md', status: 'modified', oldText: ending, newText: result.text }])).toEqual([]);
    const crlf = BASE.replace(/\n/g, '\r\n');
    const withNotes = crlf.replace(EDIT_LINE, EDIT_LINE + 'mine');
    expect(repairGeneratedPart(crlf, withNotes)).toMatchObject({ ok: true, text: crlf.replace(EDIT_LINE, EDIT_LINE + '\r\nmine') });
    // Text the committed page already had on the line is not the analyst's to move.
    expect(repairGeneratedPart(ending + ' kept', ending + ' kept\nnotes')).toMatchObject({ ok: true, unchanged: true });
  });

  it('says an intact page is unchanged, and refuses to repair a page that never had the line', () => {
    expect(repairGeneratedPart(BASE, BASE + 'more')).toMatchObject({ ok: true, unchanged: true });
    expect(repairGeneratedPart('| index |\n', '| changed |\n')).toMatchObject({ ok: false });
  });
});
