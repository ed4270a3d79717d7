/**
 * A file the analyst opens as a source, read to its text by its kind: text and markdown as they
 * are, HTML as its article (web-article.ts), PDF by its text layer (pdf-to-text.ts), Word .docx by its
 * structure (docx-to-text.ts). The PDF and Word readers are dynamic imports, loaded only when
 * such a file is opened, so the first screen's JavaScript stays as it was.
 */
import { isHtmlFile } from '../html-to-text';
import { SourceFileError, type ReadSource } from './source-file-error';

export { SourceFileError, type ReadSource } from './source-file-error';

/** The largest text, markdown or HTML file opened, in MB. */
const MAX_TEXT_FILE_MB = 5;
/** The largest PDF or Word file opened, in MB: these carry images and fonts besides their text. */
const MAX_DOCUMENT_FILE_MB = 50;

/** What the file input offers (its `accept`). */
export const SOURCE_FILE_ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.docx,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Kind = 'pdf' | 'docx' | 'html' | 'text';

function kindOf(file: File): Kind | undefined {
  if (/\.pdf$/i.test(file.name) || file.type === 'application/pdf') return 'pdf';
  if (/\.docx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (isHtmlFile(file)) return 'html';
  if (/\.(txt|md|markdown|text)$/i.test(file.name) || /^text\//.test(file.type)) return 'text';
  return undefined;
}

/** The file's text and notices; throws SourceFileError with a message for the analyst. */
export async function readSourceFile(file: File): Promise<ReadSource> {
  const kind = kindOf(file);
  if (!kind) throw new SourceFileError(`${file.name} is not a PDF, Word (.docx), text, markdown or HTML file.`);
  const limit = kind === 'pdf' || kind === 'docx' ? MAX_DOCUMENT_FILE_MB : MAX_TEXT_FILE_MB;
  if (file.size > limit * 1024 * 1024) throw new SourceFileError(`${file.name} is larger than ${limit} MB; open the article's text only.`);
  if (kind === 'pdf') return (await import('./pdf-to-text')).pdfToText(await file.arrayBuffer(), file.name);
  if (kind === 'docx') return (await import('./docx-to-text')).docxToText(await file.arrayBuffer(), file.name);
  const raw = await file.text();
  if (kind === 'html') return (await import('./web-article')).webArticleText(raw);
  return { text: raw, notices: [] };
}
