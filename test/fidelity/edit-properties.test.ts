/**
 * Properties of the edit line, against the real guard and the real generator: any below-line
 * edit the guard accepts comes out of the maintainers' generator byte for byte, even on a page
 * the generator rewrites (its generated part stale: it only rewrites pages whose generated part
 * changed); any above-line edit is refused by the guard. The generator is slow (about 20–60 s), so
 * it runs once over many pages each given one random edit (fast-check samples them from a fixed
 * seed); the guard, being fast, is asserted as a property over many runs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAtEditLine } from '../../shared/edit-line';
import { checkChange, type GuardChange } from '../../shared/guard';
import { cloneHistory, DISARM_DIR, type HistoryClone } from '../helpers/fixtures';
import { findGeneratorPython, NO_PYTHON_REASON, upstreamLayout, type UpstreamLayout } from './generator';

const python = findGeneratorPython();
const FOLDERS = ['techniques', 'incidents', 'tactics', 'counters'];

/** Repository paths of the fixture's pages with an edit line, every `step`-th of them from the `phase`-th. */
function pagesWithLine(root: string, step: number, phase = 0): string[] {
  const paths = FOLDERS.flatMap((folder) => readdirSync(join(root, 'generated_pages', folder)).sort().map((name) => `generated_pages/${folder}/${name}`));
  return paths.filter((path, i) => i % step === phase && splitAtEditLine(readFileSync(join(root, path), 'utf8')).hasLine);
}

/** A change of a committed page as the guard sees it. */
function change(path: string, oldText: string, newText: string): GuardChange {
  return { path, status: 'modified', oldText, newText, oldMode: '100644', newMode: '100644', encoding: 'utf8' };
}

/**
 * Text an analyst might write: markdown, the framework's tags, pipes, line breaks, any script.
 * Not a carriage return: the guard accepts one below the line, but the generator reads pages with
 * Python's universal newlines and writes CR LF and a lone CR back as LF on any page it rewrites
 * (this test found it; the last test below pins it).
 */
const noteText = fc.string({
  unit: fc.oneof(fc.constantFrom('\n', '\t', ' ', '|', '\\|', '<i>', '</i>', '<br>', '* ', '# ', '“', '”', '’', 'é', 'Ł', '漢', '🙂', 'T0143.003', '-'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter((text) => !text.includes('\r'))),
  minLength: 1,
  maxLength: 40,
});

/** An edit below the line: text inserted at a point of the notes (after the line itself). */
const belowLine = fc.record({ note: noteText, at: fc.nat() });

describe('an above-line edit', () => {
  const pages = pagesWithLine(DISARM_DIR, 25).map((path) => ({ path, text: readFileSync(join(DISARM_DIR, path), 'utf8') }));

  it('is refused by the guard, wherever it is and whatever it writes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pages), fc.nat(), noteText, (page, at, text) => {
        const split = splitAtEditLine(page.text);
        // Anywhere from the page's start to the line's last character (right after it, a text
        // starting with a line break would be a note).
        const offset = at % split.notesOffset;
        const edited = page.text.slice(0, offset) + text + page.text.slice(offset);
        expect(checkChange(change(page.path, page.text, edited)).length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe.skipIf(python === undefined)(`a below-line edit the guard accepts, through the generator${python === undefined ? ` (skipped: ${NO_PYTHON_REASON})` : ''}`, () => {
  let clone: HistoryClone;
  let layout: UpstreamLayout;
  const expected = new Map<string, string>();
  /** Pages given a note with carriage returns: what was written, what the generator is expected to make of it. */
  const withCr = new Map<string, { written: string; generated: string }>();
  let refused = 0;

  beforeAll(() => {
    clone = cloneHistory();
    const pages = pagesWithLine(clone.path, 4);
    const edits = fc.sample(belowLine, { numRuns: pages.length, seed: 42 });
    pages.forEach((path, i) => {
      const file = join(clone.path, path);
      const committed = readFileSync(file, 'utf8');
      const split = splitAtEditLine(committed);
      const { note, at } = edits[i] as { note: string; at: number };
      const offset = split.notesOffset + (at % (split.notes.length + 1));
      // Right after the line, a note starts on a line of its own (most pages have no notes yet).
      const edited = committed.slice(0, offset) + (offset === split.notesOffset ? '\n' : '') + note + committed.slice(offset);
      if (checkChange(change(path, committed, edited)).length > 0) {
        refused++;
        return;
      }
      expected.set(path, edited);
      // A stale generated part, so that the generator rewrites the page (it leaves alone a page
      // whose generated part is already right): its first line changed.
      writeFileSync(file, edited.replace(/^[^\n]*/, (title) => `${title} (stale)`));
    });
    for (const path of pagesWithLine(clone.path, 4, 2).slice(0, 5)) {
      const file = join(clone.path, path);
      const committed = readFileSync(file, 'utf8');
      const written = `${committed}\nA note\r\nwritten with CR LF\rand a lone CR.\n`;
      expect(checkChange(change(path, committed, written))).toEqual([]);
      withCr.set(path, { written, generated: written.replace(/\r\n?/g, '\n') });
      writeFileSync(file, written.replace(/^[^\n]*/, (title) => `${title} (stale)`));
    }
    layout = upstreamLayout(clone.path, python as string);
    console.info(`generator run time (${expected.size} edited pages): ${(layout.run() / 1000).toFixed(1)} s`);
  }, 600_000);
  afterAll(() => {
    layout?.dispose();
    clone?.dispose();
  });

  it('comes out byte for byte, under the page the generator wrote again', () => {
    expect(expected.size).toBeGreaterThan(100);
    expect(refused).toBeLessThan(expected.size / 4);
    const changed: { path: string; expected: string; got: string }[] = [];
    let rewritten = 0;
    for (const [path, text] of expected) {
      const now = readFileSync(join(clone.path, path), 'utf8');
      // A page the master no longer has (a retired tactic) is left stale: only its notes are judged.
      if (now === text) rewritten++;
      const [want, got] = [splitAtEditLine(text).notes, splitAtEditLine(now).notes];
      if (want !== got) changed.push({ path, expected: JSON.stringify(want), got: JSON.stringify(got) });
    }
    expect(changed.slice(0, 5)).toEqual([]);
    expect(rewritten).toBeGreaterThan(expected.size * 0.9);
  });

  it('loses a carriage return below the line (the guard accepts it; the generator writes LF)', () => {
    for (const [path, { written, generated }] of withCr) {
      const now = readFileSync(join(clone.path, path), 'utf8');
      expect(now, path).not.toBe(written);
      expect(now, path).toBe(generated);
    }
  });
});
