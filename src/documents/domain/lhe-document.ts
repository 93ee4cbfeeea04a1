import { printedTitle, type Signer } from '../../organization/domain/signer';
import { type LkeSheet, RECOMMENDATION_STATUS_LABELS } from '../../reporting/domain/lke-sheet';
import { indonesianDate } from '../../common/time/indonesian-date';

/**
 * The Laporan Hasil Evaluasi (LHE) of one SKPD's FINAL LKE evaluation as a document model: cover, the score table by
 * component and sub-component with the predicate, the findings per component from the evaluator's and QA notes,
 * the recommendations, and the status of last year's recommendations carried into this evaluation. Pure; the DOCX
 * writer (lhe-docx.ts) only places these texts.
 */
export interface LheInput {
  year: number;
  regionName: string;
  seatCity: string | null;
  timezone: string;
  skpdName: string;
  ruleSetName: string;
  sheet: LkeSheet;
  /** This year's own recommendations and those carried from last year (with their follow-up). */
  recommendations: readonly {
    refId: string | null;
    text: string;
    followUp: string | null;
    status: string;
    carried: boolean;
  }[];
  /** The head of the Inspektorat who signs; null leaves a dotted line. */
  inspector: Signer | null;
  date: Date;
}

export interface LheTableRow {
  /** Component rows are printed bold. */
  strong: boolean;
  cells: string[];
}

export interface LheDocumentModel {
  cover: string[];
  scoreHeaders: string[];
  scoreRows: LheTableRow[];
  total: string;
  predicate: string;
  findings: { component: string; notes: string[] }[];
  recommendations: string[];
  followUpHeaders: string[];
  followUpRows: string[][];
  placeAndDate: string;
  signer: { title: string; name: string; rank: string | null; nipLine: string | null };
  fileStem: string;
}

const BLANK = '....................................';
const withRef = (ref: string | null, text: string) => (ref ? `${ref}: ${text}` : text);

export function buildLheDocument(input: LheInput): LheDocumentModel {
  const { sheet } = input;
  const final = (line: LkeSheet['lines'][number]) => line.stages.final.value ?? '–';
  const scoreRows = sheet.lines
    .filter((l) => l.kind !== 'CRITERION')
    .map((l) => ({ strong: l.kind === 'COMPONENT', cells: [l.id, l.text, l.weight ?? '', final(l)] }));
  const findings: LheDocumentModel['findings'] = [];
  for (const line of sheet.lines) {
    if (line.kind === 'COMPONENT') findings.push({ component: `${line.id}. ${line.text}`, notes: [] });
    const notes = [line.notes.evaluator, line.notes.qa].filter((n): n is string => Boolean(n && n.trim()));
    for (const n of notes) findings[findings.length - 1]?.notes.push(`${line.id}: ${n.trim()}`);
  }
  const predicate = sheet.totals.predicate.final;
  const label = sheet.totals.predicateLabel.final;
  return {
    cover: [
      'LAPORAN HASIL EVALUASI',
      'AKUNTABILITAS KINERJA INSTANSI PEMERINTAH',
      input.skpdName.toUpperCase(),
      `TAHUN ${input.year}`,
      input.regionName.toUpperCase(),
    ],
    scoreHeaders: ['No', 'Komponen / Sub Komponen', 'Bobot', 'Nilai'],
    scoreRows,
    total: sheet.totals.total.final ?? '–',
    predicate: predicate ? `${predicate}${label ? ` (${label})` : ''}` : '–',
    findings,
    recommendations: input.recommendations.filter((r) => !r.carried).map((r) => withRef(r.refId, r.text)),
    followUpHeaders: ['No', 'Rekomendasi tahun lalu', 'Tindak lanjut', 'Status'],
    followUpRows: input.recommendations
      .filter((r) => r.carried)
      .map((r, i) => [
        String(i + 1),
        withRef(r.refId, r.text),
        r.followUp ?? '–',
        RECOMMENDATION_STATUS_LABELS[r.status] ?? r.status,
      ]),
    placeAndDate: `${input.seatCity ?? BLANK}, ${indonesianDate(input.date, input.timezone)}`,
    signer: {
      title: input.inspector ? printedTitle(input.inspector) : 'Inspektur',
      name: input.inspector?.name ?? BLANK,
      rank: input.inspector?.rank ?? null,
      nipLine: input.inspector?.nip ? `NIP. ${input.inspector.nip}` : null,
    },
    fileStem: `LHE-SAKIP-${input.skpdName}-${input.year}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
  };
}
