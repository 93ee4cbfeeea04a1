import ExcelJS from 'exceljs';
import { openAs, visit, type Walk } from './walk';

/** A busy CI machine renders the 80-criterion sheet slowly: each wait gets this long. */
const STEP_TIMEOUT = 120_000;

/** What the head read on the way, for the walk's final check against the API. */
export interface HeadReading {
  /** The Pemda's total on the roadmap page ("72,19"), or null without a Pemda evaluation. */
  roadmapTotal: string | null;
  /** The SKPD rows of the downloaded recap workbook's first sheet. */
  recapRows: number;
  /** The recap's file name. */
  recapFile: string;
}

/**
 * The regional head's part of the year (#17), in the browser only: the dashboard, the region dashboard, the roadmap
 * to the next predicate and to the target, the quarterly SKPD index, the peer comparison, then the recap download
 * from the dashboard.
 */
export async function readDashboardRoadmapAndDownloadRecap(walk: Walk): Promise<HeadReading> {
  const page = await openAs(walk, walk.head!);
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    await visit(walk, page, 'kepala-beranda');
    await page.getByRole('link', { name: 'Buka dasbor wilayah' }).click();
    await page.getByRole('heading', { level: 1, name: /^Dasbor Wilayah/ }).waitFor();
    await visit(walk, page, 'kepala-wilayah');

    await page.getByRole('link', { name: 'Peta Jalan & Indeks' }).click();
    await page.getByRole('heading', { level: 1, name: /^Peta Jalan Predikat/ }).waitFor();
    await visit(walk, page, 'kepala-peta-jalan');
    const big = page.locator('#kini-judul + .angka-besar');
    const roadmapTotal = (await big.count()) ? (await big.innerText()).split(' ')[0] : null;

    await page.getByRole('link', { name: 'Indeks SKPD triwulanan' }).click();
    await page.getByRole('heading', { level: 1, name: /^Indeks Kinerja SKPD TW IV/ }).waitFor();
    await page.getByLabel('Triwulan').selectOption('2');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByRole('heading', { level: 1, name: /^Indeks Kinerja SKPD TW II/ }).waitFor();
    await visit(walk, page, 'kepala-indeks');

    await page.getByRole('link', { name: 'Perbandingan daerah' }).click();
    await page.getByRole('heading', { level: 1, name: /^Perbandingan dengan Daerah Lain/ }).waitFor();
    const compare = page.getByRole('link', { name: /^Bandingkan dengan / });
    if (await compare.count()) {
      await compare.first().click();
      await page.getByRole('heading', { name: /, per komponen$/ }).waitFor();
    }
    await visit(walk, page, 'kepala-pembanding');

    await page.getByRole('link', { name: 'Beranda' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Unduh rekapitulasi/ }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    return { roadmapTotal, recapRows: wb.worksheets[0].actualRowCount, recapFile: download.suggestedFilename() };
  } finally {
    await page.context().close();
  }
}
