import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, LkjipDocumentModel } from './domain/lkjip-document';

/** A4 (portrait) sides in twips, and the text width between the default 1-inch margins. */
const A4 = { short: 11906, long: 16838 };
const textWidth = (landscape: boolean) => (landscape ? A4.long : A4.short) - 2 * 1440;

/** Narrow cell margins (twips) for the wide capaian table, so headers like "Realisasi" are not broken mid-word. */
const NARROW = { left: 57, right: 57 };

const cell = (text: string, bold: boolean, width: number, size: number, textWidth: number) =>
  new TableCell({
    width: { size: Math.round((width / 100) * textWidth), type: WidthType.DXA },
    ...(size < 18 ? { margins: NARROW } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold, size })] })],
  });

function render(block: Block, width: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, text: block.text })];
    case 'bullets':
      return block.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'table': {
      // Half-points: 9 pt, and 7 pt for the wide capaian table so figures do not break mid-number.
      const size = block.headers.length > 8 ? 14 : 18;
      const strong = new Set(block.strongRows ?? []);
      return [
        new Table({
          width: { size: width, type: WidthType.DXA },
          columnWidths: block.widths.map((w) => Math.round((w / 100) * width)),
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.headers.map((h, i) => cell(h, true, block.widths[i], size, width)),
            }),
            ...block.rows.map(
              (r, k) =>
                new TableRow({ children: r.map((c, i) => cell(c, strong.has(k), block.widths[i], size, width)) }),
            ),
          ],
        }),
      ];
    }
  }
}

/**
 * Writes the LKjIP draft as an editable DOCX: A4 portrait (a chapter marked landscape, A4 landscape), one section per
 * chapter starting on a new page.
 */
export function renderLkjipDocx(m: LkjipDocumentModel): Promise<Buffer> {
  const a4 = { page: { size: { width: A4.short, height: A4.long, orientation: PageOrientation.PORTRAIT } } };
  const a4Landscape = { page: { size: { width: A4.short, height: A4.long, orientation: PageOrientation.LANDSCAPE } } };
  const doc = new Document({
    creator: 'sakip-service',
    title: m.cover.join(' '),
    sections: [
      {
        properties: a4,
        children: m.cover.map(
          (text, i) =>
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text, bold: true, size: i < 2 ? 32 : 28 })],
            }),
        ),
      },
      ...m.chapters.map((chapter) => ({
        properties: chapter.landscape ? a4Landscape : a4,
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun(chapter.title)],
          }),
          ...chapter.blocks.flatMap((b) => render(b, textWidth(chapter.landscape ?? false))),
        ],
      })),
    ],
  });
  return Packer.toBuffer(doc);
}
