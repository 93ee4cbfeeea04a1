import { Skpd } from '../../src/organization/entities/skpd.entity';
import { Indicator } from '../../src/planning/entities/indicator.entity';
import { PerformanceAgreement } from '../../src/planning/entities/performance-agreement.entity';
import { ownerKeyOf, PlanNode } from '../../src/planning/entities/plan-node.entity';
import { Rng } from '../prng';
import { indicatorRow, pad, SHAPES, skpdRows, type Batch, type Dataset } from './shared';

export interface PkImportDataset {
  skpdId: string;
  pkId: string;
  year: number;
  batches(): Iterable<Batch>;
}

/**
 * One more SKPD of the province with `rows` Renstra indicators (100 per program) and a DRAFT PK for the last year
 * with no indicator yet: the subject of the PK Excel import benchmark.
 */
export function pkImportDataset(seed: number, rows: number, province: Dataset): PkImportDataset {
  const r = new Rng(seed).fork('pk-import');
  const regionId = province.regionId;
  const periodId = province.periodId as string;
  const year = province.years[province.years.length - 1];
  const [skpd] = skpdRows(r, regionId, 1);
  Object.assign(skpd, { code: '9.99.999', name: 'Dinas Bench Impor PK', shortName: 'BENCH-IMPOR' });
  const skpdId = skpd.id as string;
  const pkId = r.uuid();

  function* batches(): Iterable<Batch> {
    yield { entity: Skpd, rows: [skpd] };
    const node = (kind: string, code: string, parentId: string | null) => ({
      id: r.uuid(),
      regionId,
      periodId,
      skpdId,
      ownerKey: ownerKeyOf(skpdId),
      kind,
      parentId,
      supportsNodeId: null,
      code,
      name: `${kind} Impor ${code}`,
    });
    const t = node('TUJUAN', 'T1', null);
    const s = node('SASARAN', 'S1.1', t.id);
    const programs = Array.from({ length: Math.ceil(rows / 100) }, (_, i) => node('PROGRAM', `P1.1.${i + 1}`, s.id));
    yield { entity: PlanNode, rows: [t, s, ...programs] };
    for (let from = 0; from < rows; from += 1000) {
      const chunk = Array.from({ length: Math.min(1000, rows - from) }, (_, k) => {
        const i = from + k;
        return indicatorRow(r, {
          regionId,
          periodId,
          skpdId,
          nodeId: programs[Math.floor(i / 100)].id,
          code: `IMP.${pad(i + 1, 5)}`,
          shape: SHAPES[i % SHAPES.length],
          isIku: false,
        }).row;
      });
      yield { entity: Indicator, rows: chunk };
    }
    yield {
      entity: PerformanceAgreement,
      rows: [
        {
          id: pkId,
          regionId,
          skpdId,
          periodId,
          year,
          revision: 0,
          status: 'DRAFT',
          previousId: null,
          revisionReason: null,
          signerName: null,
          signerTitle: null,
          counterpartName: null,
          counterpartTitle: null,
          submittedAt: null,
          approvedAt: null,
          approvedBy: null,
          lockedAt: null,
          supersededAt: null,
        },
      ],
    };
  }
  return { skpdId, pkId, year, batches };
}

/** Target values the import benchmark types into the template for an indicator code "IMP.00042": annual and TW I..IV, consistent with its aggregation. */
export function importTargets(code: string): { annual: number; quarters: number[] } {
  const n = Number(code.replace(/\D/g, '')) || 1;
  if (SHAPES[(n - 1) % SHAPES.length].aggregation === 'CUMULATIVE_SUM') {
    const q = 10 + (n % 50);
    return { annual: q * 4, quarters: [q, q, q, q] };
  }
  const annual = 60 + (n % 30);
  return { annual, quarters: [annual - 1.5, annual - 1, annual - 0.5, annual] };
}
