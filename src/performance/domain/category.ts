import Decimal from 'decimal.js';
import { Exact } from '../../common/decimal/exact';
import { CapaianResult } from './capaian';
import { InvalidCapaianBandsError } from './performance.errors';

/**
 * Capaian categories (domain reference §5.6, Permendagri 86/2017 evaluation tables).
 *
 * The regulation prints integer bands with gaps (≥ 91, 76–90, 66–75, 51–65, ≤ 50: where is 90.5?). We use half-open
 * intervals on the UNROUNDED value, each band owning its lower edge: [91, ∞) ST, [76, 91) T, [66, 76) S,
 * [51, 66) R, (−∞, 51) SR. So 90.99 is T and 91 is ST; 50.99 is SR and 51 is R. Edges and labels are tenant data
 * (some LKjIP say Sangat Baik … Sangat Kurang), so the table is a parameter and this one is only the default.
 */
export interface CapaianBand<C extends string = string> {
  code: C;
  label: string;
  /** Inclusive lower edge; null for the floor band that takes everything below the other edges. */
  min: Decimal | null;
}

export type Permendagri86Category = 'ST' | 'T' | 'S' | 'R' | 'SR';

export const PERMENDAGRI_86_2017_BANDS: readonly CapaianBand<Permendagri86Category>[] = Object.freeze([
  { code: 'ST', label: 'Sangat Tinggi', min: new Exact(91) },
  { code: 'T', label: 'Tinggi', min: new Exact(76) },
  { code: 'S', label: 'Sedang', min: new Exact(66) },
  { code: 'R', label: 'Rendah', min: new Exact(51) },
  { code: 'SR', label: 'Sangat Rendah', min: null },
]);

/**
 * Checks that a band table covers every value exactly once and returns it ordered from the highest edge down:
 * at least one band, exactly one floor band (min null), finite and distinct edges, distinct codes.
 * Throws `InvalidCapaianBandsError` otherwise.
 */
export function validateCapaianBands<C extends string>(bands: readonly CapaianBand<C>[]): readonly CapaianBand<C>[] {
  if (bands.length === 0) throw new InvalidCapaianBandsError('no bands');
  const floors = bands.filter((b) => b.min === null);
  if (floors.length !== 1)
    throw new InvalidCapaianBandsError(`need exactly one floor band (min null), found ${floors.length}`);
  const codes = new Set(bands.map((b) => b.code));
  if (codes.size !== bands.length) throw new InvalidCapaianBandsError('band codes must be unique');
  const edged = bands.filter((b) => b.min !== null);
  for (const band of edged) {
    if (!Decimal.isDecimal(band.min) || !band.min.isFinite()) {
      throw new InvalidCapaianBandsError(`band ${band.code} has an edge that is not a finite number`);
    }
  }
  const ordered = [...edged].sort((a, b) => (b.min as Decimal).cmp(a.min as Decimal));
  for (let i = 1; i < ordered.length; i++) {
    if ((ordered[i].min as Decimal).eq(ordered[i - 1].min as Decimal)) {
      throw new InvalidCapaianBandsError(
        `bands ${ordered[i - 1].code} and ${ordered[i].code} share the edge ${ordered[i].min?.toFixed()}`,
      );
    }
  }
  return [...ordered, floors[0]];
}

/** The band of an unrounded capaian value: the band with the highest edge ≤ value, else the floor band. */
export function capaianCategory(value: Decimal): CapaianBand<Permendagri86Category>;
export function capaianCategory<C extends string>(value: Decimal, bands: readonly CapaianBand<C>[]): CapaianBand<C>;
export function capaianCategory(
  value: Decimal,
  bands: readonly CapaianBand[] = PERMENDAGRI_86_2017_BANDS,
): CapaianBand {
  return validateCapaianBands(bands).find((b) => b.min === null || value.gte(b.min)) as CapaianBand;
}

/** The band of a result, or null when the capaian is not computable ("n/a" is not Sangat Rendah). */
export function categoryOfResult(result: CapaianResult): CapaianBand<Permendagri86Category> | null;
export function categoryOfResult<C extends string>(
  result: CapaianResult,
  bands: readonly CapaianBand<C>[],
): CapaianBand<C> | null;
export function categoryOfResult(
  result: CapaianResult,
  bands: readonly CapaianBand[] = PERMENDAGRI_86_2017_BANDS,
): CapaianBand | null {
  return result.computable ? capaianCategory(result.value, bands) : null;
}
