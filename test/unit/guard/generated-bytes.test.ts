/**
 * The edit-line rule on bytes (shared/guard/generated-bytes.ts) never disagrees with the rule on
 * texts: over generated pages of random bytes (ASCII, UTF-8, invalid UTF-8, a BOM, CRLF, the line
 * once, twice or not at all) changed in every way, the guard given the bytes as well reports
 * exactly what it reports from the texts alone, decoded the way the git service decodes them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EDIT_LINE } from '../../../shared/edit-line';
import { checkChanges, keepsGeneratedBytes, type GuardChange } from '../../../shared/guard';
import { decodeLosslessly } from '../../../electron/git/core/decode';

const PATH = 'generated_pages/techniques/T0155.007.md';

/** Both sides as texts, decoded by the git service's own decoder. */
function asTexts(before: Uint8Array, after: Uint8Array): { oldText: string; newText: string; encoding: 'utf8' | 'bytes' } {
  const { texts, encoding } = decodeLosslessly([before, after]);
  return { oldText: texts[0] ?? '', newText: texts[1] ?? '', encoding };
}

function change(before: Uint8Array, after: Uint8Array, withBytes: boolean): GuardChange {
  return { path: PATH, status: 'modified', ...asTexts(before, after), ...(withBytes ? { oldBytes: before, newBytes: after } : {}) };
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Pieces of pages: ASCII, other UTF-8, bytes that are not UTF-8, line ends, a BOM, the marker itself. */
const piece = fc.oneof(
  fc.string({ maxLength: 12 }).map(bytesOf),
  fc.constantFrom('é', '“quoted”', '日本', '\r\n', '\n', '\r', '\uFEFF', EDIT_LINE, EDIT_LINE.slice(0, 20)).map(bytesOf),
  fc.uint8Array({ maxLength: 6 }),
);
const bytes = fc.array(piece, { maxLength: 8 }).map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

/** A page: generated part, usually the line, notes. */
const page = fc.tuple(bytes, fc.constantFrom(0, 1, 1, 1, 2), bytes).map(([generated, lines, notes]) => Uint8Array.from([...generated, ...Array.from({ length: lines }, () => [...bytesOf(EDIT_LINE), ...bytesOf('\n')]).flat(), ...notes]));

/** Ways a page changes: notes appended, a byte changed, inserted or removed anywhere, or another page. */
const edit = fc.oneof(
  fc.tuple(page, bytes).map(([before, extra]) => [before, Uint8Array.from([...before, ...extra])] as const),
  fc.tuple(page, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([before, at, value]) => {
    const after = Uint8Array.from(before);
    if (after.length > 0) after[at % after.length] = value;
    return [before, after] as const;
  }),
  fc.tuple(page, fc.nat(), bytes).map(([before, at, inserted]) => {
    const i = before.length === 0 ? 0 : at % before.length;
    return [before, Uint8Array.from([...before.slice(0, i), ...inserted, ...before.slice(i)])] as const;
  }),
  fc.tuple(page, fc.nat(), fc.nat({ max: 8 })).map(([before, at, count]) => {
    const i = before.length === 0 ? 0 : at % before.length;
    return [before, Uint8Array.from([...before.slice(0, i), ...before.slice(i + count)])] as const;
  }),
  fc.tuple(page, page),
);

describe('the edit-line rule on bytes', () => {
  it('settles notes appended below the line, and nothing else', () => {
    const before = bytesOf(`# Technique T0155.007: x\n\n${EDIT_LINE}\n`);
    expect(keepsGeneratedBytes(before, bytesOf(`# Technique T0155.007: x\n\n${EDIT_LINE}\nnotes`), EDIT_LINE)).toBe(true);
    expect(keepsGeneratedBytes(before, bytesOf(`# Technique T0155.007: y\n\n${EDIT_LINE}\nnotes`), EDIT_LINE)).toBe(false);
    expect(keepsGeneratedBytes(bytesOf('# An index page\n'), bytesOf('# An index page\nmore'), EDIT_LINE)).toBe(false);
    expect(keepsGeneratedBytes(bytesOf('é NE PAS ÉDITER\n'), bytesOf('é NE PAS ÉDITER\nnotes'), 'NE PAS ÉDITER')).toBe(false);
    // Text after the marker on its own line is not settled here (the text rule refuses it).
    expect(keepsGeneratedBytes(before, bytesOf(`# Technique T0155.007: x\n\n${EDIT_LINE} X\n`), EDIT_LINE)).toBe(false);
    expect(keepsGeneratedBytes(before, bytesOf(`# Technique T0155.007: x\n\n${EDIT_LINE}`), EDIT_LINE)).toBe(true);
  });

  it('gives the guard the same answers as the texts alone, on any page and any change', () => {
    fc.assert(
      fc.property(edit, ([before, after]) => {
        const fromTexts = checkChanges([change(before, after, false)]);
        expect(checkChanges([change(before, after, true)])).toEqual(fromTexts);
        // The bytes settle the edit-line rule; that the page stays text is judged apart.
        if (keepsGeneratedBytes(before, after, EDIT_LINE)) expect(fromTexts.filter((v) => v.rule !== 'not-text')).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('settles most changes that keep the line (the point of it)', () => {
    let allowed = 0;
    let settled = 0;
    fc.assert(
      fc.property(edit, ([before, after]) => {
        if (checkChanges([change(before, after, false)]).length === 0) {
          allowed++;
          if (keepsGeneratedBytes(before, after, EDIT_LINE)) settled++;
        }
      }),
      { numRuns: 1000 },
    );
    expect(settled).toBeGreaterThan(allowed / 3);
  });
});
