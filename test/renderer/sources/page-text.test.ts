// A paged document's text, headless: fragments become lines (paragraph gaps kept), words split by
// a hyphen at a line end are joined and nothing else is, running headers, footers and page
// numbers are found across pages and named, and pages are assembled with their "[page N]" lines.
import { describe, expect, it } from 'vitest';
import { assemblePages, dropRepeatedEdges, joinHyphenatedLines, joinHyphenatedPages, linesOfPage, pageAt, type PlacedText } from '../../../renderer/src/lib/sources/page-text';

const at = (str: string, y: number, hasEOL = false): PlacedText => ({ str, y, height: 11, hasEOL });

describe('linesOfPage', () => {
  it('ends a line at an end-of-line mark or a new baseline, and keeps a wide gap as a blank line', () => {
    const items = [at('Operators ran ', 780), at('a campaign.', 780, true), at('Second line', 764), at('After a gap', 700, true)];
    expect(linesOfPage(items)).toEqual(['Operators ran a campaign.', 'Second line', '', 'After a gap']);
  });
  it('gives no lines for a page without text', () => {
    expect(linesOfPage([at(' ', 700, true)])).toEqual([]);
  });
});

describe('joinHyphenatedLines', () => {
  it('joins a word split at a line end and keeps the rest of the next line', () => {
    expect(joinHyphenatedLines(['a campaign of disinfor-', 'mation on messaging apps.'])).toEqual(['a campaign of disinformation', 'on messaging apps.']);
  });
  it('joins at a soft hyphen, and a word whose end is the whole next line', () => {
    expect(joinHyphenatedLines(['state-spon\u00AD', 'sored', 'next'])).toEqual(['state-sponsored', 'next']);
  });
  it('leaves a hyphen before a capital or a digit, and a dash, as they are', () => {
    const lines = ['the pro-', 'Kremlin outlets', 'technique T0155-', '007 is', 'it went on —', 'and on'];
    expect(joinHyphenatedLines(lines)).toEqual(lines);
  });
});

describe('joinHyphenatedPages', () => {
  it('moves the end of a word split across a page break up to the page it started on', () => {
    expect(joinHyphenatedPages([['a campaign of disinfor-'], ['mation spread', 'on apps.']])).toEqual([['a campaign of disinformation'], ['spread', 'on apps.']]);
    expect(joinHyphenatedPages([['the end of a word-'], ['wide'], ['Next']])).toEqual([['the end of a wordwide'], [], ['Next']]);
  });
  it('leaves pages that end without a split word as they are', () => {
    const pages = [['the pro-'], ['Kremlin outlets'], []];
    expect(joinHyphenatedPages(pages)).toEqual(pages);
  });
});

describe('dropRepeatedEdges', () => {
  it('leaves out a header and a numbered footer every page repeats, and says what', () => {
    const pages = [
      ['Joint Alert 2026', 'Body one.', 'Page 1 of 3'],
      ['Joint Alert 2026', 'Body two.', 'Page 2 of 3'],
      ['JOINT ALERT 2026', 'Body three.', 'Page 3 of 3'],
    ];
    const { pages: kept, leftOut } = dropRepeatedEdges(pages);
    expect(kept).toEqual([['Body one.'], ['Body two.'], ['Body three.']]);
    expect(leftOut).toEqual([
      { text: 'Joint Alert 2026', pages: 3 },
      { text: 'Page 1 of 3', pages: 3 },
    ]);
  });
  it('keeps a line repeated in the middle of pages, and everything of a one-page document', () => {
    const pages = [
      ['Title one', 'a', 'Repeated body line', 'more', 'end one'],
      ['Title two', 'x', 'Repeated body line', 'y', 'end two'],
    ];
    expect(dropRepeatedEdges(pages)).toEqual({ pages, leftOut: [] });
    expect(dropRepeatedEdges([['Only page', '1']])).toEqual({ pages: [['Only page', '1']], leftOut: [] });
  });
  it('keeps long lines at the edges that differ only in their figures', () => {
    const line = (n: number) => `In quarter ${n} the operators reached 1,20${n} accounts of officials across the region.`;
    const pages = [
      [line(1), 'a', 'b'],
      [line(2), 'c', 'd'],
    ];
    expect(dropRepeatedEdges(pages).leftOut).toEqual([]);
  });
  it('needs a line on a quarter of the pages, five pages at most', () => {
    // Body lines that differ in words, not only in figures (which short lines may).
    const word = (i: number) => [...i.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
    const withDraftOn = (count: number, total: number) => Array.from({ length: total }, (_, i) => [...(i < count ? ['Draft'] : []), `body ${word(i)}`, `more ${word(i)}`]);
    expect(dropRepeatedEdges(withDraftOn(2, 12)).leftOut).toEqual([]);
    expect(dropRepeatedEdges(withDraftOn(3, 12)).leftOut).toEqual([{ text: 'Draft', pages: 3 }]);
    expect(dropRepeatedEdges(withDraftOn(4, 300)).leftOut).toEqual([]);
    expect(dropRepeatedEdges(withDraftOn(5, 300)).leftOut).toEqual([{ text: 'Draft', pages: 5 }]);
  });
});

describe('assemblePages and pageAt', () => {
  it('starts each page with its marker line, and finds the page of an offset', () => {
    const text = assemblePages([['One.'], ['Two.']]);
    expect(text).toBe('[page 1]\n\nOne.\n\n[page 2]\n\nTwo.\n');
    expect(pageAt(text, text.indexOf('One.'))).toBe(1);
    expect(pageAt(text, text.indexOf('Two.'))).toBe(2);
    expect(pageAt(text, 0)).toBeUndefined();
  });
});
