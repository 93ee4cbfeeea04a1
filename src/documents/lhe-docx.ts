import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { LheDocumentModel } from './domain/lhe-document';

/** Writes the LHE model as an editable DOCX (A4 portrait, Word/LibreOffice), with `docx`. */
export function renderLheDocx(m: LheDocumentModel): Promise<Buffer> {
  const centered = (text: string, bold = true, size = 28) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size })] });
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
  const cell = (text: string, bold = false, width?: number) =>
    new TableCell({
      width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
      children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
    });
  const table = (headers: string[], rows: { strong: boolean; cells: string[] }[], widths: number[]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, widths[i])) }),
        ...rows.map((r) => new TableRow({ children: r.cells.map((c, i) => cell(c, r.strong, widths[i])) })),
      ],
    });
  const doc = new Document({
    creator: 'sakip-service',
    title: m.cover.join(' '),
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } }, // A4 portrait in twips
        children: [
          ...m.cover.map((line, i) => centered(line, true, i < 2 ? 32 : 28)),
          new Paragraph({ children: [new PageBreak()] }),
          heading('I. Hasil Penilaian'),
          table(m.scoreHeaders, m.scoreRows, [10, 60, 15, 15]),
          new Paragraph({ children: [new TextRun({ text: `Nilai akhir: ${m.total}`, bold: true })] }),
          new Paragraph({ children: [new TextRun({ text: `Predikat: ${m.predicate}`, bold: true })] }),
          heading('II. Catatan Hasil Evaluasi'),
          ...m.findings.flatMap((f) => [
            new Paragraph({ children: [new TextRun({ text: f.component, bold: true })] }),
            ...(f.notes.length ? f.notes : ['Tidak ada catatan.']).map(
              (n) => new Paragraph({ text: n, bullet: { level: 0 } }),
            ),
          ]),
          heading('III. Rekomendasi'),
          ...(m.recommendations.length ? m.recommendations : ['Tidak ada rekomendasi.']).map(
            (r) => new Paragraph({ text: r, numbering: undefined, bullet: { level: 0 } }),
          ),
          heading('IV. Tindak Lanjut Rekomendasi Tahun Lalu'),
          m.followUpRows.length
            ? table(
                m.followUpHeaders,
                m.followUpRows.map((cells) => ({ strong: false, cells })),
                [8, 42, 35, 15],
              )
            : new Paragraph('Tidak ada rekomendasi tahun lalu yang perlu ditindaklanjuti.'),
          new Paragraph(''),
          new Paragraph({ alignment: AlignmentType.RIGHT, text: m.placeAndDate }),
          new Paragraph({ alignment: AlignmentType.RIGHT, text: m.signer.title }),
          new Paragraph(''),
          new Paragraph(''),
          new Paragraph(''),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: m.signer.name, bold: true, underline: {} })],
          }),
          ...(m.signer.nipLine ? [new Paragraph({ alignment: AlignmentType.RIGHT, text: m.signer.nipLine })] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
