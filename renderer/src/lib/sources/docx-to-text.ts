/**
 * A Word (.docx) file opened as a source: mammoth turns it into its plain structural HTML
 * (paragraphs, headings, lists, tables; no styling), which is then written out as lines of text:
 * a heading on a line of its own, each list item on its own line after "• " or its number, table
 * cells apart by tabs. Loaded by a dynamic import only when a .docx is opened.
 *
 * Images are never turned into data: addresses (only counted, to tell a document of images only
 * from an empty one), and the HTML's tags are reduced to their bare names before the browser
 * parses it, inert, inside a <template> (see html-to-text.ts for why).
 */
import mammoth from 'mammoth';
import { inertFragment } from '../html-to-text';
import { reasonOf, SourceFileError, type ReadSource } from './source-file-error';

const BLOCK = /^(P|H[1-6]|LI|TR|TABLE|UL|OL|BLOCKQUOTE)$/;

/** The text of a .docx file's bytes; `name` is the file's name, for messages. Throws SourceFileError with the reason. */
export async function docxToText(bytes: ArrayBuffer, name: string): Promise<ReadSource> {
  let images = 0;
  let result;
  try {
    result = await mammoth.convertToHtml(
      { arrayBuffer: bytes },
      {
        convertImage: mammoth.images.imgElement(() => {
          images++;
          return Promise.resolve({ src: '' });
        }),
      },
    );
  } catch (error) {
    throw new SourceFileError(`${name} could not be read as a Word document (${reasonOf(error)}): it may be damaged, or an older .doc file (save that as .docx).`);
  }
  const text = htmlLines(result.value);
  if (text.trim() === '') {
    throw new SourceFileError(images > 0 ? `${name} holds only images (${images}), no text: it needs OCR before its text can be quoted.` : `${name} has no text.`);
  }
  return { text, notices: images > 0 ? [`${name}: ${images} image${images > 1 ? 's' : ''} left out (only the text is quoted).`] : [] };
}

/** Mammoth's HTML as lines: blocks on lines of their own, list items marked, blank lines between paragraphs. */
function htmlLines(html: string): string {
  const root = inertFragment(html);
  if (!root) return '';
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (!(node instanceof Element)) return;
    const tag = node.tagName;
    if (tag === 'BR') out += '\n';
    // A list inside a list item goes on with it, without a blank line.
    const nested = (tag === 'UL' || tag === 'OL') && ancestors(node, 'LI') > 0;
    if (BLOCK.test(tag)) out += tag === 'LI' || tag === 'TR' || nested ? '\n' : '\n\n';
    if (tag === 'LI') {
      const list = node.parentElement;
      const depth = ancestors(node, 'LI');
      const marker = list?.tagName === 'OL' ? `${Array.from(list.children).indexOf(node) + 1}. ` : '• ';
      out += '  '.repeat(depth) + marker;
    }
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === 'TD' || tag === 'TH') out += '\t';
    if (((tag === 'UL' || tag === 'OL') && !nested) || tag === 'TABLE' || /^H[1-6]$/.test(tag) || tag === 'P') out += '\n\n';
  };
  for (const child of Array.from(root.childNodes)) walk(child);
  return (
    out
      .split('\n')
      // Indentation is kept only where it marks a nested list item.
      .map((line) => (/^ +(•|\d+\.) /.test(line) ? line.trimEnd() : line.trim()))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** How many `tag` elements hold `node` (a nested list item's depth). */
function ancestors(node: Element, tag: string): number {
  let count = 0;
  for (let parent = node.parentElement; parent; parent = parent.parentElement) if (parent.tagName === tag) count++;
  return count;
}
