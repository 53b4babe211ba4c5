/**
 * A plain, readable PDF with pdfkit: A4, a large sans-serif font, headings, paragraphs and
 * bulleted lists. Used for the family's documents (the koers copy, the handover letter). The
 * document is made in memory and returned; nothing is written to disk.
 */
import PDFDocument from 'pdfkit';

export interface PdfWriter {
  title(text: string): void;
  heading(text: string): void;
  paragraph(text: string): void;
  small(text: string): void;
  bullets(items: string[]): void;
  space(): void;
}

export function writePdf(title: string, build: (w: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 64, right: 64 },
    // The title is the kind of document, not the child's name: metadata travels with the file.
    info: { Title: title, Creator: 'Jeugdbescherming' },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer: PdfWriter = {
    title: (text) => {
      doc.font('Helvetica-Bold').fontSize(20).text(text);
      doc.moveDown(0.6);
    },
    heading: (text) => {
      doc.moveDown(0.6);
      doc.font('Helvetica-Bold').fontSize(14).text(text);
      doc.moveDown(0.2);
    },
    paragraph: (text) => {
      doc.font('Helvetica').fontSize(12).text(text, { lineGap: 2 });
      doc.moveDown(0.3);
    },
    small: (text) => {
      doc.font('Helvetica').fontSize(9).fillColor('#333333').text(text);
      doc.fillColor('black');
    },
    bullets: (items) => {
      doc.font('Helvetica').fontSize(12);
      for (const item of items) doc.text(`•  ${item}`, { indent: 0, lineGap: 2 });
      doc.moveDown(0.3);
    },
    space: () => doc.moveDown(1),
  };
  build(writer);
  doc.end();
  return done;
}
