import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { PkDocumentModel, SignatureBlock, Table } from './domain/pk-document';

/**
 * Lays out a PK document model on A4 portrait with pdfkit (no office suite needed): page 1 the statement of the
 * parties, page 2 the targets, page 3 the action plan (TW I–IV), then the budget when there is one. Signature
 * blocks close pages 1 and 2. A draft carries a "DRAF" watermark; a final document a QR code and the short URL of
 * its public verification page in the footer of every page.
 */
export interface PkPdfOptions {
  draft: boolean;
  /** The verification URL (final documents); printed and encoded in the QR code. */
  verifyUrl: string | null;
}

export const MARGIN = 56; // ~2 cm
export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
const FOOTER_HEIGHT = 70;

export async function renderPkPdf(model: PkDocumentModel, opts: PkPdfOptions): Promise<Buffer> {
  return renderA4Pdf(model.documentTitle, opts, (doc) => {
    statementPage(doc, model);
    doc.addPage();
    heading(doc, model.title, model.subtitle);
    table(doc, model.targets);
    signatures(doc, model.placeAndDate, model.signatures);
    if (model.actionPlan) {
      doc.addPage();
      heading(doc, `RENCANA AKSI ${model.title}`, model.subtitle);
      table(doc, model.actionPlan);
    }
    if (model.budget) {
      doc.addPage();
      heading(doc, `PROGRAM DAN ANGGARAN ${model.title}`, model.subtitle);
      table(doc, model.budget);
    }
  });
}

/**
 * An A4 portrait PDF laid out by `body`, then decorated page by page: the "DRAF" watermark, or the QR code and
 * verification URL of a signed document, and "Halaman x dari n". Shared by every PDF document (PK, LHE).
 */
export async function renderA4Pdf(
  title: string,
  opts: PkPdfOptions,
  body: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const qr = opts.verifyUrl ? await QRCode.toBuffer(opts.verifyUrl, { margin: 0, width: 180 }) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    info: { Title: title, Creator: 'sakip-service', Producer: 'sakip-service' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  body(doc);
  decoratePages(doc, opts, qr);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - MARGIN * 2;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

export function heading(doc: PDFKit.PDFDocument, title: string, subtitle: string[]): void {
  doc
    .font(BOLD)
    .fontSize(13)
    .text(title, MARGIN, MARGIN, { align: 'center', width: contentWidth(doc) });
  for (const line of subtitle) doc.text(line, { align: 'center', width: contentWidth(doc) });
  doc.moveDown(1.2);
}

function statementPage(doc: PDFKit.PDFDocument, m: PkDocumentModel): void {
  heading(doc, m.title, m.subtitle);
  const width = contentWidth(doc);
  doc.font(FONT).fontSize(11).text(m.opening, MARGIN, doc.y, { align: 'justify', width });
  doc.moveDown(0.8);
  for (const p of m.parties) {
    for (const [label, value] of [
      ['Nama', p.name],
      ['Jabatan', p.title],
    ] as const) {
      const y = doc.y;
      doc.font(FONT).text(label, MARGIN + 20, y, { width: 70 });
      doc.text(':', MARGIN + 90, y, { width: 10 });
      doc.text(value, MARGIN + 100, y, { width: width - 100 });
    }
    if (p.closing) doc.text(p.closing, MARGIN, doc.y + 4, { width });
    doc.moveDown(0.8);
  }
  for (const text of m.promises) {
    doc.text(text, MARGIN, doc.y, { align: 'justify', width });
    doc.moveDown(0.6);
  }
  signatures(doc, m.placeAndDate, m.signatures);
}

/** The place and date, then one column per signer (pihak kedua left, pihak pertama right; a single one right). */
export function signatures(doc: PDFKit.PDFDocument, placeAndDate: string, blocks: readonly SignatureBlock[]): void {
  const width = contentWidth(doc);
  const blockHeight = 150;
  if (doc.y + blockHeight > bottom(doc)) doc.addPage();
  doc.moveDown(1);
  const colWidth = width / 2;
  const rightX = MARGIN + colWidth;
  doc.font(FONT).fontSize(11).text(placeAndDate, rightX, doc.y, { width: colWidth, align: 'center' });
  const top = doc.y + 4;
  const columns: [number, SignatureBlock][] =
    blocks.length === 1 ? [[rightX, blocks[0]]] : blocks.map((s, i) => [MARGIN + i * colWidth, s]);
  let lowest = top;
  for (const [x, s] of columns) {
    doc.font(FONT).fontSize(11);
    doc.y = top;
    if (s.heading) doc.text(s.heading, x, doc.y, { width: colWidth, align: 'center' });
    doc.text(s.title, x, doc.y, { width: colWidth, align: 'center' });
    doc.y += 60;
    doc.font(BOLD).text(s.name, x, doc.y, { width: colWidth, align: 'center', underline: true });
    doc.font(FONT);
    if (s.rank) doc.text(s.rank, x, doc.y, { width: colWidth, align: 'center' });
    if (s.nipLine) doc.text(s.nipLine, x, doc.y, { width: colWidth, align: 'center' });
    lowest = Math.max(lowest, doc.y);
  }
  doc.x = MARGIN;
  doc.y = lowest + 10;
}

/**
 * A bordered table with wrapped cells; rows that do not fit start a new page with the header repeated. Rows listed
 * in `strong` (by index) are printed bold.
 */
export function table(doc: PDFKit.PDFDocument, t: Table, strong: readonly boolean[] = []): void {
  const width = contentWidth(doc);
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => (w / total) * width);
  const pad = 4;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(t.fontSize);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      doc.y = MARGIN;
      drawRow(t.headers, BOLD, '#e6e6e6');
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      if (fill) doc.rect(x, y, widths[i], h).fillAndStroke(fill, '#000000');
      else doc.rect(x, y, widths[i], h).stroke('#000000');
      doc
        .fillColor('#000000')
        .font(font)
        .fontSize(t.fontSize)
        .text(c, x + pad, y + pad, {
          width: widths[i] - pad * 2,
          align: fill || i === 0 || /^[\d.,–-]+$/.test(c) ? 'center' : 'left',
        });
      x += widths[i];
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  doc.lineWidth(0.7);
  drawRow(t.headers, BOLD, '#e6e6e6');
  t.rows.forEach((row, i) => drawRow(row, strong[i] ? BOLD : FONT, null));
  if (t.rows.length === 0)
    drawRow(
      t.headers.map((_, i) => (i === 1 ? 'Belum ada indikator' : '')),
      FONT,
      null,
    );
}

/** Per page: the "DRAF" watermark or the QR code and verification URL, and "Halaman x dari n". */
function decoratePages(doc: PDFKit.PDFDocument, opts: PkPdfOptions, qr: Buffer | null): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin must not add pages.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerTop = doc.page.height - MARGIN - FOOTER_HEIGHT + 10;
    if (opts.draft) {
      doc.save();
      doc.rotate(-45, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font(BOLD)
        .fontSize(140)
        .fillColor('#d0d0d0')
        .fillOpacity(0.5)
        .text('DRAF', 0, doc.page.height / 2 - 70, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore();
      doc
        .fillColor('#000000')
        .fillOpacity(1)
        .font(FONT)
        .fontSize(8.5)
        .text('DRAF – belum ditandatangani, bukan dokumen resmi.', MARGIN, footerTop + 20, {
          width: contentWidth(doc) - 80,
        });
    } else if (qr && opts.verifyUrl) {
      doc.image(qr, MARGIN, footerTop, { width: 56, height: 56 });
      doc
        .fillColor('#000000')
        .font(FONT)
        .fontSize(8.5)
        .text(
          'Dokumen ini ditandatangani secara elektronik. Keaslian dan keutuhannya dapat diperiksa dengan memindai kode QR ' +
            'atau membuka:',
          MARGIN + 66,
          footerTop + 6,
          { width: contentWidth(doc) - 146 },
        )
        .text(opts.verifyUrl, MARGIN + 66, doc.y, { width: contentWidth(doc) - 146 });
    }
    doc
      .fillColor('#000000')
      .font(FONT)
      .fontSize(8.5)
      .text(`Halaman ${i - range.start + 1} dari ${range.count}`, doc.page.width - MARGIN - 80, footerTop + 20, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = savedBottom;
  }
}
