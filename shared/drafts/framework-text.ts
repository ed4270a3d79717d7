/**
 * Framework text: what the analyst writes in a summary or an explanation. It is the framework's
 * own dialect, markdown with a few HTML tags (`<i>`, `<I>`, `<b>`, `<br>`; nothing else occurs in
 * the framework's pages), so an analyst can italicise a quote or break a paragraph as the
 * maintainers do. These functions are the one place that knows which tags are allowed and how
 * such text is made safe to put on a page: the unsafe-html rule reports what the renderer defuses.
 */
import { EDIT_LINE } from '../edit-line';

/** Something that looks like an HTML tag, comment or declaration. */
const TAG_LIKE = /<!--[\s\S]*?-->|<\/?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>|<![^<>]*>|<\?[^<>]*>/g;
/**
 * The tags the framework's pages use (`<i>`, `<I>`, `<b>`, `<br>`), written as it writes them (no
 * attributes), between `<` and `>`; anything else is refused (unsafe-html) and defused when rendered.
 */
const ALLOWED_TAG_BODY = String.raw`(?:\/?(?:i|I|b)|br\s*\/?)`;
const ALLOWED_TAG = new RegExp(`^<${ALLOWED_TAG_BODY}>$`);
/** A `<` that does not open an allowed tag. */
const UNALLOWED_OPENING = new RegExp(`<(?!${ALLOWED_TAG_BODY}>)`, 'g');

/** A tag in framework text, with its offsets. */
export interface FoundTag {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True for the framework's own tags (without attributes). */
  readonly allowed: boolean;
}

/** Every tag-like piece of `text`, allowed or not. */
export function findTags(text: string): FoundTag[] {
  return [...text.matchAll(TAG_LIKE)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], allowed: ALLOWED_TAG.test(m[0]) }));
}

/** The text with every `<` that does not open an allowed tag written as `&lt;` (shown, never run). */
export function defuseHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const tag of findTags(text)) {
    if (tag.allowed) continue;
    out += text.slice(last, tag.start) + '&lt;' + tag.text.slice(1);
    last = tag.end;
  }
  out += text.slice(last);
  // A lone `<` that starts nothing tag-like is harmless in markdown, but `<` + letter at the very
  // end of a later concatenation could become one: write every remaining unpaired `<` safely too.
  return out.replace(UNALLOWED_OPENING, '&lt;');
}

/**
 * The text with any occurrence of the edit line broken up (its first letter as a character
 * reference), so that it reads the same but a page's first occurrence of the line stays its real one.
 */
export function defuseEditLine(text: string, marker: string = EDIT_LINE): string {
  if (marker === '' || !text.includes(marker)) return text;
  const first = marker.codePointAt(0) as number;
  return text.split(marker).join(`&#${first};${marker.slice(String.fromCodePoint(first).length)}`);
}

/**
 * Framework text as one table cell: line breaks as `<br>` (the framework's convention), a raw `|`
 * escaped, disallowed HTML and the edit line defused. Everything else is kept as written,
 * including a leading space after `<br><br>` that some of the framework's descriptions have.
 */
export function frameworkTextToCell(text: string, marker: string = EDIT_LINE): string {
  const oneLine = text.replace(/\r\n?/g, '\n').replace(/\n/g, '<br>');
  return defuseEditLine(defuseHtml(escapePipes(oneLine)), marker);
}

/** Escapes each `|` not already escaped (after an odd number of backslashes). */
function escapePipes(text: string): string {
  let out = '';
  let backslashes = 0;
  for (const c of text) {
    if (c === '|' && backslashes % 2 === 0) out += '\\';
    out += c;
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  return out;
}

/** Framework text as a page field (the incident summary): line endings normalised, HTML and the edit line defused. */
export function frameworkTextToField(text: string, marker: string = EDIT_LINE): string {
  return defuseEditLine(defuseHtml(text.replace(/\r\n?/g, '\n')), marker);
}

/** Plain text as one line (titles, names, countries): line breaks become spaces. */
export function plainLine(text: string, marker: string = EDIT_LINE): string {
  return defuseEditLine(text.replace(/[\r\n]+/g, ' '), marker);
}
