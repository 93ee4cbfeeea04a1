import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fraction } from '../../evaluation/domain/fraction';
import { validateRuleSet } from '../../evaluation/domain/rule-set';
import { aggregateOf, compareAggregates, loadAggregate, type ScoredSheet, storeAggregate } from './benchmark';

const RS88 = validateRuleSet(
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'templates', 'lke', 'permenpanrb-88-2021.v1.json'), 'utf8'),
  ),
  '88',
);
const F = Fraction.parse;

/** A worksheet where every sub-component scores `percent` % of its weight. */
function sheetAt(percent: string): ScoredSheet {
  const p = F(percent).div(Fraction.of(100));
  const subs = new Map(
    RS88.components.flatMap((c) => c.subComponents.map((s) => [s.id, F(s.weight).times(p)] as [string, Fraction])),
  );
  const comps = new Map(RS88.components.map((c) => [c.id, F(c.weight).times(p)] as [string, Fraction]));
  return { components: comps, subComponents: subs, total: F(percent) };
}

describe('aggregateOf', () => {
  it.each([
    ['one worksheet is itself', ['68.4'], '68.40', 'B', '20.52'],
    ['the mean of several, exactly', ['70', '71', '72.5'], '71.17', 'BB', '21.35'],
    ['a mean on a band edge stays in the lower band', ['60', '60'], '60.00', 'CC', '18.00'],
  ])('%s', (_n, totals, total, predicate, component1) => {
    const agg = aggregateOf(RS88, 'SKPD_MEAN', totals.map(sheetAt));
    expect([agg.total.toFixedHalfUp(2), agg.predicate, agg.components[0].score!.toFixedHalfUp(2)]).toEqual([
      total,
      predicate,
      component1,
    ]);
    expect(agg.subComponents).toHaveLength(12);
  });

  it('an official Pemda result replaces components, total and predicate; sub-components stay from the worksheet', () => {
    const official = {
      components: new Map([
        ['1', F('25')],
        ['2', F('24')],
        ['3', F('12')],
        ['4', F('20.5')],
      ]),
      total: F('81.5'),
      predicate: 'A',
    };
    const agg = aggregateOf(RS88, 'PEMDA', [sheetAt('70')], official);
    expect([agg.total.toFixedHalfUp(2), agg.predicate, agg.components.map((c) => c.score!.toFixedHalfUp(2))]).toEqual([
      '81.50',
      'A',
      ['25.00', '24.00', '12.00', '20.50'],
    ]);
    expect(agg.subComponents[0].score!.toFixedHalfUp(2)).toBe('4.20');
    // Official only (no FINAL worksheet): no sub-component scores.
    expect(aggregateOf(RS88, 'PEMDA', [], official).subComponents.every((s) => s.score === null)).toBe(true);
  });

  it('round-trips through its stored form exactly', () => {
    const agg = aggregateOf(RS88, 'SKPD_MEAN', [sheetAt('70'), sheetAt('71.1')]);
    const back = loadAggregate({
      ruleSetCode: RS88.code,
      ruleSetVersion: 1,
      basis: agg.basis,
      totalExact: agg.total.toString(),
      predicate: agg.predicate,
      aggregate: storeAggregate(agg),
    });
    expect(back.total.eq(agg.total)).toBe(true);
    expect(back.subComponents.map((s) => s.score!.toString())).toEqual(
      agg.subComponents.map((s) => s.score!.toString()),
    );
  });
});

describe('compareAggregates', () => {
  const own = aggregateOf(RS88, 'PEMDA', [sheetAt('68.4')]);
  const peer = aggregateOf(RS88, 'PEMDA', [sheetAt('88.5')]);

  it('peer − own per component and sub-component; where the peer is higher, largest first', () => {
    const c = compareAggregates(own, peer);
    expect([c.total.difference!.toFixedHalfUp(2), c.total.peerHigher]).toEqual(['20.10', true]);
    expect(c.components.map((r) => r.difference!.toFixedHalfUp(2))).toEqual(['6.03', '6.03', '3.02', '5.03']);
    expect(c.peerHigher[0].id).toMatch(/^[12]$/);
    expect(c.peerHigher).toHaveLength(16);
    expect(compareAggregates(peer, own).peerHigher).toEqual([]);
  });

  it('without an own result the own column is empty and nothing is "higher"', () => {
    const c = compareAggregates(null, peer);
    expect([c.total.own, c.total.difference, c.peerHigher.length]).toEqual([null, null, 0]);
  });

  it('refuses different rule sets', () => {
    expect(() => compareAggregates({ ...own, ruleSet: { code: 'permenpanrb-12-2015', version: 1 } }, peer)).toThrow(
      RangeError,
    );
  });
});
