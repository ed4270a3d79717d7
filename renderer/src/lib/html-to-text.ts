/**
 * An HTML file opened as a source text is reduced to its text: its tags stripped to their bare
 * names first (raw-html.ts: no attribute, so no event handler, ever reaches the browser's parser,
 * which Chromium 156 and later report as a CSP violation even in an inert document), then parsed
 * inside a <template> (whose contents are inert: no script runs, nothing loads, no style is even
 * applied), scripts, styles and other non-text parts dropped, and block elements turned into line
 * breaks so paragraphs survive.
 */
import { tagNamesOnly } from './raw-html';

const DROP = 'script, style, noscript, template, iframe, object, embed, svg, math, head, title, meta, link, nav, footer, form, button, select, input, textarea';
const BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DD|DIV|DL|DT|FIGCAPTION|FIGURE|H[1-6]|HEADER|HR|LI|MAIN|OL|P|PRE|SECTION|TABLE|TBODY|THEAD|TFOOT|TR|UL)$/;

/**
 * Untrusted HTML as an inert fragment: tags stripped to their bare names, parsed inside a
 * <template>. The one way the renderer parses markup it only reads text from (sources, Word files).
 */
export function inertFragment(html: string): DocumentFragment | undefined {
  // The file cannot close the wrapping template early: its own template tags are renamed.
  const wrapped = `<template>${tagNamesOnly(html).replace(/<(\/?)template/gi, '<$1x-template')}</template>`;
  return new DOMParser().parseFromString(wrapped, 'text/html').querySelector('template')?.content;
}

/** The readable text of an HTML document. */
export function htmlToText(html: string): string {
  const root = inertFragment(html);
  if (!root) return '';
  for (const node of Array.from(root.querySelectorAll(DROP))) node.remove();
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (!(node instanceof Element)) return;
    const block = BLOCK.test(node.tagName);
    if (node.tagName === 'BR') out += '\n';
    if (block) out += '\n\n';
    for (const child of Array.from(node.childNodes)) walk(child);
    if (node.tagName === 'TD' || node.tagName === 'TH') out += '\t';
    if (block) out += '\n\n';
  };
  for (const child of Array.from(root.childNodes)) walk(child);
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True for a file the tagger reads as HTML (by name or type). */
export function isHtmlFile(file: { readonly name: string; readonly type: string }): boolean {
  return /\.html?$/i.test(file.name) || file.type === 'text/html';
}
