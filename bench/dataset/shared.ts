/** Types, sizes and row helpers shared by the benchmark datasets. */
import type { EntityTarget, ObjectLiteral } from 'typeorm';

import { SKPD_KINDS } from '../../src/organization/entities/skpd.entity';

import { ownerKeyOf } from '../../src/planning/entities/plan-node.entity';

import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { snapshotSha256 } from '../../src/evaluation/rule-set-snapshot-store';
import { Rng } from '../prng';

export interface ProvinceScale {
  skpd: number;
  indicatorsPerSkpd: number;
  years: number;
}
export interface NationScale {
  regions: number;
  skpdPerRegion: number;
}
export interface Scale {
  name: string;
  province: ProvinceScale;
  nation: NationScale;
  /** Rows of the PK Excel import benchmark. */
  pkImportRows: number;
}

/**
 * Issue 9's sizes (the nation of issue 20: 548 Pemda × 40 SKPD, 80 answers each); `small` is for a quick local run,
 * `smoke` is CI's correctness run (every case on a tiny dataset, about half a minute per database).
 */
export const SCALES: Record<'full' | 'small' | 'smoke', Scale> = {
  full: {
    name: 'full',
    province: { skpd: 60, indicatorsPerSkpd: 150, years: 5 },
    nation: { regions: 548, skpdPerRegion: 40 },
    pkImportRows: 10_000,
  },
  small: {
    name: 'small',
    province: { skpd: 6, indicatorsPerSkpd: 15, years: 2 },
    nation: { regions: 20, skpdPerRegion: 10 },
    pkImportRows: 500,
  },
  smoke: {
    name: 'smoke',
    province: { skpd: 3, indicatorsPerSkpd: 5, years: 2 },
    nation: { regions: 4, skpdPerRegion: 3 },
    pkImportRows: 50,
  },
};

export const FIRST_YEAR = 2021;
/** The fiscal year of the national dataset. */
export const NATION_YEAR = 2025;

/** Rows of one entity, inserted together. */
export interface Batch {
  entity: EntityTarget<ObjectLiteral>;
  rows: ObjectLiteral[];
}

export interface Dataset {
  regionId: string;
  /** A QA EVALUATOR of the (first) region: the caller of the benchmarks. */
  userId: string;
  /** A REGION_ADMIN of the (first) region. */
  adminId: string;
  /** The RPJMD period (province only). */
  periodId: string | null;
  years: number[];
  batches(): Iterable<Batch>;
}

/** Never a valid argon2 hash: benchmark users cannot log in; tokens are issued directly. */
export const NO_LOGIN = 'bench-user-cannot-log-in';
export const PROGRAMS_PER_SASARAN = 3;
export const SASARAN_PER_SKPD = 5;
export const PEMDA_SASARAN = 6;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const fixed = (n: number, places = 2) => n.toFixed(places);
export const isoDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

export function skpdRows(rng: Rng, regionId: string, count: number): ObjectLiteral[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = SKPD_KINDS[i % SKPD_KINDS.length];
    return {
      id: rng.uuid(),
      regionId,
      code: `${1 + Math.floor(i / 20)}.${pad((i % 20) + 1, 2)}.${pad(i + 1, 3)}`,
      name: `${kind === 'KECAMATAN' ? 'Kecamatan' : kind === 'BADAN' ? 'Badan' : 'Dinas'} Bench ${pad(i + 1, 3)}`,
      shortName: `BENCH-${pad(i + 1, 3)}`,
      kind,
      active: true,
    };
  });
}

export function benchUser(
  id: string,
  regionId: string,
  username: string,
  role: 'EVALUATOR' | 'REGION_ADMIN' = 'EVALUATOR',
): ObjectLiteral {
  const displayName = role === 'EVALUATOR' ? 'Evaluator Benchmark' : 'Admin Benchmark';
  return {
    id,
    username,
    displayName,
    passwordHash: NO_LOGIN,
    role,
    regionId,
    skpdId: null,
    isQa: role === 'EVALUATOR',
    active: true,
    tokenVersion: 0,
  };
}

export interface IndicatorShape {
  satuan: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  aggregation: 'LAST_VALUE' | 'CUMULATIVE_SUM';
}
export const SHAPES: IndicatorShape[] = [
  { satuan: '%', polarity: 'HIGHER_IS_BETTER', aggregation: 'LAST_VALUE' },
  { satuan: '%', polarity: 'HIGHER_IS_BETTER', aggregation: 'LAST_VALUE' },
  { satuan: 'orang', polarity: 'HIGHER_IS_BETTER', aggregation: 'CUMULATIVE_SUM' },
  { satuan: 'dokumen', polarity: 'HIGHER_IS_BETTER', aggregation: 'CUMULATIVE_SUM' },
  { satuan: '%', polarity: 'LOWER_IS_BETTER', aggregation: 'LAST_VALUE' },
];

/** Annual target of an indicator in a year, and the TW I..IV targets consistent with its aggregation. */
export function targetsOf(
  shape: IndicatorShape,
  base: number,
  yearIndex: number,
): { annual: string; quarters: string[] } {
  if (shape.aggregation === 'CUMULATIVE_SUM') {
    const quarter = Math.round(base) + yearIndex * 5;
    return { annual: String(quarter * 4), quarters: [quarter, quarter, quarter, quarter].map(String) };
  }
  const step = shape.polarity === 'LOWER_IS_BETTER' ? -0.5 : 0.5;
  const annual = base + yearIndex * step * 4;
  return { annual: fixed(annual), quarters: [1, 2, 3, 4].map((q) => fixed(annual - step * (4 - q))) };
}

export function indicatorRow(
  rng: Rng,
  o: {
    regionId: string;
    periodId: string;
    skpdId: string | null;
    nodeId: string;
    code: string;
    shape: IndicatorShape;
    isIku: boolean;
  },
) {
  const base =
    o.shape.aggregation === 'CUMULATIVE_SUM'
      ? rng.int(10, 200)
      : o.shape.polarity === 'LOWER_IS_BETTER'
        ? rng.int(20, 40)
        : rng.int(50, 85);
  const row = {
    id: rng.uuid(),
    regionId: o.regionId,
    periodId: o.periodId,
    nodeId: o.nodeId,
    skpdId: o.skpdId,
    ownerKey: ownerKeyOf(o.skpdId),
    code: o.code,
    name: `Indikator ${o.code} (${o.shape.satuan})`,
    definition: null,
    satuan: o.shape.satuan,
    polarity: o.shape.polarity,
    rangeMin: null,
    rangeMax: null,
    aggregation: o.shape.aggregation,
    lowerIsBetterFormula: null,
    baselineValue: fixed(base),
    baselineYear: FIRST_YEAR - 1,
    endTarget: null,
    dataSource: 'Dataset benchmark',
    isIku: o.isIku,
    decimals: 2,
  };
  return { row, shape: o.shape, base };
}

/** The rule set's stored snapshot row (lke_rule_set_snapshots), which every bench evaluation references. */
export function snapshotRow(id: string, ruleSet: RuleSet): ObjectLiteral & { id: string } {
  return {
    id,
    code: ruleSet.code,
    version: ruleSet.version,
    sha256: snapshotSha256(ruleSet),
    body: JSON.stringify(ruleSet),
  };
}
