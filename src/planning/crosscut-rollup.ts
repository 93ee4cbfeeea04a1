import Decimal from 'decimal.js';
import { Exact } from '../common/decimal/exact';
import type { CrosscutStatus } from './dto/crosscut.dto';

export interface ContributionInput {
  sharePercent: Decimal | null;
  subTarget: Decimal | null;
}

export interface Rollup {
  /** Per contribution, in input order: the sub-target, or share × Pemda target / 100 (null without a Pemda target). */
  effective: (Decimal | null)[];
  totalSharePercent: Decimal;
  rolledUpTarget: Decimal | null;
  status: CrosscutStatus;
}

/**
 * Rolls SKPD contributions up to the Pemda target of one year. Exact arithmetic; a contribution is either a share
 * in percent or an own sub-target. The roll-up is the sum of effective targets, compared exactly with the Pemda
 * target (meaningful for additive indicators; for rates, shares summing to 100 is what matters).
 */
export function rollUpContributions(pemdaTarget: Decimal | null, contributions: readonly ContributionInput[]): Rollup {
  const effective = contributions.map((c) =>
    c.subTarget !== null
      ? new Exact(c.subTarget)
      : pemdaTarget !== null && c.sharePercent !== null
        ? new Exact(pemdaTarget).times(c.sharePercent).div(100)
        : null,
  );
  const totalSharePercent = contributions.reduce<Decimal>(
    (s, c) => (c.sharePercent === null ? s : s.plus(c.sharePercent)),
    new Exact(0),
  );
  const rolledUpTarget = effective.every((e) => e !== null)
    ? effective.reduce<Decimal>((s, e) => s.plus(e as Decimal), new Exact(0))
    : null;
  let status: CrosscutStatus;
  if (contributions.length === 0) status = 'NO_CONTRIBUTIONS';
  else if (pemdaTarget === null || rolledUpTarget === null) status = 'NO_PEMDA_TARGET';
  else status = rolledUpTarget.eq(pemdaTarget) ? 'BALANCED' : rolledUpTarget.lt(pemdaTarget) ? 'UNDER' : 'OVER';
  return { effective, totalSharePercent, rolledUpTarget, status };
}
