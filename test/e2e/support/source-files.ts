/**
 * Source files as analysts get them, made by the test: a PDF written with pdf-lib (real text
 * layer, Helvetica, one text line per drawText) and a Word .docx zipped with JSZip from the
 * smallest WordprocessingML that Word itself opens (document, styles for the heading, numbering
 * for the lists).
 */
import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';

/** A PDF whose pages hold these lines, top to bottom (an empty array makes a page with no text: a rectangle only). */
export async function makePdf(pages: readonly (readonly string[])[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 16, size: 11, font }));
  }
  return Buffer.from(await pdf.save());
}

/**
 * A PDF protected by a password: a real text page whose trailer names the standard security
 * handler with a user-password check value no password matches, so a reader must ask for one
 * (pdf-lib writes no encryption itself; this is the part of it a reader meets first).
 */
export async function makePasswordPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.load(await makePdf([['Secret text']]));
  const hex = (): PDFHexString => PDFHexString.of(randomBytes(32).toString('hex'));
  const encrypt = pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -4 });
  encrypt.set(PDFName.of('O'), hex());
  encrypt.set(PDFName.of('U'), hex());
  pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A paragraph of a .docx body: plain, a heading, or a bulleted or numbered list item. */
export type DocxParagraph = { text: string; heading?: 1 | 2; list?: 'bullet' | 'number' };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A .docx holding these paragraphs. */
export async function makeDocx(paragraphs: readonly DocxParagraph[]): Promise<Buffer> {
  const body = paragraphs
    .map(({ text, heading, list }) => {
      const style = heading ? `<w:pStyle w:val="Heading${heading}"/>` : '';
      const numbering = list ? `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${list === 'bullet' ? 1 : 2}"/></w:numPr>` : '';
      return `<w:p><w:pPr>${style}${numbering}</w:pPr><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
    })
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
  );
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  );
  zip.file(
    'word/numbering.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
