import type { Page } from 'playwright-core';
import { openAs, visit, type Walk } from './walk';

/** What the planner builds during the walk: later steps (and other roles' steps) find these names on the pages. */
export const PLANNER_TREE = {
  tujuan: { code: 'T.1', name: 'Meningkatnya derajat kesehatan masyarakat' },
  tujuan2: { code: 'T.2', name: 'Meningkatnya mutu layanan kesehatan' },
  sasaran: { code: 'S.1', name: 'Meningkatnya cakupan layanan kesehatan dasar' },
  program: { code: 'P.1', name: 'Program pemenuhan upaya kesehatan' },
  kegiatan: { code: 'K.1', name: 'Penyediaan layanan kesehatan puskesmas' },
  indicator: { code: 'IK.1', name: 'Cakupan pelayanan kesehatan dasar', satuan: '%' },
} as const;
/** TW I–IV realisations the walk enters (the targets are 25/50/75/100 on a last-value indicator). */
export const REALISATIONS = ['24', '51', '76,5', '99'] as const;
export const PDF = Buffer.from('%PDF-1.4\n% bukti dukung perencana\n1 0 obj<<>>endobj\n%%EOF\n');

function planner(walk: Walk) {
  if (!walk.planner) throw new Error('The walk has no planner yet: the admin creates the planner first');
  return walk.planner;
}

/** Clicks a form's button and waits for the page it leads to (the redirect after a save, or the form again). */
const save = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]);

async function saved(page: Page, text = 'Perubahan disimpan.'): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** The tree item (li) of a node, found by its code and name. */
const treeItem = (page: Page, code: string) =>
  page
    .getByRole('listitem')
    .filter({ has: page.locator(`p > strong:text-is("${code}")`) })
    .first();

/**
 * Builds the SKPD's performance tree through the tree page: tujuan → sasaran (supporting the Pemda sasaran) →
 * program → kegiatan, an indicator with polarity, aggregation, satuan, baseline, end-of-period target and an annual
 * target; then edits the indicator, moves the sasaran under a second tujuan and removes the emptied first tujuan.
 */
export async function buildTree(walk: Walk, pemdaSasaranCode: string): Promise<void> {
  const page = await openAs(walk, planner(walk), `/konsol/pohon-kinerja?tahun=${walk.year}`);
  const t = PLANNER_TREE;
  await page.getByText('Belum ada tujuan').waitFor();
  await visit(walk, page, 'planner-pohon-kosong');

  await page.getByRole('link', { name: 'Tambah tujuan' }).click();
  await visit(walk, page, 'planner-simpul-baru');
  await page.getByLabel('Kode tujuan').fill(t.tujuan.code);
  await page.getByLabel('Nama tujuan').fill(t.tujuan.name);
  await save(page, 'Simpan Tujuan');
  await saved(page);

  await page.getByRole('link', { name: `Tambah Sasaran di bawah Tujuan ${t.tujuan.code}` }).click();
  await page.getByLabel('Kode sasaran').fill(t.sasaran.code);
  await page.getByLabel('Nama sasaran').fill(t.sasaran.name);
  await page
    .getByLabel('Mendukung sasaran Pemda')
    .selectOption({ label: (await optionStartingWith(page, 'Mendukung sasaran Pemda', pemdaSasaranCode))! });
  await save(page, 'Simpan Sasaran');
  await saved(page);

  await page.getByRole('link', { name: `Tambah Program di bawah Sasaran ${t.sasaran.code}` }).click();
  await page.getByLabel('Kode program').fill(t.program.code);
  await page.getByLabel('Nama program').fill(t.program.name);
  await save(page, 'Simpan Program');
  await saved(page);

  await page.getByRole('link', { name: `Tambah Kegiatan di bawah Program ${t.program.code}` }).click();
  await page.getByLabel('Kode kegiatan').fill(t.kegiatan.code);
  await page.getByLabel('Nama kegiatan').fill(t.kegiatan.name);
  await save(page, 'Simpan Kegiatan');
  await saved(page);

  // An indicator on the sasaran: a wrong target first, the form keeps what was typed and marks the field.
  await page.getByRole('link', { name: `Tambah indikator pada Sasaran ${t.sasaran.code}` }).click();
  await page.getByLabel('Kode indikator').fill(t.indicator.code);
  await page.getByLabel('Nama indikator').fill('Cakupan layanan');
  await page.getByLabel('Satuan', { exact: true }).fill(t.indicator.satuan);
  await page.getByLabel('Polaritas', { exact: true }).selectOption({ label: 'Makin tinggi makin baik' });
  await page.getByLabel('Agregasi triwulan').selectOption({ label: 'Nilai triwulan terakhir' });
  await page.getByLabel('Nilai baseline').fill('80,5');
  await page.getByLabel('Tahun baseline').fill(String(walk.year - 1));
  await page.getByLabel('Target akhir periode').fill('100');
  await page.getByLabel(`Target ${walk.year}`).fill('-5');
  await save(page, 'Simpan indikator');
  await page.getByRole('alert').waitFor();
  expect(await page.getByLabel(`Target ${walk.year}`).getAttribute('aria-invalid')).toBe('true');
  await visit(walk, page, 'planner-indikator-galat');
  await page.getByLabel(`Target ${walk.year}`).fill('100');
  await save(page, 'Simpan indikator');
  await saved(page);

  // Edit: the indicator's name.
  await page.getByRole('link', { name: `Ubah indikator ${t.indicator.code}` }).click();
  await visit(walk, page, 'planner-indikator-ubah');
  expect(await page.getByLabel('Nilai baseline').inputValue()).toBe('80,5');
  await page.getByLabel('Nama indikator').fill(t.indicator.name);
  await save(page, 'Simpan indikator');
  await saved(page);

  // Move: a second tujuan, the sasaran (with its program and kegiatan) moves under it; the first is removed.
  await page.getByRole('link', { name: 'Tambah tujuan' }).click();
  await page.getByLabel('Kode tujuan').fill(t.tujuan2.code);
  await page.getByLabel('Nama tujuan').fill(t.tujuan2.name);
  await save(page, 'Simpan Tujuan');
  await saved(page);
  await page.getByRole('link', { name: `Ubah atau pindahkan Sasaran ${t.sasaran.code}` }).click();
  await visit(walk, page, 'planner-simpul-ubah');
  await page.getByLabel('Tujuan induk').selectOption({ label: `${t.tujuan2.code} ${t.tujuan2.name}` });
  await save(page, 'Simpan Sasaran');
  await saved(page);
  await page.getByRole('link', { name: `Ubah atau pindahkan Tujuan ${t.tujuan.code}` }).click();
  await save(page, 'Hapus Tujuan');
  await saved(page);

  const sasaran = treeItem(page, t.sasaran.code);
  expect(await treeItem(page, t.tujuan2.code).textContent()).toContain(t.sasaran.name);
  expect(await sasaran.textContent()).toContain(`Mendukung sasaran Pemda: ${pemdaSasaranCode}`);
  expect(await sasaran.textContent()).toContain(`Indikator ${t.indicator.code} ${t.indicator.name} (%)`);
  expect(await sasaran.textContent()).toContain(t.kegiatan.name);
  expect(await page.getByText(t.tujuan.name).count()).toBe(0);
  await visit(walk, page, 'planner-pohon-kinerja');
  await page.context().close();
}

async function optionStartingWith(page: Page, label: string, prefix: string): Promise<string | undefined> {
  const options = await page.getByLabel(label).locator('option').allTextContents();
  return options.map((o) => o.trim()).find((o) => o.startsWith(`${prefix} `));
}

/** Fills the PK target row of the walk's indicator (annual and TW I–IV) and saves. */
async function fillTargets(page: Page, values: readonly [string, string, string, string, string]): Promise<void> {
  await page.getByRole('link', { name: 'Ubah target' }).click();
  const row = page.getByRole('row').filter({ hasText: PLANNER_TREE.indicator.name });
  const labels = [/^Tahunan/, /^TW I /, /^TW II /, /^TW III /, /^TW IV /];
  for (const [k, v] of values.entries()) await row.getByLabel(labels[k]).fill(v);
  await save(page, 'Simpan target');
  await saved(page);
}

/** Creates the year's PK from the tree's indicators, sets its quarterly targets and submits it. */
export async function createAndSubmitPk(walk: Walk): Promise<void> {
  const page = await openAs(walk, planner(walk), `/konsol/pk?tahun=${walk.year}`);
  await visit(walk, page, 'planner-pk-kosong');
  await save(page, `Buat PK ${walk.year}`);
  await saved(page);
  await fillTargets(page, ['100', '25', '50', '75', '100']);
  await visit(walk, page, 'planner-pk-draf');
  await save(page, 'Ajukan untuk disetujui');
  await saved(page);
  expect(await page.locator('main .lencana').first().textContent()).toBe('Diajukan');
  await page.context().close();
}

/** After the admin returned the PK: the planner reads why, corrects the TW IV target and submits again. */
export async function answerPkReturn(walk: Walk, expectedReason: string): Promise<void> {
  const page = await openAs(walk, planner(walk), `/konsol/pk?tahun=${walk.year}`);
  const why = page.getByRole('status').filter({ hasText: 'Dikembalikan' });
  expect(await why.textContent()).toContain(expectedReason);
  await visit(walk, page, 'planner-pk-dikembalikan');
  await fillTargets(page, ['100', '25', '50', '75', '100']);
  await save(page, 'Ajukan untuk disetujui');
  await saved(page);
  await page.context().close();
}

/** Perubahan PK: from the approved PK a new draft revision with the reason, submitted for approval. */
export async function revisePk(walk: Walk, reason: string): Promise<void> {
  const page = await openAs(walk, planner(walk), `/konsol/pk?tahun=${walk.year}`);
  await page.getByRole('link', { name: 'Mulai perubahan PK' }).click();
  await visit(walk, page, 'planner-pk-revisi');
  await save(page, 'Mulai perubahan PK');
  await page.getByRole('alert').waitFor();
  expect(await page.getByLabel('Alasan perubahan PK').getAttribute('aria-invalid')).toBe('true');
  await page.getByLabel('Alasan perubahan PK').fill(reason);
  await save(page, 'Mulai perubahan PK');
  await saved(page);
  expect(await page.getByText(`Alasan perubahan: ${reason}`).count()).toBe(1);
  expect(await page.getByText('Revisi 1').count()).toBe(1);
  await fillTargets(page, ['100', '30', '55', '80', '100']);
  await save(page, 'Ajukan untuk disetujui');
  await saved(page);
  await page.context().close();
}

/**
 * TW I–IV realisations, each with a bukti dukung: the quarter's deadline and open state are read on the page before
 * anything is typed.
 */
export async function enterFourQuarters(walk: Walk): Promise<void> {
  const page = await openAs(walk, planner(walk), `/konsol/realisasi?tahun=${walk.year}`);
  for (const [i, value] of REALISATIONS.entries()) {
    const q = ['TW I', 'TW II', 'TW III', 'TW IV'][i];
    await page.goto(`${walk.base}/konsol/realisasi?tahun=${walk.year}&tw=${i + 1}`);
    const state = await page
      .getByRole('status')
      .filter({ hasText: `Pengisian ${q} ${walk.year}` })
      .textContent();
    expect(state).toContain('terbuka');
    expect(state).toMatch(/Batas waktu: \d/);
    if (i === 0) await visit(walk, page, 'planner-realisasi-tw1');
    const box = page.getByRole('group', { name: new RegExp(PLANNER_TREE.indicator.name) });
    await box.getByLabel('Realisasi').fill(value);
    await box.getByLabel('Keterangan').fill(`Capaian ${q}`);
    await box
      .getByLabel(/Unggah bukti dukung/)
      .setInputFiles({ name: `bukti-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await save(page, `Simpan realisasi ${q}`);
    await saved(page, 'Realisasi disimpan.');
    expect(await box.getByRole('link', { name: '[bukti 1]' }).count()).toBe(1);
  }
  await page.context().close();
}

/**
 * The LKE self-assessment: one bukti dukung uploaded to the registry and linked to the first criterion, another
 * picked from the registry for the second, an answer for every criterion, then submitted to the evaluators.
 */
export async function selfAssess(walk: Walk): Promise<void> {
  const page = await openAs(walk, planner(walk), '/konsol/mandiri');
  await visit(walk, page, 'planner-mandiri-daftar');
  await page.getByRole('link', { name: `Buka LKE ${walk.year}` }).click();
  const criteria = page.locator('fieldset.kriteria');
  const first = (await criteria.first().getAttribute('id'))!.slice(2);
  const second = (await criteria.nth(1).getAttribute('id'))!.slice(2);
  await page.getByLabel('Berkas (pdf, xlsx, docx, jpg, png)').setInputFiles({
    name: 'rencana-aksi.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByLabel('Tautkan ke kriteria (opsional)').selectOption(first);
  await save(page, 'Unggah bukti');
  await saved(page, 'Bukti dukung diunggah.');
  expect(await page.locator(`[id="k-${first}"]`).getByRole('link', { name: '[bukti 1]' }).count()).toBe(1);

  const selects = page.locator('select[name^="answer_"]');
  const n = await selects.count();
  for (let i = 0; i < n; i++) {
    await selects.nth(i).selectOption((await selects.nth(i).locator('option').nth(1).getAttribute('value'))!);
  }
  await page.getByLabel(`Catatan ${first}`).fill('Rencana aksi ditetapkan dengan SK Kepala Dinas.');
  await page.getByLabel(`Bukti dukung ${second} dari registri`).selectOption({ label: 'rencana-aksi.pdf' });
  await visit(walk, page, 'planner-mandiri-isi');
  await save(page, 'Simpan penilaian mandiri');
  await saved(page, 'Penilaian mandiri disimpan.');
  expect(await page.getByText(`${n} dari ${n} kriteria dijawab`).count()).toBe(1);
  await save(page, 'Ajukan penilaian mandiri');
  await saved(page, 'Penilaian mandiri diajukan.');
  expect(await page.locator('main .lencana').first().textContent()).toBe('Evaluasi');
  await page.context().close();
}

/** Tindak lanjut: the planner answers the recommendation addressed to the SKPD. */
export async function answerRecommendation(walk: Walk, recommendation: string, followUp: string): Promise<void> {
  const page = await openAs(walk, planner(walk), '/konsol/tindak-lanjut');
  const card = page.locator('section.kartu').filter({ hasText: recommendation });
  await visit(walk, page, 'planner-tindak-lanjut');
  await card.getByLabel('Tindak lanjut yang dilakukan').fill(followUp);
  await card.getByLabel('Status tindak lanjut').selectOption({ label: 'Dalam proses' });
  await save(page, 'Simpan tindak lanjut');
  await saved(page, 'Tindak lanjut disimpan.');
  const after = page.locator('section.kartu').filter({ hasText: recommendation });
  expect(await after.getByLabel('Tindak lanjut yang dilakukan').inputValue()).toBe(followUp);
  expect(await after.locator('.lencana').textContent()).toBe('Dalam proses');
  await page.context().close();
}
