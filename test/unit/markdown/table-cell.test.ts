import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { escapeCell, renderTableRow, splitTableRow, unescapeCell } from '../../../shared/markdown/table-cell';

/** The named cases the issue calls out: escaping only `|` breaks on several of these. */
const NAMED = ['a|b', 'pre \\| post', 'trailing backslash \\', 'line\r\nbreak', 'old mac\rbreak', '<img src=x onerror=alert(1)>', '`x|y`', 'see www.example.com/a_b_ and mail a@b.co', '*\r*', '_\n_', ' ~ '];

/**
 * Renders a two-cell table whose first cell holds `text`, parses it with micromark and all of GFM
 * (tables, strikethrough, autolink literals, footnotes) and returns the text of each body cell (`<br>` read as a line break, references decoded).
 */
function cellsAfterGfm(text: string): string[] {
  const markdown = ['| A | B |', '| --- | --- |', renderTableRow([escapeCell(text), 'end'])].join('\n');
  const html = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => htmlText(m[1] ?? ''));
}

/**
 * The text of micromark's inline HTML output; fails loudly on any element but <br> and the links
 * GFM makes of bare URLs (their text is the URL as written, so the text stays intact).
 */
function htmlText(html: string): string {
  const withoutBr = html.replace(/<br>/g, '\n').replace(/<a href="[^"]*">|<\/a>/g, '');
  if (/<[a-zA-Z!/?]/.test(withoutBr)) throw new Error(`markup in cell: ${html}`);
  return withoutBr.replace(/&(lt|gt|amp|quot|#(\d+));/g, (_, name: string, code?: string) =>
    code ? String.fromCodePoint(Number(code)) : ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[name] ?? '',
  );
}

describe('table cell escaping', () => {
  it.each(NAMED)('round-trips %j through escape/unescape and through a GFM table', (text) => {
    expect(unescapeCell(escapeCell(text))).toBe(text);
    expect(cellsAfterGfm(text)).toEqual([text, 'end']);
  });

  it('leaves ordinary DISARM text as written', () => {
    for (const text of ['While reports of [...] deepfake calls', 'Security & Unification', 'acted only * after * things', 'Black_Baptist_Church', '“quoted” text’s']) {
      expect(escapeCell(text)).toBe(text);
    }
  });

  it('writes line breaks the framework way', () => {
    expect(escapeCell('a\nb')).toBe('a<br>b');
    expect(unescapeCell('a<br>b<br />c')).toBe('a\nb\nc');
  });

  it('is inverted by unescape for any string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => unescapeCell(escapeCell(text)) === text), { numRuns: 2000 });
  });

  it('keeps any text intact through a real GFM parser (property)', () => {
    // Markdown cannot carry NUL (parsers replace it with U+FFFD), so it is the one character left out.
    const markdownText = fc.string({ unit: fc.oneof(fc.constantFrom('www.', 'http://', 'HTTPS://', '@', '.co', 'mailto:', '|', '\\', '`', '*', '_', '~', '[', ']', '(', ')', '<', '>', '&', '#', ';', '!', ' ', '\t', '\n', '\r', 'a', '1', 'x'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }).filter((t) => !t.includes('\0'));
    fc.assert(
      fc.property(markdownText, (text) => {
        expect(cellsAfterGfm(text)).toEqual([text, 'end']);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits rows on unescaped pipes only', () => {
    expect(splitTableRow('| a \\| b | c\\\\ | d |')).toEqual(['a \\| b', 'c\\\\', 'd']);
    expect(splitTableRow('| x |  |')).toEqual(['x', '']);
  });
});
