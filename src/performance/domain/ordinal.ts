import Decimal from 'decimal.js';
import { CapaianResult, computeCapaian, notComputable } from './capaian';

/**
 * Ordinal indicators (opini BPK, predikat, akreditasi; §5.1): codes map to ordered scores, then the higher-is-better
 * formula applies to the scores. The map is tenant data, e.g. one system's TMP=1, TW=2, WDP=3, WTP=4.
 */
export interface OrdinalLevel {
  code: string;
  score: Decimal;
}

const normaliseCode = (code: string): string => code.trim().replace(/\s+/g, ' ').toUpperCase();

/** The score of a code on the scale (case- and surrounding-space-insensitive), or null when the code is unknown. */
export function ordinalScore(code: string, scale: readonly OrdinalLevel[]): Decimal | null {
  const wanted = normaliseCode(code);
  return scale.find((level) => normaliseCode(level.code) === wanted)?.score ?? null;
}

/**
 * Capaian of an ordinal indicator: score(realisation) / score(target) × 100. A missing code gives MISSING_TARGET /
 * MISSING_REALISATION; a code not on the scale gives UNKNOWN_CODE (§5.3); then the higher-is-better rules apply
 * (a target scored 0 is ZERO_TARGET).
 */
export function computeOrdinalCapaian(input: {
  scale: readonly OrdinalLevel[];
  targetCode: string | null;
  realisationCode: string | null;
}): CapaianResult {
  if (input.targetCode === null) return notComputable('MISSING_TARGET');
  const target = ordinalScore(input.targetCode, input.scale);
  if (target === null) return notComputable('UNKNOWN_CODE');
  const result = (realisation: Decimal | null) => computeCapaian({ polarity: 'HIGHER_IS_BETTER', target, realisation });
  if (input.realisationCode === null) return result(null);
  const realisation = ordinalScore(input.realisationCode, input.scale);
  if (realisation === null) {
    const targetOnly = result(null); // a target problem (e.g. a target scored 0) still comes first
    return targetOnly.computable || targetOnly.reason === 'MISSING_REALISATION'
      ? notComputable('UNKNOWN_CODE')
      : targetOnly;
  }
  return result(realisation);
}
