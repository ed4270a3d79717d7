import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EDIT_LINE } from '../../../shared/edit-line';
import { GUARD_RULES, checkChanges, type GuardChange } from '../../../shared/guard';

const TECHNIQUE = 'generated_pages/techniques/T0155.007.md';
const PAGE = '# Technique T0155.007: Encrypted Communication Channel\n\n* **Summary**: x\n\n| Incident | Descriptions |\n| -------- | ------------ |\n\n' + EDIT_LINE;

function modified(newText: string, oldText = PAGE, path = TECHNIQUE): GuardChange {
  return { path, status: 'modified', oldText, newText };
}

describe('guard: pages with the edit line', () => {
  it('lets notes below the line through', () => {
    expect(checkChanges([modified(PAGE + '\n\nMy notes about this technique.\n')])).toEqual([]);
  });

  it('refuses one character changed above the line, naming the first changed line', () => {
    const changed = PAGE.replace('* **Summary**: x', '* **Summary**: y');
    const violations = checkChanges([modified(changed + '\nnotes')]);
    expect(violations).toEqual([expect.objectContaining({ file: TECHNIQUE, line: 3, rule: 'generated-changed' })]);
    expect(violations[0]?.message).toContain('line 3');
  });

  it('refuses an altered or removed edit line with its own code', () => {
    const altered = PAGE.replace(EDIT_LINE, EDIT_LINE.replace('NOTES', 'N0TES'));
    expect(checkChanges([modified(altered)])).toEqual([expect.objectContaining({ rule: 'edit-line-removed', line: 8 })]);
    expect(checkChanges([modified(PAGE.slice(0, PAGE.indexOf(EDIT_LINE)))])).toEqual([expect.objectContaining({ rule: 'edit-line-removed', line: 8 })]);
  });

  it('refuses text inserted just before the line, and a line break inserted before it', () => {
    expect(checkChanges([modified(PAGE.replace(EDIT_LINE, 'sneaky ' + EDIT_LINE))])[0]).toMatchObject({ rule: 'generated-changed', line: 8 });
    expect(checkChanges([modified(PAGE.replace(EDIT_LINE, '\n' + EDIT_LINE))])[0]).toMatchObject({ rule: 'generated-changed', line: 8 });
  });

  it('counts lines of CRLF pages and reports a changed line ending on its own line', () => {
    const crlf = PAGE.replace(/\n/g, '\r\n');
    expect(checkChanges([modified(crlf + '\r\nnotes\r\n', crlf)])).toEqual([]);
    const lostLf = crlf.replace('x\r\n', 'x\r');
    expect(checkChanges([modified(lostLf, crlf)])[0]).toMatchObject({ rule: 'generated-changed', line: 3 });
    expect(checkChanges([modified(PAGE, crlf)])[0]).toMatchObject({ rule: 'generated-changed', line: 1 });
  });

  it('splits a page with the line twice at the first: the second is notes', () => {
    const twice = PAGE + '\nold notes\n' + EDIT_LINE + '\nmore';
    expect(checkChanges([modified(twice + '\nadded', twice)])).toEqual([]);
    expect(checkChanges([modified(twice.replace('old notes', 'new notes'), twice)])).toEqual([]);
    expect(checkChanges([modified(twice.replace('* **Summary**: x', '* **Summary**: z'), twice)])[0]).toMatchObject({ rule: 'generated-changed', line: 3 });
  });

  it('compares byte-decoded (non-UTF-8) pages exactly', () => {
    const bytes = PAGE.replace('x', 'caf\u00e9\u00ff');
    expect(checkChanges([{ ...modified(bytes + '\n\u00fe\u00ff notes', bytes), encoding: 'bytes' }])).toEqual([]);
    expect(checkChanges([{ ...modified(bytes.replace('\u00ff', '\u00fe'), bytes), encoding: 'bytes' }])[0]).toMatchObject({ rule: 'generated-changed', line: 3 });
  });

  it('lets a change that keeps the mode through', () => {
    expect(checkChanges([{ ...modified(PAGE + '\nnotes'), oldMode: '100644', newMode: '100644' }])).toEqual([]);
  });

  it('property: any change after the line passes, any change up to and including it is refused at its first line', () => {
    const text = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.nat(PAGE.length - 1), fc.string({ minLength: 1, maxLength: 3 }), (notes, newNotes, at, insert) => {
        // Notes begin on a line of their own (text on the edit line itself is its own rule, below).
        expect(checkChanges([modified(PAGE + '\n' + newNotes, PAGE + '\n' + notes)])).toEqual([]);
        const broken = PAGE.slice(0, at) + insert + PAGE.slice(at) + '\n' + notes;
        const [violation] = checkChanges([modified(broken, PAGE + '\n' + notes)]);
        if (broken.startsWith(PAGE)) return; // the insert repeated the characters at `at`
        expect(violation?.rule).toMatch(/generated-changed|edit-line-removed/);
        const firstDiff = [...broken].findIndex((c, i) => c !== PAGE[i]);
        expect(violation?.line).toBe(broken.slice(0, firstDiff).split('\n').length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('guard: mode, the end of the edit line, text (issue 11)', () => {
  const INCIDENT = 'generated_pages/incidents/I00001.md';

  it('refuses a page made executable, or no longer executable, even with its text unchanged', () => {
    const [violation] = checkChanges([{ ...modified(PAGE), oldMode: '100644', newMode: '100755' }]);
    expect(violation).toMatchObject({ file: TECHNIQUE, line: 0, rule: 'mode-changed' });
    expect(violation?.message).toContain('100644 to 100755');
    expect(checkChanges([{ ...modified(PAGE + '\nnotes'), oldMode: '100755', newMode: '100644' }])[0]?.rule).toBe('mode-changed');
    // Settled on bytes too: the fast path must not wave it through.
    const bytes = new TextEncoder().encode(PAGE);
    expect(checkChanges([{ ...modified(PAGE), oldBytes: bytes, newBytes: bytes, oldMode: '100644', newMode: '100755' }])[0]?.rule).toBe('mode-changed');
  });

  it('refuses a new page that is executable', () => {
    const added = checkChanges([{ path: INCIDENT, status: 'added', newText: '# Incident I00001: x\n' + EDIT_LINE, newMode: '100755' }], { checkNewPage: () => [] });
    expect(added).toEqual([expect.objectContaining({ file: INCIDENT, rule: 'mode-changed' })]);
  });

  it('refuses text after the marker on the edit line, on a page that ends with the line and on one with notes', () => {
    // printf ' X' >> page: the page ends with the edit line and no newline.
    const [violation] = checkChanges([modified(PAGE + ' X')]);
    expect(violation).toMatchObject({ file: TECHNIQUE, line: 8, rule: 'edit-line-extended' });
    expect(violation?.message).toContain('" X"');
    expect(checkChanges([modified(PAGE + 'X\nnotes', PAGE + '\nnotes')])[0]).toMatchObject({ rule: 'edit-line-extended', line: 8 });
    const crlf = PAGE.replace(/\n/g, '\r\n');
    expect(checkChanges([modified(crlf + ' X\r\nnotes', crlf + '\r\nnotes')])[0]).toMatchObject({ rule: 'edit-line-extended', line: 8 });
    // The same on bytes (the git service's fast path).
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(checkChanges([{ ...modified(PAGE + ' X'), oldBytes: encode(PAGE), newBytes: encode(PAGE + ' X') }])[0]?.rule).toBe('edit-line-extended');
  });

  it('lets notes that start on their own line through, and keeps text the committed page already had on the line', () => {
    expect(checkChanges([modified(PAGE + '\nX'), modified(PAGE + '\r\nX'), modified(PAGE + '\rX')])).toEqual([]);
    expect(checkChanges([modified(PAGE + ' old\nnew notes', PAGE + ' old')])).toEqual([]);
    expect(checkChanges([modified(PAGE + ' older\n', PAGE + ' old')])[0]?.rule).toBe('edit-line-extended');
  });

  it('refuses a new incident page with text after its edit line', () => {
    const page = '# Incident I00001: x\n' + EDIT_LINE;
    expect(checkChanges([{ path: INCIDENT, status: 'added', newText: page + '\nnotes' }], { checkNewPage: () => [] })).toEqual([]);
    expect(checkChanges([{ path: INCIDENT, status: 'added', newText: page + ' notes' }], { checkNewPage: () => [] })[0]).toMatchObject({ rule: 'edit-line-extended', line: 2 });
  });

  it('refuses a page that stops being text: a NUL or another control character anywhere, below the line too', () => {
    const [nul] = checkChanges([modified(PAGE + '\n\nnotes\nmore\u0000notes')]);
    expect(nul).toMatchObject({ file: TECHNIQUE, line: 11, rule: 'not-text' });
    expect(nul?.message).toContain('U+0000');
    for (const control of ['\u0001', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f']) {
      expect(checkChanges([modified(PAGE + '\nnote ' + control)])[0]?.rule, JSON.stringify(control)).toBe('not-text');
    }
    // Tab and the line breaks are text.
    expect(checkChanges([modified(PAGE + '\n\tnote\r\nmore\rend')])).toEqual([]);
    // On bytes, and in a byte-decoded (non-UTF-8) page, and in a new page.
    const bytes = new TextEncoder().encode(PAGE + '\n\u0000');
    expect(checkChanges([{ ...modified(PAGE + '\n\u0000'), oldBytes: new TextEncoder().encode(PAGE), newBytes: bytes }])[0]?.rule).toBe('not-text');
    expect(checkChanges([{ ...modified(PAGE + '\n\u00ff\u0000', PAGE + '\n\u00ff'), encoding: 'bytes' }])[0]?.rule).toBe('not-text');
    const page = '# Incident I00001: x\n' + EDIT_LINE + '\nnote\u0000';
    expect(checkChanges([{ path: INCIDENT, status: 'added', newText: page }], { checkNewPage: () => [] })[0]).toMatchObject({ rule: 'not-text', line: 3 });
    // Above the line, both rules speak: the text changed and it is no longer text.
    expect(checkChanges([modified(PAGE.replace('x', '\u0000'))]).map((v) => v.rule)).toEqual(['generated-changed', 'not-text']);
  });

  it('leaves a file that was not text before the change to the other rules', () => {
    const binary = '\u0000\u0001';
    expect(checkChanges([modified('\u0000\u0002', binary, 'generated_files/data.bin')]).map((v) => v.rule)).toEqual(['read-only-page']);
  });
});

describe('guard: read-only files, deletes, renames, new files', () => {
  it('refuses any change to a page without the line (index pages)', () => {
    const index = '| id | name |\n| -- | ---- |\n| T0001 | x |\n';
    const [violation] = checkChanges([modified(index.replace('x |', 'y |'), index, 'generated_pages/techniques_index.md')]);
    expect(violation).toMatchObject({ file: 'generated_pages/techniques_index.md', line: 3, rule: 'read-only-page' });
    expect(checkChanges([modified('{"a":2}', '{"a":1}', 'generated_files/DISARM_STIX/DISARM.json')])[0]?.rule).toBe('read-only-page');
  });

  it('refuses deletes and renames, each with its own code', () => {
    expect(checkChanges([{ path: TECHNIQUE, status: 'deleted', oldText: PAGE }])[0]).toMatchObject({ rule: 'page-deleted', file: TECHNIQUE });
    const renamed = checkChanges([{ path: 'generated_pages/techniques/T0155.008.md', oldPath: TECHNIQUE, status: 'renamed', oldText: PAGE, newText: PAGE }]);
    expect(renamed[0]).toMatchObject({ rule: 'page-renamed', file: 'generated_pages/techniques/T0155.008.md' });
    expect(renamed[0]?.message).toContain(TECHNIQUE);
    expect(checkChanges([{ path: 'notes/elsewhere.md', oldPath: TECHNIQUE, status: 'renamed', oldText: PAGE, newText: PAGE }])[0]?.rule).toBe('page-renamed');
  });

  it('refuses symbolic links, submodules and unresolved conflicts', () => {
    expect(checkChanges([{ path: TECHNIQUE, status: 'typechanged', oldText: PAGE, newText: '/etc/passwd', oldMode: '100644', newMode: '120000' }])[0]?.rule).toBe('not-a-regular-file');
    expect(checkChanges([{ path: TECHNIQUE, status: 'unmerged' }])[0]?.rule).toBe('unmerged');
  });

  it('refuses new files that are not incident pages', () => {
    expect(checkChanges([{ path: 'generated_pages/techniques/T9999.md', status: 'added', newText: PAGE }])[0]?.rule).toBe('file-added');
    expect(checkChanges([{ path: 'generated_pages/notes.txt', status: 'added', newText: 'x' }])[0]?.rule).toBe('file-added');
  });

  it('leaves files outside the generated folders alone', () => {
    expect(checkChanges([{ path: 'README.md', status: 'deleted' }, { path: 'DISARM_MASTER_DATA/x.xlsx', status: 'modified', oldText: 'a', newText: 'b' }])).toEqual([]);
  });

  it('has a title and a fix for every code it reports', () => {
    for (const rule of Object.values(GUARD_RULES)) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });
});
