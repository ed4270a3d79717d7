/**
 * A PDF opened as a source: its text layer read with pdf.js, page by page, and assembled by
 * page-text.ts ("[page N]" lines, hyphenated line ends joined, running headers and footers left
 * out and named in a notice).
 *
 * This module is only ever loaded by a dynamic import when a PDF is opened, so pdf.js (about
 * 400 kB) is not part of the first screen's JavaScript. pdf.js parses in its own Web Worker,
 * off the UI thread: the worker script is emitted by Vite as a file of the app's own origin
 * (`?url`), which the page's CSP (`script-src 'self'`, the fallback for workers) allows. pdf.js
 * 6 evaluates no generated code (no `isEvalSupported` option is left to turn off), and its
 * WebAssembly decoders (images only, never needed for text) are switched off, since the CSP has
 * no 'wasm-unsafe-eval'; so is its second worker, for drawing pages, which text never needs.
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { reasonOf, SourceFileError, type ReadSource } from './source-file-error';
import { assemblePages, dropRepeatedEdges, joinHyphenatedLines, joinHyphenatedPages, linesOfPage } from './page-text';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The text of a PDF's bytes; `name` is the file's name, for messages. Throws SourceFileError with the reason. */
export async function pdfToText(bytes: ArrayBuffer, name: string): Promise<ReadSource> {
  const task = getDocument({ data: new Uint8Array(bytes), useWasm: false, disableFontFace: true, disableWorkerRendering: true, isOffscreenCanvasSupported: false, verbosity: 0 });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    const kind = error instanceof Error ? error.name : '';
    if (kind === 'PasswordException') throw new SourceFileError(`${name} is protected by a password; open a copy saved without one.`);
    throw new SourceFileError(`${name} could not be read as a PDF (${reasonOf(error)}): it may be damaged, or not a PDF.`);
  }
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        linesOfPage(
          content.items.filter(isTextItem).map((item) => ({ str: item.str, y: item.transform[5] ?? 0, height: item.height, hasEOL: item.hasEOL })),
        ),
      );
      page.cleanup();
    }
    const blank = pages.flatMap((lines, i) => (lines.some((line) => line.trim() !== '') ? [] : [i + 1]));
    if (blank.length === pages.length) throw new SourceFileError(`${name} has no text layer (it is probably scanned images): it needs OCR before its text can be quoted.`);
    const { pages: kept, leftOut } = dropRepeatedEdges(pages);
    const notices: string[] = [];
    if (leftOut.length > 0) {
      notices.push(`Left out of ${name}, as repeated at the top or bottom of its pages: ${leftOut.map((line) => `“${line.text}” (${line.pages} pages)`).join(', ')}.`);
    }
    if (blank.length > 0) notices.push(`${name}: page${blank.length > 1 ? 's' : ''} ${blank.join(', ')} ha${blank.length > 1 ? 've' : 's'} no text (scanned images need OCR).`);
    return { text: assemblePages(joinHyphenatedPages(kept.map(joinHyphenatedLines))), notices };
  } finally {
    // Ends the document and its worker: each PDF opened gets a fresh one.
    await task.destroy();
  }
}

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}
