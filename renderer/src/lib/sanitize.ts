/**
 * The one place where HTML from outside the app (framework pages, analysts' text, pasted articles)
 * becomes HTML the app shows. Every `{@html ...}` in the renderer is `{@html sanitizeHtml(...)}`.
 *
 * DOMPurify with the allow-list of html-allow-list.ts: text formatting, lists, tables, links and inline images from
 * `data:` only. No script, no event handler, no style, no form, no frame, no SVG or MathML (the
 * home of mutation-XSS tricks), no remote load of any kind (a remote image becomes a note with its
 * text). Links: `http(s)`/`mailto` open outside the app (new window, no referrer, no opener);
 * links to framework pages (`../techniques/T0155.007.md`) become in-app links to the library;
 * anything else (`javascript:`, `data:`, `file:`...) loses its target.
 * After sanitising, technique ids in the text are marked as mentions for the hover card.
 */
import DOMPurify, { type Config } from 'dompurify';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URI, INLINE_IMAGE } from './html-allow-list';
import { TECHNIQUE_MENTION, splitMentions } from './mentions';

/** How a piece of HTML is placed in the app. */
export interface SanitizeOptions {
  /** The repository path of the page the HTML comes from, to resolve its relative links. */
  readonly linkBase?: string;
}

const CONFIG: Config = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTRIBUTES],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
  KEEP_CONTENT: true,
  FORBID_TAGS: ['style', 'script', 'iframe', 'frame', 'embed', 'object', 'form', 'math', 'svg', 'template', 'link', 'meta', 'base', 'noscript'],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'class'],
  RETURN_DOM_FRAGMENT: true,
};

/** The id a framework page path names (`../../generated_pages/techniques/T0155.007.md` → `T0155.007`). */
function objectIdOfHref(href: string): string | undefined {
  const match = /(?:^|\/)((?:TA|TK|IT|[TPICAMDFS])\d+(?:\.\d+)?)\.md(?:#.*)?$/.exec(href);
  return match?.[1];
}

/** `relative` resolved against the folder of `base` (both repository paths); undefined when it leaves the repository. */
function resolveRepoPath(base: string, relative: string): string | undefined {
  const parts = base.split('/').slice(0, -1);
  for (const segment of relative.split(/[?#]/)[0]?.split('/') ?? []) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length ? parts.join('/') : undefined;
}

let purifier: ReturnType<typeof DOMPurify> | undefined;
let currentBase: string | undefined;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // A private instance, so its hooks apply to nothing else.
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') placeLink(node as HTMLAnchorElement);
    else if (node.nodeName === 'INPUT') {
      // Task-list checkboxes only, and never editable.
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
  purifier = p;
  return p;
}

/** Makes a link safe and useful inside the app (see the module comment). */
function placeLink(a: HTMLAnchorElement): void {
  const href = a.getAttribute('href');
  a.removeAttribute('target');
  if (href === null) return;
  const trimmed = href.trim();
  if (/^(?:https?:|mailto:)/i.test(trimmed)) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    return;
  }
  // Only paths without a scheme remain: in-app links, or nothing.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    a.removeAttribute('href');
    return;
  }
  const id = objectIdOfHref(trimmed);
  if (id) {
    a.setAttribute('href', `#/library/${encodeURIComponent(id)}`);
    return;
  }
  const path = currentBase && !trimmed.startsWith('#') ? resolveRepoPath(currentBase, trimmed) : undefined;
  if (path && /\.md$/i.test(path)) a.setAttribute('href', `#/library/${encodeURIComponent(path)}`);
  else a.removeAttribute('href');
}

/** Replaces remote images by a note naming them, so showing a page never loads anything. */
function dropRemoteImages(root: DocumentFragment): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (INLINE_IMAGE.test(src)) continue;
    const note = document.createElement('span');
    note.className = 'blocked-image';
    note.textContent = `[image${img.getAttribute('alt') ? `: ${img.getAttribute('alt')}` : ''} (not loaded)]`;
    img.replaceWith(note);
  }
}

/** Wraps technique ids of text nodes (outside links and code) in mention marks for the hover card. */
function markMentions(root: DocumentFragment): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text && !node.parentElement?.closest('a, code, pre, h1, h2, h3')) {
      TECHNIQUE_MENTION.lastIndex = 0;
      if (TECHNIQUE_MENTION.test(node.data)) texts.push(node);
    }
  }
  for (const text of texts) {
    const pieces = document.createDocumentFragment();
    for (const segment of splitMentions(text.data)) {
      if (segment.kind === 'text') {
        pieces.append(segment.text);
        continue;
      }
      const mark = document.createElement('span');
      mark.className = 'mention';
      mark.dataset.mention = segment.id;
      mark.textContent = segment.text;
      pieces.append(mark);
    }
    text.replaceWith(pieces);
  }
}

/** Untrusted HTML as HTML safe to insert into the app (see the module comment). */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const p = instance();
  currentBase = options.linkBase;
  let fragment: DocumentFragment;
  try {
    fragment = p.sanitize(html, CONFIG) as unknown as DocumentFragment;
  } finally {
    currentBase = undefined;
  }
  dropRemoteImages(fragment);
  markMentions(fragment);
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}
