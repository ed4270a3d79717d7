import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EDIT_LINE, countEditLines, joinAtEditLine, lineNumberAt, replaceNotes, splitAtEditLine } from '../../shared/edit-line';

/** Text that sometimes contains the marker, CRLF and lone CRs, the cases a page can hold. */
const pageText = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(EDIT_LINE, '\r\n', '\r', '\n', 'DO NOT EDIT')), { maxLength: 8 }).map((parts) => parts.join(''));

describe('edit line', () => {
  it('split then join gives back any text (property)', () => {
    fc.assert(fc.property(pageText, (text) => joinAtEditLine(splitAtEditLine(text)) === text), { numRuns: 3000 });
  });

  it('splits at the first marker: generated part without it, notes verbatim (property)', () => {
    fc.assert(
      fc.property(pageText, pageText, (generated, notes) => {
        // The marker's first occurrence must be the one we insert (the generated part could end in a prefix of it).
        fc.pre((generated + EDIT_LINE).indexOf(EDIT_LINE) === generated.length);
        const split = splitAtEditLine(generated + EDIT_LINE + notes);
        return split.hasLine && split.generated === generated && split.notes === notes;
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps CRLF pages byte for byte and counts lines across CRLF and CR', () => {
    const page = '# T0001\r\n\r\n**Summary**: x\r\n' + EDIT_LINE + '\r\nnote\r\n';
    const split = splitAtEditLine(page);
    expect(split.hasLine && split.lineNumber).toBe(4);
    expect(split.notes).toBe('\r\nnote\r\n');
    expect(lineNumberAt('a\rb\nc\r\nd', 8)).toBe(4);
  });

  it('counts lines before an offset the plain way: LF, CRLF once, a lone CR (property)', () => {
    const plain = (text: string, offset: number): number => {
      let line = 1;
      for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
      }
      return line;
    };
    fc.assert(fc.property(pageText, fc.nat({ max: 400 }), (text, offset) => lineNumberAt(text, offset) === plain(text, offset)), { numRuns: 3000 });
  });

  it('treats a page without the line as all generated', () => {
    const split = splitAtEditLine('| index | table |\n');
    expect(split.hasLine).toBe(false);
    expect(split.generated).toBe('| index | table |\n');
  });

  it('keeps text after the marker on the same line as notes', () => {
    const split = splitAtEditLine(`x\n${EDIT_LINE} trailing words\nmore`);
    expect(split.notes).toBe(' trailing words\nmore');
  });

  it('uses the first of two markers and counts both', () => {
    const text = `a\n${EDIT_LINE}\nb\n${EDIT_LINE}\nc`;
    expect(splitAtEditLine(text).notes).toBe(`\nb\n${EDIT_LINE}\nc`);
    expect(countEditLines(text)).toBe(2);
  });

  it('replaces notes and keeps the generated part', () => {
    expect(replaceNotes(`gen\n${EDIT_LINE}old`, '\n\nnew')).toBe(`gen\n${EDIT_LINE}\n\nnew`);
    expect(() => replaceNotes('no line here', 'x')).toThrow(/no edit line/);
  });

  it('accepts another marker for a fork', () => {
    expect(splitAtEditLine('a\n--- NOTES ---\nb', '--- NOTES ---').notes).toBe('\nb');
  });
});
