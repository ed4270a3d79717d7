/**
 * A paged document's text as the analyst quotes from it: pages kept apart by a "[page N]" line,
 * hyphenated line ends joined, and the lines every page repeats at its top or bottom (running
 * headers, footers, page numbers) left out, with a note of what was left out for the notice.
 * Pure functions over lines, so they are tested without a PDF (the PDF reader feeds them).
 *
 * Page marker format: each page starts with a line of its own, `[page N]` (N counted from 1, the
 * PDF's own page order, not the number printed on the page), then a blank line, then the page's
 * text. A plain line, rather than a form feed, because the source text is shown and quoted as
 * is: an analyst reads "[page 2]" and it survives copying into a draft.
 */

/** One text fragment as a PDF lays it out: its string, where it sits, and whether a line ends after it. */
export interface PlacedText {
  readonly str: string;
  /** Baseline position in PDF units (y grows upwards). */
  readonly y: number;
  /** The fragment's height (about its font size), 0 when unknown. */
  readonly height: number;
  /** The fragment ends its line. */
  readonly hasEOL: boolean;
}

/** A vertical gap this many times the line's height or more starts a new paragraph (a blank line). */
const PARAGRAPH_GAP = 1.8;

/**
 * A page's lines from its text fragments, in the order the page draws them (pdf.js's own text
 * layer and copy use that order; it is the reading order of nearly every tagged or typeset PDF).
 * A line ends where a fragment says so or where the baseline moves; a gap well over a line's
 * height becomes an empty line, so paragraphs stay apart.
 */
export function linesOfPage(items: readonly PlacedText[]): string[] {
  const lines: string[] = [];
  let current = '';
  let lineY: number | undefined;
  let lineHeight = 0;
  let lastY: number | undefined;
  const endLine = (): void => {
    if (current.trim() === '' && lineY === undefined) return;
    lines.push(current.replace(/\s+/g, ' ').trim());
    current = '';
    lastY = lineY;
    lineY = undefined;
  };
  for (const item of items) {
    // A new baseline without an end-of-line mark is still a new line.
    if (lineY !== undefined && current !== '' && Math.abs(item.y - lineY) > Math.max(item.height, lineHeight, 1) * 0.5) endLine();
    if (lineY === undefined && item.str.trim() !== '') {
      if (lastY !== undefined && lines.length > 0 && lastY - item.y > Math.max(item.height, lineHeight, 1) * PARAGRAPH_GAP) lines.push('');
      lineY = item.y;
      lineHeight = item.height;
    }
    current += item.str;
    if (item.hasEOL) endLine();
  }
  endLine();
  return collapseBlankLines(lines);
}

function collapseBlankLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) if (line !== '' || (out.length > 0 && out[out.length - 1] !== '')) out.push(line);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Joins words a line end split with a hyphen: "disinfor-" then "mation spread" becomes
 * "disinformation" then "spread". Only a letter, a hyphen (or soft hyphen) and a line starting
 * with a lowercase letter are joined, so "T0155-" before "007", "pro-" before "Kremlin" and a
 * dash ending a line stay as they are. A compound split at its own hyphen ("state-" / "sponsored")
 * loses that hyphen: without a dictionary the two cannot be told apart, and typeset hyphenation
 * is far the more common.
 */
export function joinHyphenatedLines(lines: readonly string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length - 1; i++) {
    const line = out[i] ?? '';
    const next = out[i + 1] ?? '';
    if (!/\p{L}[-\u00AD\u2010]$/u.test(line) || !/^\p{Ll}/u.test(next)) continue;
    const rest = /^(\S+)\s*(.*)$/u.exec(next);
    if (!rest) continue;
    out[i] = line.slice(0, -1) + (rest[1] ?? '');
    out[i + 1] = rest[2] ?? '';
    // The word's end was the whole next line: drop it, then look at the joined line again.
    if (out[i + 1] === '') {
      out.splice(i + 1, 1);
      i--;
    }
  }
  return out;
}

/**
 * Joins a word split by a hyphen across a page break (after the running headers and footers are
 * out): the word's end moves up to the page it started on, so the word reads whole and stays
 * on one page for a quote.
 */
export function joinHyphenatedPages(pages: readonly (readonly string[])[]): string[][] {
  const out = pages.map((lines) => [...lines]);
  for (let i = 0; i < out.length - 1; i++) {
    const page = out[i] ?? [];
    const next = out[i + 1] ?? [];
    if (page.length === 0 || next.length === 0) continue;
    const [joined, rest] = joinHyphenatedLines([page[page.length - 1] ?? '', next[0] ?? '']);
    if (joined === page[page.length - 1]) continue;
    page[page.length - 1] = joined ?? '';
    out[i + 1] = rest === undefined ? next.slice(1) : [rest, ...next.slice(1)];
  }
  return out;
}

/** How many lines at each page's top and bottom are looked at as a possible header or footer. */
const EDGE_LINES = 2;

/** On this many pages a line at the edges is a running header or footer, however long the document. */
const MAX_REPEATS_NEEDED = 5;

/** A line left out of every page it was repeated on. */
export interface LeftOutLine {
  /** The line as on the first page it was found on. */
  readonly text: string;
  /** How many pages it was left out of. */
  readonly pages: number;
}

/** Lines up to this long may differ in their numbers and still be one running header or footer. */
const NUMBERED_EDGE_MAX = 60;

/**
 * The key lines are compared by: spaces and case do not count, and in a short line digits stand
 * for any number, so "Page 3 of 12" and "Page 4 of 12" are one running footer. A longer line must
 * repeat exactly: body text that differs only in its figures ("Line 3 of the table: 1,204
 * accounts ...") is too long to be mistaken for a footer.
 */
function edgeKey(line: string): string {
  const key = line.replace(/\s+/g, ' ').trim().toLowerCase();
  return key.length <= NUMBERED_EDGE_MAX ? key.replace(/\d+/g, '#') : key;
}

/**
 * Finds the running headers and footers: a non-empty line among the first or last two of a page
 * whose key appears there on a quarter of the pages (five pages are enough, two are needed: a
 * one-page document has none). Returns the pages without them, and what was left out for the notice.
 */
export function dropRepeatedEdges(pages: readonly (readonly string[])[]): { pages: string[][]; leftOut: LeftOutLine[] } {
  const edges = (lines: readonly string[]): number[] => {
    const filled = lines.map((line, i) => (line.trim() === '' ? -1 : i)).filter((i) => i >= 0);
    return [...new Set([...filled.slice(0, EDGE_LINES), ...filled.slice(-EDGE_LINES)])];
  };
  const seenOn = new Map<string, number>();
  for (const lines of pages) for (const key of new Set(edges(lines).map((i) => edgeKey(lines[i] ?? '')))) seenOn.set(key, (seenOn.get(key) ?? 0) + 1);
  // Running headers change with the chapter and alternate between odd and even pages, so one
  // seldom repeats on half the pages: a quarter is asked, and five pages suffice in a long
  // document (a 36-page manual's "Appendix A: Copying Information 31" is on 7 of them).
  const threshold = Math.max(2, Math.min(MAX_REPEATS_NEEDED, Math.ceil(pages.length / 4)));
  const repeated = new Set([...seenOn].filter(([, count]) => count >= threshold).map(([key]) => key));
  const leftOut = new Map<string, { text: string; pages: number }>();
  const kept = pages.map((lines) => {
    const drop = new Set(edges(lines).filter((i) => repeated.has(edgeKey(lines[i] ?? ''))));
    for (const i of drop) {
      const key = edgeKey(lines[i] ?? '');
      const entry = leftOut.get(key) ?? { text: (lines[i] ?? '').trim(), pages: 0 };
      entry.pages++;
      leftOut.set(key, entry);
    }
    return collapseBlankLines(lines.filter((_, i) => !drop.has(i)));
  });
  return { pages: kept, leftOut: [...leftOut.values()] };
}

/** The marker line that starts page `n` (1-based) in the source text. */
export function pageMarker(n: number): string {
  return `[page ${n}]`;
}

/** The pages' lines as one source text, each page after its marker line. */
export function assemblePages(pages: readonly (readonly string[])[]): string {
  return pages.map((lines, i) => [pageMarker(i + 1), '', ...lines].join('\n').trimEnd()).join('\n\n') + '\n';
}

/** The page an offset of an assembled text is on: the last marker before it (undefined before the first). */
export function pageAt(text: string, offset: number): number | undefined {
  let page: number | undefined;
  for (const match of text.slice(0, offset).matchAll(/^\[page (\d+)\]$/gm)) page = Number(match[1]);
  return page;
}
