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

/** A4 width minus the default 1-inch margins, in twips. */
const TEXT_WIDTH = 11906 - 2 * 1440;

const cell = (text: string, bold: boolean, width: number, size: number) =>
  new TableCell({
    width: { size: Math.round((width / 100) * TEXT_WIDTH), type: WidthType.DXA },
    children: [new Paragraph({ children: [new TextRun({ text, bold, size })] })],
  });

function render(block: Block): (Paragraph | Table)[] {
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
      return [
        new Table({
          width: { size: TEXT_WIDTH, type: WidthType.DXA },
          columnWidths: block.widths.map((w) => Math.round((w / 100) * TEXT_WIDTH)),
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.headers.map((h, i) => cell(h, true, block.widths[i], size)),
            }),
            ...block.rows.map(
              (r) => new TableRow({ children: r.map((c, i) => cell(c, false, block.widths[i], size)) }),
            ),
          ],
        }),
      ];
    }
  }
}

/** Writes the LKjIP draft as an editable DOCX: A4 portrait, one section per chapter starting on a new page. */
export function renderLkjipDocx(m: LkjipDocumentModel): Promise<Buffer> {
  const a4 = { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT } } };
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
        properties: a4,
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun(chapter.title)],
          }),
          ...chapter.blocks.flatMap(render),
        ],
      })),
    ],
  });
  return Packer.toBuffer(doc);
}
