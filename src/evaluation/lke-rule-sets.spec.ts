import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '../common/errors/domain-error';
import { Fraction } from './domain/fraction';
import { predicateFor } from './domain/predicate';
import { criteriaOf, RuleSet, subComponentsOf } from './domain/rule-set';
import { LkeAnswers, scoreEvaluation } from './domain/scoring';
import { createRuleSetRegistry, findRuleSetDir, loadRuleSets } from './lke-rule-sets';

/**
 * The real templates in templates/lke, checked against the domain reference (sakip-domain.md §6, §7) written out
 * here independently of the JSON: a template edit that drops, moves or re-weights anything fails a line below.
 */

const DIR = findRuleSetDir();
const registry = loadRuleSets();
const rs88 = registry.get('permenpanrb-88-2021', 1);
const rs15 = registry.get('permenpanrb-12-2015', 1);

// §6.1 — component and sub-component weights, aspects; §6.4 — criterion ids with a key phrase of their wording.
const REF_88 = {
  components: [
    ['1', 'Perencanaan Kinerja', '30'],
    ['2', 'Pengukuran Kinerja', '30'],
    ['3', 'Pelaporan Kinerja', '15'],
    ['4', 'Evaluasi Akuntabilitas Kinerja Internal', '25'],
  ],
  subComponents: [
    ['1.a', '6', 'keberadaan', 'telah tersedia'],
    ['1.b', '9', 'kualitas', 'SMART'],
    ['1.c', '15', 'pemanfaatan', 'berkesinambungan'],
    ['2.a', '6', 'keberadaan', 'telah dilakukan'],
    ['2.b', '9', 'kualitas', 'berjenjang dan berkelanjutan'],
    ['2.c', '15', 'pemanfaatan', 'reward dan punishment'],
    ['3.a', '3', 'keberadaan', 'menggambarkan kinerja'],
    ['3.b', '4.5', 'kualitas', 'keberhasilan/kegagalan'],
    ['3.c', '7.5', 'pemanfaatan', 'penyesuaian strategi/kebijakan'],
    ['4.a', '5', 'keberadaan', 'telah dilaksanakan'],
    ['4.b', '7.5', 'kualitas', 'sumber daya yang memadai'],
    ['4.c', '12.5', 'pemanfaatan', 'dampak nyata'],
  ],
  criteria: [
    ['1.a.1', 'pedoman teknis perencanaan'],
    ['1.a.2', 'jangka panjang'],
    ['1.a.3', 'jangka menengah'],
    ['1.a.4', 'jangka pendek'],
    ['1.a.5', 'perencanaan aktivitas'],
    ['1.a.6', 'perencanaan anggaran'],
    ['1.b.1', 'diformalkan'],
    ['1.b.2', 'dipublikasikan tepat waktu'],
    ['1.b.3', 'kebutuhan atas kinerja sebenarnya'],
    ['1.b.4', 'tujuan/sasaran'],
    ['1.b.5', 'SMART'],
    ['1.b.6', 'kinerja utama dan berkelanjutan'],
    ['1.b.7', 'achievable'],
    ['1.b.8', 'cascading'],
    ['1.b.9', 'crosscutting'],
    ['1.b.10', 'Setiap unit/satuan kerja merumuskan'],
    ['1.b.11', 'Setiap pegawai merumuskan'],
    ['1.c.1', 'Anggaran'],
    ['1.c.2', 'Aktivitas'],
    ['1.c.3', 'on the right track'],
    ['1.c.4', 'Rencana aksi'],
    ['1.c.5', 'analisis perbaikan kinerja sebelumnya'],
    ['1.c.6', 'hasil yang lebih baik'],
    ['1.c.7', 'Setiap unit/satuan kerja memahami'],
    ['1.c.8', 'Setiap pegawai memahami'],
    ['2.a.1', 'pedoman teknis pengukuran'],
    ['2.a.2', 'definisi operasional'],
    ['2.a.3', 'mekanisme'],
    ['2.b.1', 'Pimpinan'],
    ['2.b.2', 'relevan'],
    ['2.b.3', 'mendukung capaian'],
    ['2.b.4', 'berkala'],
    ['2.b.5', 'berjenjang'],
    ['2.b.6', 'Pengumpulan data kinerja telah memanfaatkan teknologi informasi'],
    ['2.b.7', 'Pengukuran capaian kinerja telah memanfaatkan teknologi informasi'],
    ['2.c.1', 'tunjangan kinerja'],
    ['2.c.2', 'penempatan/penghapusan jabatan'],
    ['2.c.3', 'refocusing'],
    ['2.c.4', 'penyesuaian strategi'],
    ['2.c.5', 'penyesuaian kebijakan'],
    ['2.c.6', 'penyesuaian aktivitas'],
    ['2.c.7', 'anggaran'],
    ['2.c.8', 'efisiensi'],
    ['2.c.9', 'Setiap unit/satuan kerja memahami'],
    ['2.c.10', 'Setiap pegawai memahami'],
    ['3.a.1', 'telah disusun'],
    ['3.a.2', 'berkala'],
    ['3.a.3', 'diformalkan'],
    ['3.a.4', 'direviu'],
    ['3.a.5', 'dipublikasikan'],
    ['3.a.6', 'tepat waktu'],
    ['3.b.1', 'sesuai standar'],
    ['3.b.2', 'seluruh informasi'],
    ['3.b.3', 'target tahunan'],
    ['3.b.4', 'target jangka menengah'],
    ['3.b.5', 'tahun-tahun sebelumnya'],
    ['3.b.6', 'nasional/internasional'],
    ['3.b.7', 'keberhasilan/kegagalan'],
    ['3.b.8', 'efisiensi'],
    ['3.b.9', 'perbaikan'],
    ['3.c.1', 'perhatian utama pimpinan'],
    ['3.c.2', 'seluruh pegawai'],
    ['3.c.3', 'menyesuaikan aktivitas'],
    ['3.c.4', 'menyesuaikan penggunaan anggaran'],
    ['3.c.5', 'evaluasi keberhasilan'],
    ['3.c.6', 'perencanaan kinerja berikutnya'],
    ['3.c.7', 'budaya kinerja'],
    ['4.a.1', 'pedoman teknis evaluasi'],
    ['4.a.2', 'seluruh unit kerja/perangkat daerah'],
    ['4.a.3', 'berjenjang'],
    ['4.b.1', 'sesuai standar'],
    ['4.b.2', 'SDM'],
    ['4.b.3', 'pendalaman'],
    ['4.b.4', 'seluruh unit kerja/perangkat daerah'],
    ['4.b.5', 'teknologi informasi'],
    ['4.c.1', 'rekomendasi'],
    ['4.c.2', 'peningkatan implementasi SAKIP'],
    ['4.c.3', 'akuntabilitas kinerja'],
    ['4.c.4', 'efektivitas dan efisiensi'],
    ['4.c.5', 'perbaikan dan peningkatan kinerja'],
  ],
} as const;

// §6.2 answer scale, §7.1 / §7.3 bands (lower bound exclusive, floor band includes 0).
const SCALE_88 = [
  ['AA', 100],
  ['A', 90],
  ['BB', 80],
  ['B', 70],
  ['CC', 60],
  ['C', 50],
  ['D', 30],
  ['E', 0],
] as const;
const BANDS = [
  ['AA', '90', '100', 'Sangat Memuaskan'],
  ['A', '80', '90', 'Memuaskan'],
  ['BB', '70', '80', 'Sangat Baik'],
  ['B', '60', '70', 'Baik'],
  ['CC', '50', '60', 'Cukup (Memadai)'],
  ['C', '30', '50', 'Kurang'],
  ['D', null, '30', 'Sangat Kurang'],
] as const;

// §7.3 — PermenPAN-RB 12/2015.
const REF_15 = {
  components: [
    ['1', 'Perencanaan Kinerja', '30'],
    ['2', 'Pengukuran Kinerja', '25'],
    ['3', 'Pelaporan Kinerja', '15'],
    ['4', 'Evaluasi Internal', '10'],
    ['5', 'Capaian Kinerja', '20'],
  ],
  subComponents: [
    ['1.a', '2', 'Y-T'], // Renstra: pemenuhan 2, kualitas 5, implementasi 3
    ['1.b', '5', 'A-E'],
    ['1.c', '3', 'A-E'],
    ['1.d', '4', 'Y-T'], // Perencanaan Kinerja Tahunan: 4 / 10 / 6
    ['1.e', '10', 'A-E'],
    ['1.f', '6', 'A-E'],
    ['2.a', '5', 'Y-T'],
    ['2.b', '12.5', 'A-E'],
    ['2.c', '7.5', 'A-E'],
    ['3.a', '3', 'Y-T'], // pemenuhan 3, penyajian informasi 7.5, pemanfaatan informasi 4.5
    ['3.b', '7.5', 'A-E'],
    ['3.c', '4.5', 'A-E'],
    ['4.a', '2', 'Y-T'],
    ['4.b', '5', 'A-E'],
    ['4.c', '3', 'A-E'],
    ['5.a', '7.5', 'A-E'], // kinerja output 7.5, outcome 12.5
    ['5.b', '12.5', 'A-E'],
  ],
} as const;

const sumWeights = (weights: readonly string[]): Fraction => Fraction.sum(weights.map((w) => Fraction.parse(w)));

describe('templates/lke (loaded and validated like at startup)', () => {
  it('finds the folder and loads exactly the two rule sets', () => {
    expect(DIR.replace(/\\/g, '/')).toMatch(/templates\/lke$/);
    expect(registry.list().map((r) => `${r.code}.v${r.version}`)).toEqual([
      'permenpanrb-12-2015.v1',
      'permenpanrb-88-2021.v1',
    ]);
    expect(registry.latest('permenpanrb-88-2021')).toBe(rs88);
  });

  it('returns frozen rule sets and NOT_FOUND for unknown codes', () => {
    expect(Object.isFrozen(rs88.components[0].subComponents[0].criteria[0])).toBe(true);
    expect(() => registry.get('permenpanrb-88-2021', 2)).toThrow(NotFoundError);
    expect(() => registry.latest('nope')).toThrow(NotFoundError);
    expect(registry.find('nope', 1)).toBeUndefined();
  });
});

describe('permenpanrb-88-2021.v1 against the reference (§6.1, §6.2, §6.4, §7.1)', () => {
  it('declares criterion-mean aggregation and an exact predicate basis', () => {
    expect(rs88.aggregationMode).toBe('CRITERION_MEAN');
    expect(rs88.predicateBasis).toBe('EXACT');
  });

  it('has the 4 components with their weights, summing to 100', () => {
    expect(rs88.components.map((c) => [c.id, c.name, c.weight])).toEqual(REF_88.components);
    expect(sumWeights(rs88.components.map((c) => c.weight)).toString()).toBe('100');
  });

  it('has the 12 sub-components with the reference weights (20 / 30 / 50 % of each component), summing to 100', () => {
    expect(subComponentsOf(rs88).map((s) => [s.id, s.weight, s.aspect])).toEqual(
      REF_88.subComponents.map(([id, w, aspect]) => [id, w, aspect]),
    );
    for (const [id, , , phrase] of REF_88.subComponents)
      expect(subComponentsOf(rs88).find((s) => s.id === id)?.name).toContain(phrase);
    expect(sumWeights(subComponentsOf(rs88).map((s) => s.weight)).toString()).toBe('100');
    for (const c of rs88.components) {
      const [a, b, u] = c.subComponents.map((s) => Fraction.parse(s.weight).div(Fraction.parse(c.weight)).toString());
      expect([a, b, u]).toEqual(['1/5', '3/10', '1/2']);
    }
  });

  it('has all 80 criteria of §6.4, in order, 6/11/8 · 3/7/10 · 6/9/7 · 3/5/5', () => {
    expect(criteriaOf(rs88).map((k) => k.id)).toEqual(REF_88.criteria.map(([id]) => id));
    expect(subComponentsOf(rs88).map((s) => s.criteria.length)).toEqual([6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]);
  });

  it.each(REF_88.criteria)(
    '%s sits in its sub-component, says "%s", has guidance, evidence and the AA–E scale',
    (id, phrase) => {
      const sub = subComponentsOf(rs88).find((s) => s.criteria.some((k) => k.id === id));
      expect(sub?.id).toBe(id.split('.').slice(0, 2).join('.'));
      const criterion = sub!.criteria.find((k) => k.id === id)!;
      expect(criterion.text).toContain(phrase);
      expect(criterion.guidance.length).toBeGreaterThan(20);
      expect(criterion.evidence.length).toBeGreaterThan(0);
      expect(criterion.answerScale ?? sub!.answerScale ?? rs88.defaultAnswerScale).toBe('AA-E');
    },
  );

  it('has the AA–E answer scale with the §6.2 values', () => {
    const scale = rs88.answerScales.find((s) => s.id === 'AA-E')!;
    expect(scale.options.map((o) => [o.code, o.value])).toEqual(SCALE_88);
    expect(rs88.answerScales).toHaveLength(1);
  });

  it('has the §7.1 bands', () => {
    expect(rs88.bands.map((b) => [b.predicate, b.above, b.upTo, b.label])).toEqual(BANDS);
  });

  it('declares consistency rules only between existing criteria', () => {
    const ids = new Set(criteriaOf(rs88).map((k) => k.id));
    for (const rule of rs88.consistencyRules) {
      expect(ids.has(rule.reference)).toBe(true);
      for (const c of rule.criteria) expect(ids.has(c)).toBe(true);
    }
  });
});

describe('permenpanrb-12-2015.v1 against the reference (§6.2, §7.3)', () => {
  it('uses the legacy Y/T and A–E scales (1/0 and 1/0.75/0.5/0.25/0, stored in hundredths)', () => {
    expect(rs15.aggregationMode).toBe('LEGACY_YT_ABCDE');
    expect(rs15.predicateBasis).toBe('EXACT');
    const scales = Object.fromEntries(rs15.answerScales.map((s) => [s.id, s.options.map((o) => [o.code, o.value])]));
    expect(scales).toEqual({
      'Y-T': [
        ['Y', 100],
        ['T', 0],
      ],
      'A-E': [
        ['A', 100],
        ['B', 75],
        ['C', 50],
        ['D', 25],
        ['E', 0],
      ],
    });
  });

  it('has the five 2015 components (with Capaian Kinerja 20), summing to 100', () => {
    expect(rs15.components.map((c) => [c.id, c.name, c.weight])).toEqual(REF_15.components);
    expect(sumWeights(rs15.components.map((c) => c.weight)).toString()).toBe('100');
  });

  it('has the 2015 sub-component splits and scales', () => {
    expect(subComponentsOf(rs15).map((s) => [s.id, s.weight, s.answerScale])).toEqual(REF_15.subComponents);
    for (const sub of subComponentsOf(rs15)) expect(sub.criteria.length).toBeGreaterThan(0);
  });

  it('has the same bands as 88/2021 (§7.3)', () => {
    expect(rs15.bands.map((b) => [b.predicate, b.above, b.upTo, b.label])).toEqual(BANDS);
  });
});

/** §7.2 boundary examples, plus the neighbours on the other side of every band edge. */
const BOUNDARIES: [string, string][] = [
  ['0', 'D'],
  ['0.01', 'D'],
  ['29.99', 'D'],
  ['30', 'D'],
  ['30.00', 'D'],
  ['30.01', 'C'],
  ['49.99', 'C'],
  ['50.00', 'C'],
  ['50.01', 'CC'],
  ['59.99', 'CC'],
  ['60.00', 'CC'],
  ['60.01', 'B'],
  ['69.99', 'B'],
  ['70.00', 'B'],
  ['70.01', 'BB'],
  ['79.99', 'BB'],
  ['80.00', 'BB'],
  ['80.01', 'A'],
  ['89.99', 'A'],
  ['90.00', 'A'],
  ['90.01', 'AA'],
  ['99.99', 'AA'],
  ['100.00', 'AA'],
  // Exclusive lower bounds hold for any excess, however small, and an upper bound is inclusive to the last digit.
  ['30.0000000000000000000000000001', 'C'],
  ['89.9999999999999999999999999999', 'A'],
  ['90.0000000000000000000000000001', 'AA'],
];

describe.each([
  ['permenpanrb-88-2021', () => rs88],
  ['permenpanrb-12-2015', () => rs15],
])('predicate bands of %s, every edge from both sides', (_code, ruleSet: () => RuleSet) => {
  it.each(BOUNDARIES)('%s → %s', (score, predicate) => {
    expect(predicateFor(Fraction.parse(score), ruleSet().bands)).toBe(predicate);
  });

  it('rejects a total just outside 0..100', () => {
    expect(() => predicateFor(Fraction.parse('-0.01'), ruleSet().bands)).toThrow(/outside 0\.\.100/);
    expect(() => predicateFor(Fraction.parse('100.0000001'), ruleSet().bands)).toThrow(/outside 0\.\.100/);
  });
});

describe('band edges reached by real 88/2021 worksheets', () => {
  const ids = criteriaOf(rs88).map((k) => k.id);
  const uniform = (code: string, bump?: string): LkeAnswers =>
    new Map(ids.map((id, i) => [id, i === 0 && bump ? bump : code]));

  // Every criterion answered X gives exactly X's value; raising one criterion a step lifts it just over the edge.
  it.each([
    ['D', '30', 'D', 'C', 'C'],
    ['C', '50', 'C', 'CC', 'CC'],
    ['CC', '60', 'CC', 'B', 'B'],
    ['B', '70', 'B', 'BB', 'BB'],
    ['BB', '80', 'BB', 'A', 'A'],
    ['A', '90', 'A', 'AA', 'AA'],
  ])('all %s = %s → %s; one criterion raised to %s → %s', (code, total, predicate, bump, above) => {
    const at = scoreEvaluation(rs88, uniform(code));
    expect([at.totalExact?.toString(), at.predicate]).toEqual([total, predicate]);
    const over = scoreEvaluation(rs88, uniform(code, bump));
    expect(over.totalExact!.cmp(Fraction.parse(total))).toBe(1);
    expect(over.totalDisplay).toBe(`${total}.${over.totalDisplay!.split('.')[1]}`);
    expect(over.predicate).toBe(above);
  });

  it('all E = 0 → D; all AA = 100 → AA', () => {
    expect(scoreEvaluation(rs88, uniform('E'))).toMatchObject({ totalDisplay: '0.00', predicate: 'D' });
    expect(scoreEvaluation(rs88, uniform('AA'))).toMatchObject({ totalDisplay: '100.00', predicate: 'AA' });
  });

  it('12/2015: all best answers (Y, A) = 100 → AA; all worst (T, E) = 0 → D', () => {
    const best = new Map(
      subComponentsOf(rs15).flatMap((s) => s.criteria.map((k) => [k.id, s.answerScale === 'Y-T' ? 'Y' : 'A'] as const)),
    );
    const worst = new Map(
      subComponentsOf(rs15).flatMap((s) => s.criteria.map((k) => [k.id, s.answerScale === 'Y-T' ? 'T' : 'E'] as const)),
    );
    expect(scoreEvaluation(rs15, best)).toMatchObject({ status: 'COMPLETE', totalDisplay: '100.00', predicate: 'AA' });
    expect(scoreEvaluation(rs15, worst)).toMatchObject({ status: 'COMPLETE', totalDisplay: '0.00', predicate: 'D' });
  });
});

describe('loadRuleSets on a broken folder', () => {
  let dir: string;
  const real88 = (): Record<string, unknown> =>
    JSON.parse(readFileSync(join(DIR, 'permenpanrb-88-2021.v1.json'), 'utf8')) as Record<string, unknown>;
  const write = (name: string, content: unknown) =>
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lke-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the path of every problem', () => {
    const doc = real88() as { components: { weight: string; subComponents: { criteria: { text?: string }[] }[] }[] };
    doc.components[2].weight = '20';
    delete doc.components[0].subComponents[1].criteria[4].text;
    write('permenpanrb-88-2021.v1.json', doc);
    let message = '';
    try {
      loadRuleSets(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`Invalid LKE rule sets in ${dir}`);
    expect(message).toContain(
      'permenpanrb-88-2021.v1.json: components[0].subComponents[1].criteria[4].text: is required',
    );
    // Shape errors stop before the semantic pass; fix the shape and the weight problems show.
    doc.components[0].subComponents[1].criteria[4].text = 'x';
    write('permenpanrb-88-2021.v1.json', doc);
    expect(() => loadRuleSets(dir)).toThrow(
      'permenpanrb-88-2021.v1.json: components[2].subComponents: sub-component weights 3 + 4.5 + 7.5 = 15, expected the component weight 20',
    );
    expect(() => loadRuleSets(dir)).toThrow(
      'permenpanrb-88-2021.v1.json: components: component weights 30 + 30 + 20 + 25 = 105, expected 100',
    );
  });

  it('reports invalid JSON, a file name that does not match its content, and problems in several files at once', () => {
    write('broken.v1.json', '{ "code": ');
    write('other-name.v1.json', real88());
    write('permenpanrb-88-2021.v1.json', { ...real88(), bands: [] });
    let message = '';
    try {
      loadRuleSets(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/- broken\.v1\.json: not valid JSON/);
    expect(message).toContain('- other-name.v1.json: file name must be permenpanrb-88-2021.v1.json');
    expect(message).toContain('- permenpanrb-88-2021.v1.json: bands: must NOT have fewer than 1 items');
  });

  it('refuses an empty folder', () => {
    expect(() => loadRuleSets(dir)).toThrow(`no *.json rule set found in ${dir}`);
  });

  it('loads a valid copy', () => {
    write('permenpanrb-88-2021.v1.json', real88());
    expect(
      loadRuleSets(dir)
        .list()
        .map((r) => r.code),
    ).toEqual(['permenpanrb-88-2021']);
  });

  it('finds templates/lke from a nested folder (e.g. dist/evaluation) and says where it looked when there is none', () => {
    const nested = join(dir, 'dist', 'evaluation');
    mkdirSync(join(dir, 'templates', 'lke'), { recursive: true });
    mkdirSync(nested, { recursive: true });
    expect(findRuleSetDir(nested)).toBe(join(dir, 'templates', 'lke'));
    rmSync(join(dir, 'templates'), { recursive: true });
    expect(() => findRuleSetDir(nested)).toThrow(`No ${join('templates', 'lke')} folder found in ${nested}`);
  });

  it('refuses the same code and version twice in a registry', () => {
    expect(() => createRuleSetRegistry([rs88, rs88])).toThrow('Duplicate LKE rule set code/version');
  });
});
