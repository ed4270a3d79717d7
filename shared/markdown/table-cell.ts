/**
 * Plain text in GitHub-flavoured markdown table cells, both ways.
 *
 * DISARM puts analysts' quotes and explanations in table cells, and a cell cannot hold a raw `|`
 * or a line break. `escapeCell` turns any text into cell markdown that a GFM parser reads back as
 * exactly that text (no cell split, no row break, no HTML, no emphasis, code or link); `unescapeCell`
 * is its exact inverse. The escaping is minimal, so text without special characters is written
 * as is (the generator's own cells, `[...]`, `Security & Unification`, `* after *`, stay readable).
 *
 * Line breaks become `<br>` (the framework's own convention); a carriage return, which a cell cannot
 * show, becomes `&#13;` so that `\r\n`, `\n` and `\r` all survive.
 */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WHITESPACE = /\s/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
/** `&name;`, `&#123;` or `&#x1F;`: what a markdown parser would decode as a character reference. */
const ENTITY_AHEAD = /^&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/;

/** Escapes plain text for one GFM table cell. `unescapeCell(escapeCell(t)) === t` for every string t. */
export function escapeCell(text: string): string {
  const chars = Array.from(text);
  const escaped = chars.map((_, i) => escapeChar(chars, i));
  // GFM turns bare URLs and e-mail addresses into links from their raw characters, backslashes
  // included, so an escape inside one would show. Where a URL-like word needs escaping, its link
  // trigger is written as a character reference instead, so that no link is made at all.
  let out = '';
  for (let start = 0; start < chars.length; ) {
    let end = start;
    const space = WHITESPACE.test(chars[start] as string);
    while (end < chars.length && WHITESPACE.test(chars[end] as string) === space) end++;
    const word = chars.slice(start, end).join('');
    const written = escaped.slice(start, end).join('');
    // A following line break or edge space written as a reference would be read into the link too.
    const runsOn = (escaped[end] ?? '').startsWith('&');
    const defuse = !space && (written !== word || runsOn) && AUTOLINK_TRIGGER.test(word);
    out += defuse ? defuseAutolinks(chars.slice(start, end), escaped.slice(start, end)) : written;
    start = end;
  }
  return out;
}

/** Starts of what GFM's autolink-literal extension links: www., http(s)://, e-mail addresses. */
const AUTOLINK_TRIGGER = /www\.|https?:\/\/|@/i;

/** Rewrites each autolink trigger of a word as a character reference (`&#119;ww.`, `&#104;ttp://`, `&#64;`). */
function defuseAutolinks(chars: readonly string[], escaped: readonly string[]): string {
  const out = [...escaped];
  const word = chars.join('');
  for (const match of word.matchAll(/www\.|https?:\/\//gi)) {
    const at = Array.from(word.slice(0, match.index)).length;
    out[at] = `&#${(chars[at] as string).charCodeAt(0)};`;
  }
  chars.forEach((c, i) => {
    if (c === '@') out[i] = '&#64;';
  });
  return out.join('');
}

/** The cell markdown for the i-th code point of `chars`, given its neighbours. */
function escapeChar(chars: readonly string[], i: number): string {
  const c = chars[i] as string;
  const prev = chars[i - 1];
  const next = chars[i + 1];
  switch (c) {
    case '\\':
    case '|':
    case '`':
      return '\\' + c;
    case '<':
      return '&lt;';
    case '&':
      return ENTITY_AHEAD.test(chars.slice(i, i + 40).join('')) ? '&amp;' : '&';
    case '\n':
      return '<br>';
    case '\r':
      return '&#13;';
    case '*':
    case '_':
    case '~':
      return canDelimit(c, spaceAt(chars, i - 1), spaceAt(chars, i + 1), prev, next) ? '\\' + c : c;
    case ']':
      // `]` closes a link only when `(` or `[` follows; `[...]` alone stays as written.
      return next === '(' || next === '[' ? '\\]' : ']';
    case '[':
      return next === '^' ? '\\[' : '[';
    case ' ':
    case '\t':
      // A cell's content is trimmed by the parser, so edge whitespace is written as a reference.
      return i === 0 || i === chars.length - 1 ? `&#${c.charCodeAt(0)};` : c;
    default:
      return c;
  }
}

/** Reads cell markdown back into plain text: backslash escapes, character references, `<br>`. */
export function unescapeCell(cell: string): string {
  let out = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i] as string;
    if (c === '\\' && i + 1 < cell.length && ASCII_PUNCTUATION.test(cell[i + 1] as string)) {
      out += cell[i + 1];
      i++;
      continue;
    }
    if (c === '&') {
      const match = ENTITY_AHEAD.exec(cell.slice(i, i + 40));
      const decoded = match ? decodeReference(match[0]) : undefined;
      if (match && decoded !== undefined) {
        out += decoded;
        i += match[0].length - 1;
        continue;
      }
    }
    if (c === '<') {
      const br = /^<br\s*\/?>/i.exec(cell.slice(i, i + 16));
      if (br) {
        out += '\n';
        i += br[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/**
 * Splits one table row (`| a | b \| c |`) into its raw cell markdown, trimmed, the way GFM does:
 * a pipe after a backslash is part of the cell, and `\\` is an escaped backslash.
 */
export function splitTableRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i] as string;
    if (c === '\\' && (row[i + 1] === '|' || row[i + 1] === '\\')) {
      current += c + row[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (current.trim() !== '') cells.push(current.trim());
  return cells;
}

/** Renders raw cell markdown as one table row, the generator's way: `| a | b |`. */
export function renderTableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** True for a GFM delimiter row such as `| --- | :---: |`. */
export function isDelimiterRow(line: string): boolean {
  const cells = splitTableRow(line);
  return cells.length > 0 && cells.every((cell) => /^:?-+:?$/.test(cell));
}

/**
 * Is the j-th code point whitespace (or the cell's edge) as the parser will see it? Flanking is
 * decided on the written markdown, so whitespace written as `<br>` or as a character reference
 * (line breaks, carriage returns, edge spaces) is punctuation there: `*\r*` is written `*&#13;*`,
 * and that `*` pair would be emphasis.
 */
function spaceAt(chars: readonly string[], j: number): boolean {
  const c = chars[j];
  if (c === undefined) return true;
  if (c === '\n' || c === '\r') return false;
  if ((c === ' ' || c === '\t') && (j === 0 || j === chars.length - 1)) return false;
  return WHITESPACE.test(c);
}

/**
 * Could this `*`, `_` or `~` open or close emphasis (or strikethrough)? Conservatively yes, unless
 * it has whitespace (or the cell's edge) on both sides, or (for `_`) is between two ASCII letters
 * or digits: CommonMark's flanking rules make those inert.
 */
function canDelimit(c: string, spaceBefore: boolean, spaceAfter: boolean, prev: string | undefined, next: string | undefined): boolean {
  if (spaceBefore && spaceAfter) return false;
  if (c === '_' && prev !== undefined && next !== undefined && ASCII_ALNUM.test(prev) && ASCII_ALNUM.test(next)) {
    return false;
  }
  return true;
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes a numeric or common named character reference; undefined leaves it as written. */
function decodeReference(reference: string): string | undefined {
  const body = reference.slice(1, -1);
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  }
  return NAMED_REFERENCES[body];
}
