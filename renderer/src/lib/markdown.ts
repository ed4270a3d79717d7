/**
 * Markdown (framework pages, the draft's rendered page) to HTML with GitHub's extensions, as the
 * framework's own pages are read on GitHub. Raw HTML in the markdown is reduced to the allow-list
 * here (raw-html.ts: any other tag becomes text), so no parser is ever handed an event handler or
 * a script; the output still goes through sanitize.ts (`{@html sanitizeHtml(markdownToHtml(text))}`),
 * which holds the DOM it builds to the same list.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { CompileContext, HtmlExtension } from 'micromark-util-types';
import { allowListedHtml } from './raw-html';

// micromark's handlers return `undefined` (its Handle type), hence the explicit returns.
function enterRawHtml(this: CompileContext): undefined {
  this.buffer();
  this.setData('ignoreEncode', true);
  return undefined;
}

function exitRawHtml(this: CompileContext): undefined {
  this.setData('ignoreEncode');
  this.raw(allowListedHtml(this.resume()));
  return undefined;
}

/** micromark's raw-HTML handlers, replaced: each HTML block or inline tag is gathered, then reduced to the allow-list. */
const rawHtmlToAllowList: HtmlExtension = {
  enter: {
    htmlFlow(this: CompileContext) {
      this.lineEndingIfNeeded();
      return enterRawHtml.call(this);
    },
    htmlText: enterRawHtml,
  },
  exit: { htmlFlow: exitRawHtml, htmlText: exitRawHtml },
};

/** Renders markdown to HTML, raw HTML reduced to the allow-list (sanitise the result before showing it). */
export function markdownToHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml(), rawHtmlToAllowList] });
}
