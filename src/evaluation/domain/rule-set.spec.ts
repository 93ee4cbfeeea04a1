import { RuleSetValidationError } from './lke.errors';
import { answerScaleFor, criteriaOf, ruleSetKey, subComponentsOf, validateRuleSet } from './rule-set';

type Obj = Record<string, unknown>;
type Criterion = Obj & { id: string; answerScale?: string; evidence?: string[]; guidance?: string };
interface Doc extends Obj {
  components: (Obj & {
    id: string;
    weight: string;
    subComponents: (Obj & { id: string; weight: string; criteria: Criterion[] })[];
  })[];
  bands: (Obj & { predicate: string; above: string | null; upTo: string })[];
  answerScales: (Obj & { id: string; options: (Obj & { code: string; value: number })[] })[];
  consistencyRules: Obj[];
}

/** A minimal valid rule set: two components (60 + 40), three sub-components, bands D ≤ 50 < A. */
function tiny(): Doc {
  const k = (id: string) => ({ id, text: `Kriteria ${id}`, guidance: 'Periksa dokumen.', evidence: ['Dokumen'] });
  return {
    code: 'tiny-test',
    version: 1,
    name: 'Tiny',
    regulation: 'Test',
    aggregationMode: 'CRITERION_MEAN',
    predicateBasis: 'EXACT',
    defaultAnswerScale: 'AB',
    answerScales: [
      {
        id: 'AB',
        name: 'A/B',
        options: [
          { code: 'A', value: 100, label: 'A', meaning: 'a' },
          { code: 'B', value: 0, label: 'B', meaning: 'b' },
        ],
      },
      {
        id: 'YT',
        name: 'Y/T',
        options: [
          { code: 'Y', value: 100, label: 'Y', meaning: 'y' },
          { code: 'T', value: 0, label: 'T', meaning: 't' },
        ],
      },
    ],
    components: [
      {
        id: '1',
        name: 'Satu',
        weight: '60',
        subComponents: [
          { id: '1.a', name: 'a', weight: '20.5', answerScale: 'YT', criteria: [k('1.a.1'), k('1.a.2')] },
          { id: '1.b', name: 'b', weight: '39.5', criteria: [k('1.b.1'), { ...k('1.b.2'), answerScale: 'YT' }] },
        ],
      },
      {
        id: '2',
        name: 'Dua',
        weight: '40',
        subComponents: [{ id: '2.a', name: 'a', weight: '40', criteria: [k('2.a.1')] }],
      },
    ],
    bands: [
      { predicate: 'A', label: 'Baik', above: '50', upTo: '100', interpretation: 'baik' },
      { predicate: 'D', label: 'Kurang', above: null, upTo: '50', interpretation: 'kurang' },
    ],
    consistencyRules: [
      {
        id: 'R1',
        kind: 'notAbove',
        criteria: ['1.b.1'],
        reference: '1.a.1',
        severity: 'ERROR',
        message: '{criterion} > {reference}',
      },
    ],
  };
}

/** The problems reported for a document, or [] if it is valid. */
function problemsOf(doc: unknown): readonly string[] {
  try {
    validateRuleSet(doc, 'tiny.v1.json');
    return [];
  } catch (e) {
    if (e instanceof RuleSetValidationError) return e.problems;
    throw e;
  }
}

describe('validateRuleSet', () => {
  it('accepts a valid rule set and returns a deep-frozen copy', () => {
    const doc = tiny();
    const rs = validateRuleSet(doc);
    expect(rs).not.toBe(doc);
    expect(Object.isFrozen(rs.components[0].subComponents[0].criteria[0])).toBe(true);
    expect(ruleSetKey(rs.code, rs.version)).toBe('tiny-test.v1');
    expect(subComponentsOf(rs).map((s) => s.id)).toEqual(['1.a', '1.b', '2.a']);
    expect(criteriaOf(rs).map((k) => k.id)).toEqual(['1.a.1', '1.a.2', '1.b.1', '1.b.2', '2.a.1']);
  });

  it('resolves answer scales criterion → sub-component → default', () => {
    const rs = validateRuleSet(tiny());
    const [a, b] = rs.components[0].subComponents;
    expect(answerScaleFor(rs, a, a.criteria[0]).id).toBe('YT');
    expect(answerScaleFor(rs, b, b.criteria[0]).id).toBe('AB');
    expect(answerScaleFor(rs, b, b.criteria[1]).id).toBe('YT');
    expect(answerScaleFor(rs, b).id).toBe('AB');
  });

  it('throws INVALID_RULE_SET naming the source and every problem with its path', () => {
    const doc = tiny();
    delete doc.components[0].subComponents[1].criteria[0].guidance;
    doc.components[1].weight = '40,5';
    let error: unknown;
    try {
      validateRuleSet(doc, 'tiny.v1.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleSetValidationError);
    const e = error as RuleSetValidationError;
    expect(e.code).toBe('INVALID_RULE_SET');
    expect(e.kind).toBe('invalid');
    expect(e.source).toBe('tiny.v1.json');
    expect(e.problems).toEqual([
      'components[0].subComponents[1].criteria[0].guidance: is required',
      'components[1].weight: "40,5" does not match ^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
    ]);
    expect(e.message).toContain('tiny.v1.json: invalid LKE rule set (2 problems)');
    expect(e.message).toContain('  - tiny.v1.json: components[1].weight');
  });

  it.each<[string, (d: Doc) => void, string]>([
    ['a non-object', () => undefined, '(root): must be object'],
    ['an unknown property', (d) => (d.weights = 1), 'weights: is not an allowed property'],
    [
      'an unknown aggregation mode',
      (d) => (d.aggregationMode = 'MEDIAN'),
      'aggregationMode: must be one of "CRITERION_MEAN"',
    ],
    [
      'a non-integer answer value',
      (d) => (d.answerScales[0].options[0].value = 99.5),
      'answerScales[0].options[0].value: must be integer',
    ],
    [
      'an answer value above 100',
      (d) => (d.answerScales[0].options[0].value = 101),
      'answerScales[0].options[0].value: must be <= 100',
    ],
    [
      'a criterion without evidence',
      (d) => (d.components[1].subComponents[0].criteria[0].evidence = []),
      'components[1].subComponents[0].criteria[0].evidence: must NOT have fewer than 1 items',
    ],
    [
      'a negative weight',
      (d) => (d.components[1].subComponents[0].weight = '-40'),
      'components[1].subComponents[0].weight: "-40" does not match',
    ],
    // semantics
    [
      'sub-component weights that miss the component weight',
      (d) => (d.components[0].subComponents[1].weight = '39'),
      'components[0].subComponents: sub-component weights 20.5 + 39 = 59.5, expected the component weight 60',
    ],
    [
      'component weights that miss 100',
      (d) => {
        d.components[1].weight = '45';
        d.components[1].subComponents[0].weight = '45';
      },
      'components: component weights 60 + 45 = 105, expected 100',
    ],
    [
      'a zero weight',
      (d) => {
        d.components[0].subComponents[0].weight = '0';
        d.components[0].subComponents[1].weight = '60';
      },
      'components[0].subComponents[0].weight: must be greater than 0',
    ],
    [
      'a duplicate criterion id',
      (d) => (d.components[0].subComponents[1].criteria[1].id = '1.b.1'),
      'components[0].subComponents[1].criteria[1].id: duplicate id "1.b.1" (first used at components[0].subComponents[1].criteria[0].id)',
    ],
    [
      'a criterion under the wrong sub-component',
      (d) => (d.components[0].subComponents[1].criteria[1].id = '1.a.3'),
      'components[0].subComponents[1].criteria[1].id: "1.a.3" does not belong to sub-component "1.b"',
    ],
    [
      'a criterion id two levels down',
      (d) => (d.components[1].subComponents[0].criteria[0].id = '2.a.1.1'),
      '"2.a.1.1" does not belong to sub-component "2.a"',
    ],
    [
      'a sub-component under the wrong component',
      (d) => (d.components[1].subComponents[0].id = '3.a'),
      'components[1].subComponents[0].id: "3.a" does not belong to component "2"',
    ],
    [
      'a sub-component without criteria in a criterion mode',
      (d) => (d.components[1].subComponents[0].criteria = []),
      'components[1].subComponents[0].criteria: mode CRITERION_MEAN needs at least one criterion per sub-component',
    ],
    ['an unknown default scale', (d) => (d.defaultAnswerScale = 'XY'), 'defaultAnswerScale: unknown answer scale "XY"'],
    [
      'an unknown criterion scale',
      (d) => (d.components[1].subComponents[0].criteria[0].answerScale = 'XY'),
      'components[1].subComponents[0].criteria[0].answerScale: unknown answer scale "XY"',
    ],
    [
      'a duplicate answer code',
      (d) => (d.answerScales[0].options[1].code = 'A'),
      'answerScales[0].options[1].code: duplicate answer code "A"',
    ],
    [
      'a band gap',
      (d) => (d.bands[0].above = '50.01'),
      'bands[0].above: gap between D (up to 50) and A (above 50.01): scores in (50, 50.01] have no predicate',
    ],
    ['overlapping bands', (d) => (d.bands[0].above = '49.99'), 'bands[0].above: A (above 49.99) overlaps D (up to 50)'],
    [
      'a top band below 100',
      (d) => (d.bands[0].upTo = '99'),
      'bands[0].upTo: the highest band must end at 100, not 99',
    ],
    ['a band above 100', (d) => (d.bands[0].upTo = '101'), 'bands[0].upTo: 101 is above 100'],
    [
      'no floor band',
      (d) => (d.bands[1].above = '0'),
      'bands: exactly one floor band (above: null, includes 0) is required, found 0',
    ],
    ['a duplicate predicate', (d) => (d.bands[1].predicate = 'A'), 'bands[1].predicate: duplicate predicate "A"'],
    ['an empty band', (d) => (d.bands[0].above = '100'), 'bands[0]: lower bound 100 must be below the upper bound 100'],
    [
      'a rule on an unknown criterion',
      (d) => (d.consistencyRules[0].criteria = ['9.z.9']),
      'consistencyRules[0].criteria[0]: unknown criterion "9.z.9"',
    ],
    [
      'a rule on itself',
      (d) => (d.consistencyRules[0].criteria = ['1.a.1']),
      'consistencyRules[0].criteria[0]: "1.a.1" cannot depend on itself',
    ],
    [
      'a duplicate rule id',
      (d) => d.consistencyRules.push({ ...d.consistencyRules[0] }),
      'consistencyRules[1].id: duplicate rule id "R1"',
    ],
    [
      'a criterion below two references in ERROR rules',
      (d) => d.consistencyRules.push({ ...d.consistencyRules[0], id: 'R2', reference: '2.a.1' }),
      'consistencyRules[1].criteria[0]: "1.b.1" already depends on "1.a.1" in an ERROR rule; one reference only',
    ],
    [
      'ERROR rules in a cycle',
      (d) => d.consistencyRules.push({ ...d.consistencyRules[0], id: 'R2', criteria: ['1.a.1'], reference: '1.b.1' }),
      'consistencyRules: the ERROR rules form a cycle through "1.b.1"',
    ],
  ])('rejects %s', (_what, mutate, expected) => {
    const doc = tiny();
    const result = mutate(doc);
    const problems = problemsOf(_what === 'a non-object' ? result : doc);
    expect(problems.some((p) => p.includes(expected))).toBe(true);
  });

  it('allows sub-components without criteria in SUBCOMPONENT_GRADE mode', () => {
    const doc = tiny();
    doc.aggregationMode = 'SUBCOMPONENT_GRADE';
    doc.components[1].subComponents[0].criteria = [];
    expect(problemsOf(doc)).toEqual([]);
  });
});
