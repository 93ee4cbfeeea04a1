import { pkDiff, type PkTargets } from './pk-diff';

const ind = (id: string, annual: string, q4: string | null = null): PkTargets => ({
  indicatorId: id,
  indicatorCode: `I-${id}`,
  indicatorName: `Indikator ${id}`,
  satuan: '%',
  annualTarget: annual,
  q1Target: null,
  q2Target: null,
  q3Target: null,
  q4Target: q4,
});

describe('pkDiff', () => {
  it('marks changed, added, removed and unchanged indicators; equal decimals are unchanged', () => {
    const rows = pkDiff(
      [ind('a', '80.00', '80'), ind('b', '10'), ind('c', '5')],
      [ind('a', '80', '85'), ind('c', '5.0'), ind('d', '1')],
    );
    expect(rows.map((r) => [r.indicatorCode, r.change])).toEqual([
      ['I-a', 'changed'],
      ['I-c', 'same'],
      ['I-d', 'added'],
      ['I-b', 'removed'],
    ]);
    expect(rows[0].cells.filter((c) => c.changed).map((c) => [c.field, c.before, c.after])).toEqual([
      ['q4Target', '80', '85'],
    ]);
    expect(rows[3].cells[0]).toEqual({ field: 'annualTarget', before: '10', after: null, changed: true });
  });

  it('without a previous revision nothing is marked as changed', () => {
    expect(pkDiff(null, [ind('a', '1')]).map((r) => r.change)).toEqual(['same']);
  });
});
