import PDFDocument from 'pdfkit';
import { apologyLetterText, type ApologyLetter, type LetterText } from './apology-letter';

// DejaVu Sans covers every Vietnamese letter with its diacritics; pdfkit embeds the subset it uses.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Renders the apology letter as an A4 PDF with an embedded Unicode font. */
export function renderApologyLetterPdf(letter: ApologyLetter): Promise<Buffer> {
  return renderLetterPdf(apologyLetterText(letter), letter.unitName);
}

/**
 * Draws any letter's text (apology, thanks) in the layout of the administrative forms: the two-column
 * header, number and place-date row, centred title, salutation, justified paragraphs and the signature block.
 */
export function renderLetterPdf(t: LetterText, author: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    info: { Title: t.title, Author: author },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2 - 6;
  const top = doc.y;
  doc.font('bold').fontSize(10);
  doc.text(t.header.left.join('\n'), left, top, { width: half - 20, align: 'center' });
  const afterLeft = doc.y;
  doc.text(t.header.right[0], left + half, top, { width: half + 12, align: 'center' });
  doc
    .font('bold')
    .fontSize(11)
    .text(t.header.right[1], { width: half + 12, align: 'center' });
  doc.y = Math.max(afterLeft, doc.y) + 10;
  doc.font('regular').fontSize(11);
  const row = doc.y;
  doc.text(t.numberLine, left, row, { width: half - 20, align: 'center' });
  doc.text(t.placeDate, left + half, row, { width: half + 12, align: 'center' });
  doc.moveDown(2);
  doc.font('bold').fontSize(13).text(t.title, left, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(10).text(t.subtitle, { width, align: 'center' });
  doc.moveDown(1.2);
  doc.fontSize(12).text(t.salutation, { width, align: 'center' });
  doc.moveDown(0.8);
  for (const p of t.paragraphs)
    doc.text(p, left, doc.y, { width, align: 'justify', indent: 24, paragraphGap: 6 });
  doc.moveDown(1.5);
  const sigX = left + width / 2;
  doc.font('bold').text(t.signature[0], sigX, doc.y, { width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(t.signature[1], sigX, doc.y, { width: width / 2, align: 'center' });
  doc.moveDown(3);
  doc
    .font('bold')
    .fontSize(12)
    .text(t.signature[4], sigX, doc.y, { width: width / 2, align: 'center' });
  doc.end();
  return done;
}
