/**
 * A saved web page read as a source: the article found by Mozilla's Readability, the page's menus,
 * banners, "related stories" and advertisements left out. Never silently: the notice says how much
 * was left out, and the whole page's text stays at hand to bring back (ReadSource.whole). Loaded by
 * a dynamic import only when an HTML file is opened.
 *
 * Readability needs a Document with the page's `class` and `id` words (its clues to what is
 * boilerplate) and `<meta>` contents (title, byline, site, date). The page is parsed from markup
 * reduced to its tag names and those plain-word attributes (raw-html.ts), so no handler, address
 * or style reaches the parser, and a DOMParser document runs and loads nothing.
 */
import { Readability } from '@mozilla/readability';
import { htmlToText } from '../html-to-text';
import { tagNamesOnly } from '../raw-html';
import type { ReadSource } from './source-file-error';

/** The attributes Readability reads: words to a parser, never a handler, an address or a style. */
const READABILITY_ATTRIBUTES: ReadonlySet<string> = new Set(['class', 'id', 'name', 'property', 'itemprop', 'content', 'datetime', 'role', 'hidden', 'aria-hidden', 'lang', 'dir', 'rel']);

/**
 * Elements whose content is not text, removed with it before parsing: a style sheet would be
 * applied even in a DOMParser document (and refused by the CSP, which logs it), a script or a
 * frame is never the story. The markup is tagNamesOnly's, so their tags are bare and lower case.
 */
const NOT_TEXT = /<(script|style|noscript|template|iframe|object|embed|svg|math)>[\s\S]*?<\/\1>/g;

/** Below this share of the page's words, an "article" is more likely a fragment than the page's story. */
const MIN_ARTICLE_SHARE = 0.05;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The article of a saved web page, or its whole text when no article is found. */
export function webArticleText(html: string): ReadSource {
  const whole = htmlToText(html);
  const doc = new DOMParser().parseFromString(tagNamesOnly(html, READABILITY_ATTRIBUTES).replace(NOT_TEXT, ''), 'text/html');
  const article = new Readability(doc, { keepClasses: false }).parse();
  const text = article?.content ? htmlToText(article.content) : '';
  const total = words(whole);
  if (!article || words(text) < Math.max(20, total * MIN_ARTICLE_SHARE)) {
    return { text: whole, notices: ['No article was found in this page: its whole text is shown; remove what is not the story.'] };
  }
  const leftOut = total - words(text);
  const about = [article.byline && `by ${article.byline.trim()}`, article.siteName && `on ${article.siteName.trim()}`, article.publishedTime && `published ${article.publishedTime.trim()}`].filter(Boolean).join(', ');
  return {
    text,
    ...(article.title ? { title: article.title.trim() } : {}),
    notices: [
      `The article${about ? ` (${about})` : ''} was kept; ${leftOut} word${leftOut === 1 ? '' : 's'} of the page around it (menus, banners, related links, advertisements) were left out. “Use the whole page” brings them back.`,
    ],
    whole,
  };
}
