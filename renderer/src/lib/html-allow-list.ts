/**
 * The HTML the app shows from outside (framework pages, analysts' text): the one allow-list of
 * elements, attributes and link schemes, read both by the markdown stage (raw-html.ts, which turns
 * anything else into text before any parser sees it) and by the sanitiser (sanitize.ts, which
 * enforces the same list on the DOM it builds).
 */

/** Elements that may appear: text formatting, lists, tables, links, images (inline ones only, see sanitize.ts). */
export const ALLOWED_TAGS: readonly string[] = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre',
  's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];

/** Attributes that may appear on them (never an event handler, a style or an id). */
export const ALLOWED_ATTRIBUTES: readonly string[] = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan', 'align', 'start', 'type', 'checked', 'disabled', 'open'];

/** Attributes whose value is an address, held to ALLOWED_URI. */
export const URI_ATTRIBUTES: readonly string[] = ['href', 'src'];

/** http(s), mailto, or no scheme at all (a relative path, a fragment). */
export const ALLOWED_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i;

/** An image carried inside the page itself: the only `data:` address, and only as an image's `src`. */
export const INLINE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i;
