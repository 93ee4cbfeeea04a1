import type { Page } from 'playwright-core';
import { openAs, visit, type Walk } from './walk';

/** A busy CI machine renders the 80-criterion sheet slowly: each wait gets this long. */
const STEP_TIMEOUT = 120_000;

/**
 * The evaluator's and the QA evaluator's part of the year (#17), in the browser only. Each step opens its own
 * logged-in context, checks every page it shows (`visit`) and closes the context.
 */

/** What the walk's SKPD evaluation is called in lists and headings. */
const subjectOf = (walk: Walk): string | RegExp => walk.skpdName ?? /Pemerintah Daerah/;

/** From the LKE list to the walk's SKPD evaluation of the walk's year. */
async function openEvaluation(walk: Walk, page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Evaluasi LKE', exact: true }).click();
  await page.getByLabel('Tahun').fill(String(walk.year));
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await visit(walk, page, `${name}-daftar`);
  await page
    .getByRole('link', { name: subjectOf(walk) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: /^LKE / }).waitFor();
}

/**
 * The evaluator answers every criterion (`answer`, a code of the rule set's scale, default "B"), walking the sheet
 * by its "next unanswered" link, saves, writes a recommendation and edits it, then hands the sheet to QA.
 * Leaves the recommendation's text in `walk.recommendation`.
 */
export async function scoreAndRecommend(walk: Walk & { recommendation?: string }, answer = 'B'): Promise<void> {
  const page = await openAs(walk, walk.evaluator!);
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await openEvaluation(walk, page, 'evaluator-lke');
    expect(await page.getByRole('heading', { name: 'Pratinjau nilai akhir' }).count()).toBe(1);
    await visit(walk, page, 'evaluator-lke-lembar');
    // The jump list reaches the first unanswered criterion; answering it moves the link on.
    const next = page.getByRole('link', { name: /^Kriteria berikutnya yang belum dijawab/ });
    await next.click();
    const first = decodeURIComponent(new URL(page.url()).hash.slice('#k-'.length));
    expect(first).not.toBe('');
    for (const select of await page.locator('select[name^="answer_"]').all()) await select.selectOption(answer);
    await page.getByRole('button', { name: 'Simpan jawaban' }).click();
    await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
    expect(await page.getByText('Semua kriteria sudah dijawab.').count()).toBe(1);
    await visit(walk, page, 'evaluator-lke-tersimpan');

    const text = 'Susun rencana aksi triwulanan untuk setiap sasaran strategis dan pantau capaiannya.';
    await page.getByLabel('Isi rekomendasi').last().fill('abc');
    await page.getByRole('button', { name: 'Tambah rekomendasi' }).click();
    await page.getByRole('alert').waitFor();
    await visit(walk, page, 'evaluator-rekomendasi-galat');
    await page.getByLabel('Isi rekomendasi').last().fill(text.replace('dan pantau capaiannya', 'segera'));
    await page.getByLabel('Untuk komponen atau kriteria (boleh kosong)').selectOption('1');
    await page.getByRole('button', { name: 'Tambah rekomendasi' }).click();
    await page.getByRole('status').filter({ hasText: 'Rekomendasi ditambahkan.' }).waitFor();
    await page.getByLabel('Isi rekomendasi').first().fill(text);
    await page.getByRole('button', { name: 'Simpan rekomendasi' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Rekomendasi diperbarui.' }).waitFor();
    expect(await page.getByLabel('Isi rekomendasi').first().inputValue()).toBe(text);
    await visit(walk, page, 'evaluator-rekomendasi');
    walk.recommendation = text;

    await page.getByRole('button', { name: 'Serahkan ke penjaminan mutu (QA)' }).click();
    await page.getByText('Penjaminan mutu', { exact: true }).first().waitFor();
  } finally {
    await page.context().close();
  }
}

/** The QA evaluator reads the sheet ("Pratinjau" while in QA) and finalises it; the heading becomes "Nilai akhir". */
export async function finaliseAsQa(walk: Walk): Promise<void> {
  const page = await openAs(walk, walk.qa!);
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await openEvaluation(walk, page, 'qa-lke');
    expect(await page.getByRole('heading', { name: 'Pratinjau nilai akhir' }).count()).toBe(1);
    await visit(walk, page, 'qa-lke-lembar');
    await page.getByRole('button', { name: 'Finalkan evaluasi' }).click();
    await page.getByRole('heading', { name: 'Nilai akhir', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Pratinjau nilai akhir' }).count()).toBe(0);
    await visit(walk, page, 'qa-lke-final');
  } finally {
    await page.context().close();
  }
}

/** After the planner's follow-up, the evaluator marks the walk's recommendation done. */
export async function markRecommendationDone(walk: Walk): Promise<void> {
  const page = await openAs(walk, walk.evaluator!);
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await openEvaluation(walk, page, 'evaluator-tindak-lanjut');
    await page.getByRole('button', { name: 'Tandai selesai' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Rekomendasi diperbarui.' }).waitFor();
    expect(await page.locator('#rekomendasi .lencana').first().innerText()).toBe('Selesai');
    await visit(walk, page, 'evaluator-rekomendasi-selesai');
  } finally {
    await page.context().close();
  }
}
