/**
 * Deterministic scale datasets for the benchmarks, as plain rows of the real entities (no database here):
 *  - province: one PROVINSI with N SKPD × M indicators over a 5-year RPJMD period — plan nodes, indicators with
 *    yearly targets, one PK per SKPD and year with quarterly targets, four quarters of realisations (with a few
 *    data-quality problems: unreported quarters and outliers), and a FINAL LKE evaluation per SKPD and year (plus the
 *    Pemda's) with self, evaluator, QA and final answers, scored by the real domain scoring;
 *  - nation: every Pemda of Indonesia (548 by default) × 40 SKPD with a FINAL evaluation for one year.
 * The same seed and scale always give the same rows (ids included), batch by batch.
 */
export {
  FIRST_YEAR,
  NATION_YEAR,
  SCALES,
  type Batch,
  type Dataset,
  type NationScale,
  type ProvinceScale,
  type Scale,
} from './shared';
export { provinceDataset } from './province';
export { nationDataset } from './nation';
export { importTargets, pkImportDataset, type PkImportDataset } from './pk-import';
