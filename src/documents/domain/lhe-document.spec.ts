import type { LkeLine, LkeSheet } from '../../reporting/domain/lke-sheet';
import { buildLheDocument, type LheInput } from './lhe-document';

const cell = (value: string | null) => ({ answer: null, value });
const line = (
  kind: LkeLine['kind'],
  id: string,
  text: string,
  value: string | null,
  evaluator: string | null = null,
): LkeLine => ({
  kind,
  id,
  text,
  weight: kind === 'CRITERION' ? null : '30',
  stages: { self: cell(null), evaluator: cell(null), qa: cell(null), final: cell(value) },
  notes: { self: 'catatan mandiri', evaluator, qa: null },
});
const sheet: LkeSheet = {
  lines: [
    line('COMPONENT', '1', 'Perencanaan Kinerja', '23.02'),
    line('SUB_COMPONENT', '1.a', 'Dokumen perencanaan', '5.30'),
    line('CRITERION', '1.a.1', 'Terdapat pedoman', '100.00', 'Pedoman belum ditetapkan'),
    line('COMPONENT', '2', 'Pengukuran Kinerja', '21.46'),
  ],
  totals: {
    total: { self: null, evaluator: null, qa: null, final: '72.19' },
    predicate: { self: null, evaluator: null, qa: null, final: 'BB' },
    predicateLabel: { self: null, evaluator: null, qa: null, final: 'Sangat Baik' },
  },
  recommendations: [],
};
const input = (over: Partial<LheInput> = {}): LheInput => ({
  year: 2025,
  regionName: 'Kabupaten Uji',
  seatCity: 'Ujikota',
  timezone: 'Asia/Jakarta',
  skpdName: 'Dinas Kesehatan',
  ruleSetName: 'PermenPAN-RB 88/2021',
  sheet,
  recommendations: [
    { refId: '1.c.4', text: 'Susun rencana aksi.', followUp: null, status: 'OPEN', carried: false },
    { refId: null, text: 'Tetapkan IKU.', followUp: 'Sedang disusun', status: 'IN_PROGRESS', carried: true },
  ],
  inspector: null,
  date: new Date('2026-03-01T03:00:00Z'),
  ...over,
});

describe('buildLheDocument', () => {
  it('lists components and sub-components with the final value, the total and the predicate with its label', () => {
    const m = buildLheDocument(input());
    expect(m.scoreRows).toEqual([
      { strong: true, cells: ['1', 'Perencanaan Kinerja', '30', '23.02'] },
      { strong: false, cells: ['1.a', 'Dokumen perencanaan', '30', '5.30'] },
      { strong: true, cells: ['2', 'Pengukuran Kinerja', '30', '21.46'] },
    ]);
    expect([m.total, m.predicate]).toEqual(['72.19', 'BB (Sangat Baik)']);
  });

  it('takes findings from the evaluator’s notes per component, never the self-assessment notes', () => {
    expect(buildLheDocument(input()).findings).toEqual([
      { component: '1. Perencanaan Kinerja', notes: ['1.a.1: Pedoman belum ditetapkan'] },
      { component: '2. Pengukuran Kinerja', notes: [] },
    ]);
  });

  it('separates this year’s recommendations from last year’s follow-up, and signs as the Inspektur', () => {
    const m = buildLheDocument(
      input({ inspector: { title: 'Inspektur', name: 'Drs. B', nip: '1968', rank: null, acting: 'PLH' } }),
    );
    expect(m.recommendations).toEqual(['1.c.4: Susun rencana aksi.']);
    expect(m.followUpRows).toEqual([['1', 'Tetapkan IKU.', 'Sedang disusun', 'Dalam proses']]);
    expect(m.signer).toEqual({ title: 'Plh. Inspektur', name: 'Drs. B', rank: null, nipLine: 'NIP. 1968' });
    expect(m.placeAndDate).toBe('Ujikota, 1 Maret 2026');
  });
});
