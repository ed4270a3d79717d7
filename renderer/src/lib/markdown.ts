/**
 * Markdown (framework pages, the draft's rendered page) to HTML with GitHub's extensions, as the
 * framework's own pages are read on GitHub. The output is NOT safe: framework pages carry raw HTML,
 * so it must go through sanitize.ts (`{@html sanitizeHtml(markdownToUnsafeHtml(text))}`).
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/** Renders markdown to HTML, raw HTML passed through (sanitise the result before showing it). */
export function markdownToUnsafeHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}
