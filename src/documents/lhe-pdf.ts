import type { LheDocumentModel } from './domain/lhe-document';
import { BOLD, contentWidth, FONT, heading, MARGIN, type PkPdfOptions, renderA4Pdf, signatures, table } from './pk-pdf';

/**
 * Lays out the LHE model on A4 portrait with pdfkit, the chapters of the DOCX (lhe-docx.ts): cover, I scores with
 * the predicate, II findings per component, III recommendations, IV last year's follow-up, and the Inspektur's
 * signature. A draft carries "DRAF"; the signed one a QR code and its verification URL on every page.
 */
export function renderLhePdf(m: LheDocumentModel, opts: PkPdfOptions): Promise<Buffer> {
  return renderA4Pdf(m.cover.join(' '), opts, (doc) => {
    const width = contentWidth(doc);
    doc.y = MARGIN + 160;
    m.cover.forEach((line, i) =>
      doc
        .font(BOLD)
        .fontSize(i < 2 ? 16 : 14)
        .text(line, MARGIN, doc.y, { align: 'center', width })
        .moveDown(i === 1 ? 2 : 0.6),
    );
    doc.addPage();
    heading(doc, m.cover[0], m.cover.slice(2, 4));
    chapter(doc, 'I. Hasil Penilaian');
    table(
      doc,
      { headers: m.scoreHeaders, widths: [10, 60, 15, 15], rows: m.scoreRows.map((r) => r.cells), fontSize: 9.5 },
      m.scoreRows.map((r) => r.strong),
    );
    doc.moveDown(0.5);
    doc.font(BOLD).fontSize(11).text(`Nilai akhir: ${m.total}`, MARGIN, doc.y, { width });
    doc.text(`Predikat: ${m.predicate}`, MARGIN, doc.y, { width });
    chapter(doc, 'II. Catatan Hasil Evaluasi');
    for (const f of m.findings) {
      doc.font(BOLD).fontSize(11).text(f.component, MARGIN, doc.y, { width });
      bullets(doc, f.notes.length ? f.notes : ['Tidak ada catatan.']);
    }
    chapter(doc, 'III. Rekomendasi');
    bullets(doc, m.recommendations.length ? m.recommendations : ['Tidak ada rekomendasi.']);
    chapter(doc, 'IV. Tindak Lanjut Rekomendasi Tahun Lalu');
    if (m.followUpRows.length)
      table(doc, { headers: m.followUpHeaders, widths: [8, 42, 35, 15], rows: m.followUpRows, fontSize: 9.5 });
    else
      doc
        .font(FONT)
        .fontSize(11)
        .text('Tidak ada rekomendasi tahun lalu yang perlu ditindaklanjuti.', MARGIN, doc.y, { width });
    signatures(doc, m.placeAndDate, [
      {
        party: 'INSPECTOR',
        heading: null,
        title: `${m.signer.title},`,
        name: m.signer.name,
        rank: m.signer.rank,
        nipLine: m.signer.nipLine,
      },
    ]);
  });
}

function chapter(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.8);
  doc
    .font(BOLD)
    .fontSize(12)
    .text(title, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function bullets(doc: PDFKit.PDFDocument, items: readonly string[]): void {
  doc.font(FONT).fontSize(10.5);
  for (const item of items) {
    const y = doc.y;
    doc.text('•', MARGIN + 8, y, { width: 10 });
    doc.text(item, MARGIN + 20, y, { width: contentWidth(doc) - 20, align: 'left' });
    doc.moveDown(0.2);
  }
}
