/**
 * Raw HTML inside markdown, reduced to the allow-list before any HTML parser sees it.
 *
 * Framework pages carry raw HTML (`<i>`, `<br>`, whole tables), and so may an analyst's notes or a
 * pasted quote. The markdown stage keeps each tag of the allow-list, rebuilt from its allowed
 * attributes alone (quoted, escaped), and writes every other tag, comment or stray `<` as the text
 * it was. So the HTML the sanitiser is handed never holds an event handler, a script or a frame:
 * nothing of the kind reaches the browser's parser, which Chromium 156 and later report as a CSP
 * violation even when the document is inert and nothing runs. The sanitiser (sanitize.ts) still
 * checks the DOM it builds against the same list: this stage is what keeps it quiet, not what
 * keeps the app safe.
 *
 * Pure string code (no DOM), so it is tested headless. The tag grammar is CommonMark's own
 * (spec 6.6, "Raw HTML"), the one micromark used to find the HTML in the first place.
 */
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URI, INLINE_IMAGE, URI_ATTRIBUTES } from './html-allow-list';

const TAGS = new Set(ALLOWED_TAGS);
const ATTRIBUTES = new Set(ALLOWED_ATTRIBUTES);
const URI_VALUED = new Set(URI_ATTRIBUTES);

const ATTRIBUTE = String.raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
/** An open tag, a closing tag or a comment (CommonMark's raw HTML), anywhere in the text. */
const MARKUP = new RegExp(String.raw`<([A-Za-z][A-Za-z0-9-]*)((?:${ATTRIBUTE})*)\s*(\/?)>|<\/([A-Za-z][A-Za-z0-9-]*)\s*>|<!--[\s\S]*?-->`, 'g');
const ONE_ATTRIBUTE = /([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*([^\s"'=<>`]+|'[^']*'|"[^"]*"))?/g;

/** `text` as HTML text: what it says, not markup. */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text between tags: kept as HTML (its entities stay entities) but no `<` can open markup. */
function textBetween(text: string): string {
  return text.replace(/</g, '&lt;');
}

/** An attribute value as written (quotes removed; entities are left for the browser to decode, as in the original). */
function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/**
 * An address of the allow-list's schemes. One whose scheme part holds an entity
 * (`javascript&colon;...`) is refused outright: the browser would decode it into a scheme.
 */
function allowedAddress(value: string): boolean {
  const compact = value.replace(/[\s\u0000-\u001f]/g, '');
  return !(compact.split(/[/?#]/)[0] ?? '').includes('&') && ALLOWED_URI.test(compact);
}

/** The open tag of an allowed element, with its allowed attributes only, each double-quoted. */
function rebuildOpenTag(name: string, attributes: string, selfClosing: boolean): string {
  let out = `<${name}`;
  for (const match of attributes.matchAll(ONE_ATTRIBUTE)) {
    const attribute = (match[1] ?? '').toLowerCase();
    if (!ATTRIBUTES.has(attribute)) continue;
    const value = match[2] === undefined ? '' : unquote(match[2]);
    if (URI_VALUED.has(attribute) && !allowedAddress(value) && !(name === 'img' && attribute === 'src' && INLINE_IMAGE.test(value))) continue;
    out += match[2] === undefined ? ` ${attribute}` : ` ${attribute}="${value.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`;
  }
  return `${out}${selfClosing ? ' /' : ''}>`;
}

/** Raw HTML with every tag outside the allow-list (and every comment) turned into text. */
export function allowListedHtml(html: string): string {
  let out = '';
  let last = 0;
  for (const match of html.matchAll(MARKUP)) {
    const index = match.index ?? 0;
    out += textBetween(html.slice(last, index));
    last = index + match[0].length;
    const [whole, openName, attributes = '', slash, closeName] = match;
    if (whole.startsWith('<!--')) continue; // a comment shows nothing, as in the browser
    const name = (openName ?? closeName ?? '').toLowerCase();
    if (!TAGS.has(name)) out += escapeHtmlText(whole);
    else if (closeName !== undefined) out += `</${name}>`;
    else out += rebuildOpenTag(name, attributes, slash === '/');
  }
  return out + textBetween(html.slice(last));
}

/** A declaration (`<!doctype html>`), processing instruction or CDATA section. */
const DECLARATION = /<![A-Za-z[][\s\S]*?>|<\?[\s\S]*?>/g;

/**
 * A whole HTML document with every tag stripped to its bare name, comments and declarations
 * dropped, and any other `<` written as text: what html-to-text.ts needs to find the text and its
 * blocks, and nothing a parser could report as an inline handler. `keep` names attributes that
 * are plain words to a parser (never a handler, an address or a style), kept quoted and escaped:
 * the article extraction reads `class`, `id` and the `<meta>` tags' `content`.
 */
export function tagNamesOnly(html: string, keep: ReadonlySet<string> = NO_ATTRIBUTES): string {
  let out = '';
  let last = 0;
  const source = html.replace(DECLARATION, '');
  for (const match of source.matchAll(MARKUP)) {
    const index = match.index ?? 0;
    out += textBetween(source.slice(last, index));
    last = index + match[0].length;
    const [whole, openName, attributes = '', , closeName] = match;
    if (whole.startsWith('<!--')) continue;
    out += openName !== undefined ? `<${openName.toLowerCase()}${keptAttributes(attributes, keep)}>` : `</${(closeName ?? '').toLowerCase()}>`;
  }
  return out + textBetween(source.slice(last));
}

const NO_ATTRIBUTES: ReadonlySet<string> = new Set();
/** Never kept, whatever `keep` says: what runs, loads or styles. */
const NEVER_KEPT = /^(on|href$|src|style$|action$|formaction$|srcdoc$|xlink|data$|poster$|background$)/;

function keptAttributes(attributes: string, keep: ReadonlySet<string>): string {
  if (keep.size === 0) return '';
  let out = '';
  for (const match of attributes.matchAll(ONE_ATTRIBUTE)) {
    const attribute = (match[1] ?? '').toLowerCase();
    if (!keep.has(attribute) || NEVER_KEPT.test(attribute)) continue;
    const value = match[2] === undefined ? '' : unquote(match[2]);
    out += ` ${attribute}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`;
  }
  return out;
}
