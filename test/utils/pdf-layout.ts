import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';

/**
 * Text lines of a PDF with their boxes, read with poppler's `pdftotext -bbox-layout` (an XHTML file of pages, blocks,
 * lines and words, coordinates in points from the top-left corner), and the check that no two lines of a page overlap:
 * the sign that a row was too short for its wrapped text, or a header was clipped into its neighbour.
 */

const run = promisify(execFile);

export interface PdfLine {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );
const attr = (tag: string, name: string): number => Number(new RegExp(`${name}="([\\d.-]+)"`).exec(tag)?.[1]);

/** Parses the XHTML of `pdftotext -bbox-layout`. */
export function parseBboxLayout(xhtml: string): PdfPage[] {
  return [...xhtml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map((p, i) => ({
    number: i + 1,
    width: attr(p[1], 'width'),
    height: attr(p[1], 'height'),
    lines: [...p[2].matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map((l) => ({
      page: i + 1,
      xMin: attr(l[1], 'xMin'),
      yMin: attr(l[1], 'yMin'),
      xMax: attr(l[1], 'xMax'),
      yMax: attr(l[1], 'yMax'),
      text: [...l[2].matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((w) => decode(w[1])).join(' '),
    })),
  }));
}

/** The pages of a PDF file with their text lines. */
export async function pdfLayout(pdfPath: string): Promise<PdfPage[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return parseBboxLayout(stdout);
}

/**
 * A line's box spans the font's full ascent and descent, a little more than the line spacing: consecutive lines of
 * one wrapped paragraph overlap by about a tenth of their height. Overlaps up to a fifth of the smaller box's height
 * are therefore spacing, not text printed over text.
 */
const SPACING_SHARE = 0.2;
const intersects = (a: PdfLine, b: PdfLine): boolean => {
  const width = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const height = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  return width > 1 && height > SPACING_SHARE * Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
};

/** Every pair of text lines of one page whose boxes intersect both horizontally and vertically, as readable text. */
export function overlappingLines(pages: PdfPage[]): string[] {
  const found: string[] = [];
  for (const page of pages)
    page.lines.forEach((a, i) => {
      for (const b of page.lines.slice(i + 1))
        if (intersects(a, b)) found.push(`page ${page.number}: "${a.text}" overlaps "${b.text}"`);
    });
  return found;
}

/** All the text of a PDF's pages, one line per text line, words joined by single spaces. */
export const pdfText = (pages: PdfPage[]): string => pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');

/** Pages of a PDF: its page objects ("/Type /Page", not the "/Type /Pages" tree nodes). */
export const pdfPageCount = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/** Page sizes in points ("842x595" is A4 landscape), from each page's MediaBox. */
export const pdfPageSizes = (pdf: Buffer): string[] =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );

/**
 * Page count and every page's size ("595x842" is A4 portrait) as poppler's `pdfinfo` reads them: unlike counting page
 * objects in the bytes, right for signed PDFs whose incremental updates rewrite a page object.
 */
export async function pdfPages(pdfPath: string): Promise<{ count: number; sizes: string[] }> {
  const count = Number(/^Pages:\s+(\d+)/m.exec((await run('pdfinfo', [pdfPath])).stdout)?.[1]);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(count), pdfPath]);
  const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
  return { count, sizes };
}

/**
 * Converts office files (xlsx, docx) in `dir` to PDF beside them with headless LibreOffice (`SOFFICE`, default
 * `soffice`): one call, a throwaway profile and HOME inside `dir`, as a person's "print to PDF" would lay them out.
 */
export async function convertToPdf(dir: string, files: string[]): Promise<void> {
  await run(
    process.env.SOFFICE ?? 'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { timeout: 150_000, env: { ...process.env, HOME: join(dir, 'home') } },
  );
}
