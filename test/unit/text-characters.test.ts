// shared/text-characters.ts: the one definition of the characters that do not belong in framework
// text, read by the guard (bytes) and by validation (strings). Properties over any text, with the
// test's own reading of the definition (char codes, not the module's regular expressions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesAreText, codePointLabel, findSuspectCharacters, hasControlCharacter, withoutControlCharacters } from '../../shared/text-characters';

/** C0 except tab, line feed and carriage return, and DEL. */
const isControl = (unit: number) => (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f;

/** Every C0 control, DEL, the bidi and zero-width characters, their neighbours, and anything else. */
const text = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u007E', '\u007F', '\u0080', '\u061B', '\u061C', '\u200A', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2010', '\u2029', '\u202A', '\u202E', '\u202F', '\u205F', '\u2060', '\u2065', '\u2066', '\u2069', '\u206A', '\uFEFE', '\uFEFF', '\uFFFD'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('withoutControlCharacters', () => {
  it('leaves no control character and keeps every other character, in order', () => {
    fc.assert(
      fc.property(text, (t) => {
        const cleaned = withoutControlCharacters(t);
        expect(hasControlCharacter(cleaned)).toBe(false);
        expect(cleaned).toBe([...t].filter((c) => !(c.length === 1 && isControl(c.charCodeAt(0)))).join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps tab, line feed and carriage return, and changes a text without controls not at all', () => {
    expect(withoutControlCharacters('a\tb\r\nc\u0000d\u007F')).toBe('a\tb\r\ncd');
    fc.assert(fc.property(text, (t) => hasControlCharacter(t) || withoutControlCharacters(t) === t));
  });
});

describe('bytesAreText', () => {
  it('agrees with hasControlCharacter on the UTF-8 of any string', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(text, (t) => bytesAreText(encoder.encode(t)) === !hasControlCharacter(t)),
      { numRuns: 3000 },
    );
  });

  it('refuses a NUL anywhere, not only in git’s first 8,000 bytes', () => {
    const bytes = new TextEncoder().encode('x'.repeat(10_000) + '\u0000');
    expect(bytesAreText(bytes)).toBe(false);
    expect(bytesAreText(bytes.subarray(0, 10_000))).toBe(true);
  });
});

describe('findSuspectCharacters', () => {
  it('finds each control character at its offset, as many as withoutControlCharacters removes', () => {
    fc.assert(
      fc.property(text, (t) => {
        const controls = findSuspectCharacters(t).filter((c) => c.kind === 'control');
        expect(controls.length).toBe(t.length - withoutControlCharacters(t).length);
        for (const c of controls) {
          expect(isControl(t.charCodeAt(c.offset))).toBe(true);
          expect(c.codePoint).toBe(codePointLabel(t.charAt(c.offset)));
        }
      }),
    );
  });

  it('names the kinds: bidi controls and zero-width characters apart from controls', () => {
    expect(findSuspectCharacters('a\u0000b\u202Ec\u200Bd\uFEFF\u2066\t\n')).toEqual([
      { kind: 'control', offset: 1, codePoint: 'U+0000' },
      { kind: 'bidi-control', offset: 3, codePoint: 'U+202E' },
      { kind: 'zero-width', offset: 5, codePoint: 'U+200B' },
      { kind: 'zero-width', offset: 7, codePoint: 'U+FEFF' },
      { kind: 'bidi-control', offset: 8, codePoint: 'U+2066' },
    ]);
  });
});
