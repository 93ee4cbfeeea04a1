import type Decimal from 'decimal.js';
import type { Polarity } from '../../planning/domain/indicator-settings';

/**
 * What a realisation value may be for its indicator, checked at entry (API, console) so the capaian never has to drop
 * a value later: a yes/no indicator takes 1 (ya) or 0 (tidak) only, and a negative value needs an indicator that
 * allows negative values (a growth rate, a correction in a summed series). Messages are Indonesian (operators read them).
 */

export type RealisationProblemCode = 'BINARY_REALISATION' | 'NEGATIVE_REALISATION';

export interface RealisationProblem {
  code: RealisationProblemCode;
  message: string;
}

/** The problem with one realisation value, or null when it is acceptable (null = not reported is always acceptable). */
export function checkRealisationValue(
  indicator: { polarity: Polarity; allowsNegative: boolean },
  value: Decimal | null,
): RealisationProblem | null {
  if (value === null) return null;
  if (indicator.polarity === 'BINARY')
    return value.eq(0) || value.eq(1)
      ? null
      : { code: 'BINARY_REALISATION', message: 'Realisasi indikator ya/tidak harus 1 (ya) atau 0 (tidak).' };
  if (value.isNegative() && !value.isZero() && !indicator.allowsNegative)
    return {
      code: 'NEGATIVE_REALISATION',
      message: 'Realisasi indikator ini tidak boleh negatif (indikator tidak diatur menerima nilai negatif).',
    };
  return null;
}
