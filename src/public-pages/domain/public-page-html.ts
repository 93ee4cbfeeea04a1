import type { PublicPage } from '../public-pages.service';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const KIND_LABELS: Record<string, string> = { PROVINSI: 'Provinsi', KABUPATEN: 'Kabupaten', KOTA: 'Kota' };
const SOURCE_LABELS: Record<string, string> = {
  OFFICIAL: 'Hasil resmi KemenPAN-RB',
  OWN_SHEET: 'Evaluasi (FINAL)',
  IMPORTED: 'Hasil resmi (arsip)',
};
const DOCUMENT_LABELS: Record<string, string> = {
  PK: 'Perjanjian Kinerja',
  PK_PEMDA: 'Perjanjian Kinerja Pemerintah Daerah',
  LHE: 'Laporan Hasil Evaluasi',
};

/** "2026-03-01T..." → "1 Maret 2026" (the page shows calendar dates only). */
const dateText = (iso: string | null): string =>
  iso
    ? new Intl.DateTimeFormat('id-ID', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Asia/Jakarta',
      }).format(new Date(iso))
    : '–';

const table = (head: string[], rows: string[][]): string =>
  `<div class="t"><table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;

/** The public page of a region: server-rendered, Indonesian, no script, readable on a phone. */
export function publicPageHtml(p: PublicPage, jsonHref: string): string {
  const e = escapeHtml;
  const sections: string[] = [];
  if (p.history)
    sections.push(
      `<section id="riwayat"><h2>Riwayat Predikat SAKIP</h2>${
        p.history.length
          ? table(
              ['Tahun', 'Nilai', 'Predikat', 'Sumber'],
              p.history.map((h) => [
                String(h.year),
                e(h.total),
                `<strong>${e(h.predicate)}</strong>`,
                e(SOURCE_LABELS[h.source] ?? h.source),
              ]),
            )
          : '<p>Belum ada hasil evaluasi.</p>'
      }</section>`,
    );
  for (const iku of p.iku)
    sections.push(
      `<section class="iku"><h2>Indikator Kinerja Utama ${iku.year}</h2><p class="muted">Dipublikasikan ${e(dateText(iku.publishedAt))}</p>${
        iku.indicators.length
          ? table(
              ['Kode', 'Indikator', 'Target', 'Capaian (%)', 'Kategori'],
              iku.indicators.map((i) => [
                e(i.code),
                e(i.name),
                e(i.target === null ? '–' : `${i.target}${i.satuan ? ` ${i.satuan}` : ''}`),
                e(i.capaian ?? '–'),
                e(i.category ?? '–'),
              ]),
            )
          : '<p>Belum ada IKU untuk tahun ini.</p>'
      }</section>`,
    );
  if (p.lhe.length)
    sections.push(
      `<section id="lhe"><h2>Ringkasan Laporan Hasil Evaluasi (LHE)</h2>${table(
        ['Tahun', 'Nilai', 'Predikat', 'Sumber', 'Tanggal penetapan', 'Dipublikasikan'],
        p.lhe.map((l) => [
          String(l.year),
          e(l.total),
          `<strong>${e(l.predicate)}</strong>`,
          e(SOURCE_LABELS[l.source] ?? l.source),
          e(dateText(l.finalizedAt)),
          e(dateText(l.publishedAt)),
        ]),
      )}</section>`,
    );
  if (p.lkjip.length)
    sections.push(
      `<section id="lkjip"><h2>Laporan Kinerja Instansi Pemerintah (LKjIP)</h2><ul class="docs">${p.lkjip
        .map(
          (l) =>
            `<li><a href="${e(l.href)}">LKjIP ${l.year} (DOCX)</a><br>Dipublikasikan ${e(dateText(l.publishedAt))}</li>`,
        )
        .join('')}</ul></section>`,
    );
  if (p.documents.length)
    sections.push(
      `<section id="dokumen"><h2>Dokumen Kinerja</h2><ul class="docs">${p.documents
        .map(
          (d) =>
            `<li><strong>${e(DOCUMENT_LABELS[d.kind] ?? d.kind)}: ${e(d.title)}</strong><br>${e(d.issuer)}<br>Ditandatangani ${e(
              dateText(d.signedAt),
            )} oleh ${d.signers.map((s) => `${e(s.name)} (${e(s.title)})`).join(', ')}<br>Dipublikasikan ${e(
              dateText(d.publishedAt),
            )} · <a href="/verifikasi/${encodeURIComponent(d.verificationCode)}">Verifikasi dokumen</a></li>`,
        )
        .join('')}</ul></section>`,
    );
  if (p.children.length)
    sections.push(
      `<section id="wilayah"><h2>Kabupaten/Kota yang Mempublikasikan</h2><ul>${p.children
        .map((c) => `<li><a href="/publik/${encodeURIComponent(c.code)}">${e(c.name)}</a></li>`)
        .join('')}</ul></section>`,
    );
  const up =
    p.province && p.province.publishes
      ? `<p><a href="/publik/${encodeURIComponent(p.province.code)}">${e(p.province.name)}</a></p>`
      : '';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SAKIP ${e(p.region.name)}</title>
<link rel="alternate" type="application/json" href="${e(jsonHref)}">
<style>body{font-family:sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.8rem}.t{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}.muted{color:#555}.docs li{margin-bottom:.8rem}a{color:#0b4f9c}</style>
</head><body><main>
<p class="muted">${e(KIND_LABELS[p.region.kind] ?? p.region.kind)} · Kode ${e(p.region.code)}</p>
<h1>Kinerja Instansi Pemerintah: ${e(p.region.name)}</h1>
${up}
${sections.join('\n')}
<footer><p class="muted">Halaman ini hanya menampilkan data yang dipublikasikan oleh pemerintah daerah. <a href="${e(jsonHref)}">Data (JSON)</a></p></footer>
</main></body></html>`;
}

/** The page of a region that publishes nothing (or does not exist): the same 404 for both. */
export const NOT_PUBLISHED_HTML = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Halaman tidak ditemukan</title></head><body><main><h1>Halaman tidak ditemukan</h1>
<p>Pemerintah daerah ini belum mempublikasikan data kinerja.</p></main></body></html>`;
