import { Fraction } from '../../evaluation/domain/fraction';
import type { ResultSource } from '../../evaluation/evaluation-result';
import type { RuleSet } from '../../evaluation/domain/rule-set';
import { predicateOfTotal } from './gap';

/**
 * A region's yearly result as an aggregate — the only thing that crosses regions in benchmarking (studi tiru) — and
 * the component-by-component comparison with a peer. Pure: exact fractions in, exact fractions out.
 */

export type AggregateBasis = 'PEMDA' | 'SKPD_MEAN';

export interface AggregateNode {
  readonly id: string;
  readonly name: string;
  readonly weight: string;
  /** The component of a sub-component; null for a component. */
  readonly componentId: string | null;
  readonly score: Fraction | null;
}

export interface RegionAggregate {
  readonly ruleSet: { readonly code: string; readonly version: number };
  readonly basis: AggregateBasis;
  /** For basis PEMDA: the official KemenPAN-RB result or the Pemda's own sheet (as evaluationResultOf); else null. */
  readonly source: ResultSource | null;
  readonly total: Fraction;
  readonly predicate: string;
  readonly components: readonly AggregateNode[];
  readonly subComponents: readonly AggregateNode[];
}

/** One scored worksheet: exact component and sub-component scores by id, and the total. */
export interface ScoredSheet {
  readonly components: ReadonlyMap<string, Fraction | null>;
  readonly subComponents: ReadonlyMap<string, Fraction | null>;
  readonly total: Fraction;
}

const mean = (values: readonly (Fraction | null | undefined)[]): Fraction | null =>
  values.length === 0 || values.some((v) => !v)
    ? null
    : Fraction.sum(values as Fraction[]).div(Fraction.of(values.length));

/**
 * The aggregate of one or more worksheets of the same rule set: the mean of each score (one worksheet: itself).
 * `official` replaces the component scores, the total and the predicate with a Pemda's official KemenPAN-RB result.
 */
export function aggregateOf(
  ruleSet: RuleSet,
  basis: AggregateBasis,
  sheets: readonly ScoredSheet[],
  official?: { components: ReadonlyMap<string, Fraction>; total: Fraction; predicate: string } | null,
): RegionAggregate {
  if (sheets.length === 0 && !official) throw new Error('aggregateOf: no worksheet and no official result');
  const total = official?.total ?? mean(sheets.map((s) => s.total))!;
  return {
    ruleSet: { code: ruleSet.code, version: ruleSet.version },
    basis,
    source: official ? 'OFFICIAL' : basis === 'PEMDA' ? 'OWN_SHEET' : null,
    total,
    predicate: official?.predicate ?? predicateOfTotal(total, ruleSet.bands),
    components: ruleSet.components.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      componentId: null,
      score: official ? (official.components.get(c.id) ?? null) : mean(sheets.map((s) => s.components.get(c.id))),
    })),
    subComponents: ruleSet.components.flatMap((c) =>
      c.subComponents.map((sub) => ({
        id: sub.id,
        name: sub.name,
        weight: sub.weight,
        componentId: c.id,
        score: sheets.length ? mean(sheets.map((s) => s.subComponents.get(sub.id))) : null,
      })),
    ),
  };
}

// JSON as stored in the publication row: fractions as "n/d" text.
interface NodeJson {
  id: string;
  name: string;
  weight: string;
  componentId: string | null;
  score: string | null;
}
export interface StoredAggregate {
  source?: ResultSource | null;
  components: NodeJson[];
  subComponents: NodeJson[];
}

const nodeJson = (n: AggregateNode): NodeJson => ({ ...n, score: n.score?.toString() ?? null });
const nodeOf = (n: NodeJson): AggregateNode => ({
  ...n,
  score: n.score === null ? null : Fraction.parseRatio(n.score),
});

export const storeAggregate = (a: RegionAggregate): string =>
  JSON.stringify({
    source: a.source,
    components: a.components.map(nodeJson),
    subComponents: a.subComponents.map(nodeJson),
  } satisfies StoredAggregate);

export function loadAggregate(row: {
  ruleSetCode: string;
  ruleSetVersion: number;
  basis: string;
  totalExact: string;
  predicate: string;
  aggregate: string;
}): RegionAggregate {
  const stored = JSON.parse(row.aggregate) as StoredAggregate;
  return {
    ruleSet: { code: row.ruleSetCode, version: row.ruleSetVersion },
    basis: row.basis as AggregateBasis,
    source: stored.source ?? null,
    total: Fraction.parseRatio(row.totalExact),
    predicate: row.predicate,
    components: stored.components.map(nodeOf),
    subComponents: stored.subComponents.map(nodeOf),
  };
}

export interface ComparisonRow {
  readonly id: string;
  readonly name: string;
  readonly weight: string;
  readonly componentId: string | null;
  readonly own: Fraction | null;
  readonly peer: Fraction | null;
  /** peer − own; null when either is missing. */
  readonly difference: Fraction | null;
  readonly peerHigher: boolean;
}

export interface Comparison {
  readonly total: ComparisonRow;
  readonly components: readonly ComparisonRow[];
  readonly subComponents: readonly ComparisonRow[];
  /** Components and sub-components where the peer scores higher, largest difference first. */
  readonly peerHigher: readonly ComparisonRow[];
}

const rowOf = (
  node: { id: string; name: string; weight: string; componentId: string | null },
  own: Fraction | null,
  peer: Fraction | null,
): ComparisonRow => {
  const difference = own && peer ? peer.plus(own.times(Fraction.of(-1))) : null;
  return { ...node, own, peer, difference, peerHigher: difference !== null && difference.cmp(Fraction.ZERO) > 0 };
};

/**
 * Component by component and sub-component by sub-component, on the peer's structure. `own` is null when the region
 * has no result for the year (its column stays empty); both aggregates must use the same rule-set code.
 */
export function compareAggregates(own: RegionAggregate | null, peer: RegionAggregate): Comparison {
  if (own && own.ruleSet.code !== peer.ruleSet.code)
    throw new RangeError(`rule sets differ: ${own.ruleSet.code} vs ${peer.ruleSet.code}`);
  const match = (mine: readonly AggregateNode[], theirs: readonly AggregateNode[]) =>
    theirs.map((p) => rowOf(p, mine.find((o) => o.id === p.id)?.score ?? null, p.score));
  const components = match(own?.components ?? [], peer.components);
  const subComponents = match(own?.subComponents ?? [], peer.subComponents);
  const peerHigher = [...components, ...subComponents]
    .filter((r) => r.peerHigher)
    .sort((a, b) => b.difference!.cmp(a.difference!) || a.id.localeCompare(b.id, 'en'));
  return {
    total: rowOf(
      { id: 'total', name: 'Nilai Akhir', weight: '100', componentId: null },
      own?.total ?? null,
      peer.total,
    ),
    components,
    subComponents,
    peerHigher,
  };
}
