import { Exact } from '../../common/decimal/exact';
import { checkConsistency } from './consistency';
import { RuleSet } from './rule-set';

const ruleSet = {
  consistencyRules: [
    {
      id: 'R1',
      kind: 'notAbove',
      criteria: ['1.b.1', '1.b.2'],
      reference: '1.a.1',
      severity: 'ERROR',
      message: '{criterion} ({value}) > {reference} ({referenceValue}) {unknown}',
    },
    {
      id: 'R2',
      kind: 'notAbove',
      criteria: ['1.c.1'],
      reference: '1.b.1',
      severity: 'WARNING',
      message: '{criterion}',
    },
  ],
} as unknown as RuleSet;

describe('checkConsistency (notAbove)', () => {
  it('reports each criterion scored above its reference, in rule then criterion order', () => {
    const values = new Map<string, number | null>([
      ['1.a.1', 50],
      ['1.b.1', 70],
      ['1.b.2', 50], // equal is allowed
      ['1.c.1', 90],
    ]);
    expect(checkConsistency(ruleSet, values)).toEqual([
      {
        ruleId: 'R1',
        criterionId: '1.b.1',
        referenceId: '1.a.1',
        severity: 'ERROR',
        message: '1.b.1 (70) > 1.a.1 (50) {unknown}',
      },
      { ruleId: 'R2', criterionId: '1.c.1', referenceId: '1.b.1', severity: 'WARNING', message: '1.c.1' },
    ]);
  });

  it('skips rules whose values are missing (that is INCOMPLETE, not a violation)', () => {
    // R1's reference 1.a.1 is unanswered, so 1.b.1 = 100 is not checked; R2 holds (100 ≤ 100).
    expect(
      checkConsistency(
        ruleSet,
        new Map([
          ['1.b.1', 100],
          ['1.c.1', 100],
        ]),
      ),
    ).toEqual([]);
    expect(
      checkConsistency(
        ruleSet,
        new Map<string, number | null>([
          ['1.a.1', 0],
          ['1.b.1', null],
        ]),
      ),
    ).toEqual([]);
  });

  it('compares decimals exactly and writes them the Indonesian way', () => {
    const [v] = checkConsistency(
      ruleSet,
      new Map([
        ['1.a.1', new Exact('66.66')],
        ['1.b.1', new Exact('66.67')],
      ]),
    );
    expect(v.message).toBe('1.b.1 (66,67) > 1.a.1 (66,66) {unknown}');
  });
});
