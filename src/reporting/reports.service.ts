import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import { type DataSource, In } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { canSeeSkpd, regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { Fraction } from '../evaluation/domain/fraction';
import { EvaluationRecommendation } from '../evaluation/entities/evaluation-recommendation.entity';
import { Evaluation, type EvaluationStatus } from '../evaluation/entities/evaluation.entity';
import { loadAnswers, snapshotOf } from '../evaluation/evaluation-access';
import { snapshotsOf } from '../evaluation/rule-set-snapshot-store';
import { storedSheets } from '../evaluation/stage-scores';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { CapaianService } from '../performance/capaian.service';
import { Indicator } from '../planning/entities/indicator.entity';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PlanningPeriod } from '../planning/entities/planning-period.entity';
import {
  buildCapaianTable,
  capaianFileName,
  type CapaianReportInput,
  type CapaianTable,
  type IndicatorPlan,
} from './domain/capaian-table';
import { buildLkeSheet, type LkeSheet, lkeFileName } from './domain/lke-sheet';
import { buildRecap, type PreviousResult, recapFileName, type RecapSubject, slug } from './domain/recap';
import { regionHeadTitle, signatureOf } from './domain/signature';
import { buildTrend, trendFileName, type TrendResult, type TrendSubject } from './domain/trend';
import { evaluationResultOf } from '../evaluation/evaluation-result';
import { isFinalSkpdResult, RESULT_COLUMNS } from './evaluation-results';
import { type NationalRecapOptions, type NationalRecapResult, writeNationalRecap } from './national-recap';
import { writeRecapWorkbook } from './recap-workbook';
import { writeCapaianWorkbook } from './workbooks/capaian-workbook';
import { writeLkeWorkbook } from './workbooks/lke-workbook';
import { writeTrendWorkbook } from './workbooks/trend-workbook';

const STATUS_LABELS: Record<EvaluationStatus, string> = {
  SELF_ASSESSMENT: 'Penilaian Mandiri',
  EVALUATION: 'Evaluasi',
  QA_REVIEW: 'Penjaminan Kualitas',
  FINAL: 'Final',
};

/** What the region recap reads of an evaluation: its result and the rule set it was scored with. */
const RECAP_COLUMNS = [...RESULT_COLUMNS, 'ruleSetSnapshotId', 'ruleSetVersion', 'createdAt'] as const;

export interface ReportFile {
  fileName: string;
  content: Buffer;
}

/** Builds the Excel reports from FINAL evaluations (current revisions only) of the caller's region. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
    private readonly capaian: CapaianService,
  ) {}

  private async region(scope: TenantScope): Promise<Region> {
    const region = await this.db.getRepository(Region).findOne({ where: { id: regionOf(scope) } });
    if (!region) throw new NotFoundError('Region');
    return region;
  }

  /** An SKPD of the caller's region they may see (planners: their own); anything else is a 404. */
  private async skpd(scope: TenantScope, skpdId: string): Promise<Skpd> {
    const skpd = await this.db.getRepository(Skpd).findOne({ where: { id: skpdId, regionId: regionOf(scope) } });
    if (!skpd || !canSeeSkpd(scope, skpd.id)) throw new NotFoundError('SKPD');
    return skpd;
  }

  /** Current-revision evaluations of the caller's region for a year: the result columns and the rule set's. */
  private current(scope: TenantScope, year: number): Promise<Evaluation[]> {
    return scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope, { skpdColumn: 'skpdId' })
      .select(RECAP_COLUMNS.map((c) => `e.${c}`))
      .andWhere('e.year = :year', { year })
      .andWhere('e.supersededAt IS NULL')
      .getMany();
  }

  /** Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah: every SKPD with a FINAL evaluation for the year. */
  async regionRecap(scope: TenantScope, year: number): Promise<ReportFile> {
    // Independent reads together (one round trip's wait on MySQL instead of three).
    const [region, thisYear, lastYear] = await Promise.all([
      this.region(scope),
      this.current(scope, year),
      this.current(scope, year - 1),
    ]);
    const regionId = region.id;
    const finals = thisYear.filter(isFinalSkpdResult);
    if (finals.length === 0)
      throw new DomainError(
        'NO_FINAL_EVALUATIONS',
        'not_found',
        `No SKPD of this region has a FINAL evaluation for ${year}`,
      );

    const m = this.db.manager;
    // The final sheets as stored when their answers were saved: no answers read, nothing re-scored.
    const [skpds, sheets, ruleSets] = await Promise.all([
      this.db.getRepository(Skpd).find({ where: { regionId, id: In(finals.map((e) => e.skpdId)) } }),
      storedSheets(
        m,
        regionId,
        finals.map((e) => e.id),
        'final',
      ),
      snapshotsOf(m, finals),
    ]);
    const skpdById = new Map(skpds.map((s) => [s.id, s]));

    const subjects: RecapSubject[] = finals.map((ev) => {
      const ruleSet = ruleSets.get(ev.ruleSetSnapshotId)!;
      const sheet = sheets.get(ev.id);
      const skpd = skpdById.get(ev.skpdId);
      return {
        skpdId: ev.skpdId,
        code: skpd?.code ?? '',
        name: skpd?.name ?? '',
        components: ruleSet.components.map((c) => ({
          id: c.id,
          name: c.name,
          score: sheet?.components.get(c.id) ?? null,
        })),
        subComponents: ruleSet.components.flatMap((c) =>
          c.subComponents.map((sub) => ({
            id: sub.id,
            componentId: c.id,
            name: sub.name,
            weight: sub.weight,
            score: sheet?.subComponents.get(sub.id) ?? null,
          })),
        ),
        // The stored total and predicate, exactly what GET /evaluations returns.
        total: Fraction.parseRatio(ev.finalTotalExact),
        predicate: ev.finalPredicate,
      };
    });

    const previous = new Map<string, PreviousResult>();
    for (const e of lastYear.filter(isFinalSkpdResult))
      previous.set(e.skpdId, { total: Fraction.parseRatio(e.finalTotalExact), predicate: e.finalPredicate });

    const pemda = evaluationResultOf(thisYear.find((e) => e.kind === 'PEMDA'));
    const pemdaHistory = (
      await scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope)
        .select(RESULT_COLUMNS.map((c) => `e.${c}`))
        .andWhere("e.kind = 'PEMDA' AND e.supersededAt IS NULL AND e.year <= :year", { year })
        .orderBy('e.year', 'ASC')
        .getMany()
    ).flatMap((e) => {
      const result = evaluationResultOf(e);
      return result ? [{ year: e.year, result }] : [];
    });

    // Bands (and their Indonesian labels) from the latest-opened FINAL evaluation's rule-set snapshot.
    const latest = [...finals].sort(
      (a, b) => b.ruleSetVersion - a.ruleSetVersion || b.createdAt.getTime() - a.createdAt.getTime(),
    )[0];
    const report = buildRecap({
      year,
      bands: ruleSets.get(latest.ruleSetSnapshotId)!.bands,
      subjects,
      previous,
      pemda,
      pemdaHistory,
    });
    const now = new Date();
    const signature = signatureOf(region, region, regionHeadTitle(region), now);
    return {
      fileName: recapFileName(region.name, year),
      content: await writeRecapWorkbook(report, region.name, signature, now),
    };
  }

  /**
   * Lembar Kerja Evaluasi of an SKPD for a year (the current revision, any stage): every criterion with each stage's
   * answer, value and notes, subtotals, totals and predicates as GET /evaluations/:id/score gives them, and the
   * recommendations with their follow-up.
   */
  async lkeSheet(scope: TenantScope, skpdId: string, year: number): Promise<ReportFile> {
    const [region, skpd] = await Promise.all([this.region(scope), this.skpd(scope, skpdId)]);
    const ev = await scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope, { skpdColumn: 'skpdId' })
      .andWhere('e.skpdId = :skpdId AND e.year = :year AND e.supersededAt IS NULL', { skpdId: skpd.id, year })
      .getOne();
    if (!ev) throw new DomainError('NO_EVALUATION', 'not_found', `${skpd.name} has no LKE evaluation for ${year}`);
    const ruleSet = await snapshotOf(this.db.manager, ev);
    const sheet = await this.lkeSheetOf(scope, ev);
    const status = `${STATUS_LABELS[ev.status]} (revisi ${ev.revision})`;
    // Signed by the Inspektur: the head of the region's inspectorate.
    const inspectorate = await this.db
      .getRepository(Skpd)
      .findOne({ where: { regionId: region.id, kind: 'INSPEKTORAT', active: true }, order: { code: 'ASC' } });
    const content = await writeLkeWorkbook(sheet, {
      regionName: region.name,
      skpdName: skpd.name,
      year,
      status,
      ruleSetName: ruleSet.name,
      signature: signatureOf(region, inspectorate, 'Inspektur', new Date()),
    });
    return { fileName: lkeFileName(slug(skpd.name), year), content };
  }

  /** The worksheet lines, totals and recommendations of one evaluation the caller may see (LKE workbook, LHE). */
  async lkeSheetOf(scope: TenantScope, ev: Evaluation): Promise<LkeSheet> {
    const [score, answers, recommendations] = await Promise.all([
      this.evaluations.score(scope, ev.id),
      loadAnswers(this.db.manager, ev),
      this.db
        .getRepository(EvaluationRecommendation)
        .find({ where: { regionId: ev.regionId, evaluationId: ev.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return buildLkeSheet({
      ruleSet: await snapshotOf(this.db.manager, ev),
      answers,
      scores: score.stages,
      recommendations,
    });
  }

  /**
   * Performance achievement table (LKjIP chapter III) of an SKPD: the capaian API's figures for the year and the one
   * before, with the end-of-period Renstra targets. A Pemda-level table can reuse buildCapaianTable/writeCapaianWorkbook
   * with the Pemda capaian output (same indicator shape) once the performance module offers it.
   */
  async capaianTable(scope: TenantScope, skpdId: string, year: number): Promise<ReportFile> {
    const { region, skpd, table, periodEndYear } = await this.capaianTableOf(scope, skpdId, year);
    const content = await writeCapaianWorkbook(table, {
      regionName: region.name,
      subjectName: skpd.name,
      year,
      periodEndYear,
      signature: signatureOf(region, skpd, `Kepala ${skpd.name}`, new Date()),
    });
    return { fileName: capaianFileName(slug(skpd.name), year), content };
  }

  /** The capaian table's rows for an SKPD and year (the workbook above and the LKjIP draft). */
  async capaianTableOf(
    scope: TenantScope,
    skpdId: string,
    year: number,
  ): Promise<{ region: Region; skpd: Skpd; table: CapaianTable; periodEndYear: number | null }> {
    const [region, skpd] = await Promise.all([this.region(scope), this.skpd(scope, skpdId)]);
    const current = (await this.capaian.forSkpd(scope, { skpdId: skpd.id, year })) as CapaianReportInput;
    if (current.indicators.length === 0)
      throw new DomainError(
        'NO_CAPAIAN_DATA',
        'not_found',
        `${skpd.name} has no approved Perjanjian Kinerja with indicators for ${year}`,
      );
    const previous = (await this.capaian.forSkpd(scope, { skpdId: skpd.id, year: year - 1 })) as CapaianReportInput;

    const regionId = region.id;
    const indicators = await this.db
      .getRepository(Indicator)
      .find({ where: { regionId, id: In(current.indicators.map((i) => i.indicatorId)) } });
    const nodes = await this.db
      .getRepository(PlanNode)
      .find({ where: { regionId, id: In([...new Set(current.indicators.map((i) => i.sasaranId))]) } });
    const periodIds = [...new Set(indicators.map((i) => i.periodId))];
    const periods = await this.db.getRepository(PlanningPeriod).find({ where: { regionId, id: In(periodIds) } });
    const plans = new Map<string, IndicatorPlan>(
      indicators.map((i) => [
        i.id,
        {
          code: i.code,
          polarity: i.polarity,
          lowerIsBetterFormula: i.lowerIsBetterFormula,
          endTarget: i.endTarget ? i.endTarget.toFixed() : null,
        },
      ]),
    );
    const table = buildCapaianTable({
      current,
      previous: previous.indicators.length ? previous : null,
      sasaranNames: new Map(nodes.map((n) => [n.id, { code: n.code, name: n.name }])),
      plans,
      regionLowerIsBetterFormula: region.lowerIsBetterFormula,
    });
    const periodEndYear = periods.length === 1 ? periods[0].endYear : null;
    return { region, skpd, table, periodEndYear };
  }

  /** Multi-year trend of the Pemda's and every SKPD's FINAL total and predicate (current revisions), optionally within years. */
  async trend(scope: TenantScope, fromYear?: number, toYear?: number): Promise<ReportFile> {
    const region = await this.region(scope);
    const qb = scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope, { skpdColumn: 'skpdId' })
      .select(RESULT_COLUMNS.map((c) => `e.${c}`))
      .andWhere('e.supersededAt IS NULL');
    if (fromYear !== undefined) qb.andWhere('e.year >= :fromYear', { fromYear });
    if (toYear !== undefined) qb.andWhere('e.year <= :toYear', { toYear });
    const evs = await qb.getMany();
    const pemda: TrendSubject = { skpdId: null, code: region.code, name: region.name, results: [] };
    const bySkpd = new Map<string, TrendResult[]>();
    for (const e of evs) {
      if (e.kind === 'PEMDA') {
        const r = evaluationResultOf(e);
        if (r) (pemda.results as TrendResult[]).push({ year: e.year, ...r });
      } else if (isFinalSkpdResult(e))
        bySkpd.set(e.skpdId, [
          ...(bySkpd.get(e.skpdId) ?? []),
          { year: e.year, total: Fraction.parseRatio(e.finalTotalExact), predicate: e.finalPredicate },
        ]);
    }
    const skpds = bySkpd.size
      ? await this.db.getRepository(Skpd).find({ where: { regionId: region.id, id: In([...bySkpd.keys()]) } })
      : [];
    const trend = buildTrend(
      pemda,
      skpds.map((s) => ({ skpdId: s.id, code: s.code, name: s.name, results: bySkpd.get(s.id) ?? [] })),
    );
    if (trend.years.length === 0)
      throw new DomainError('NO_FINAL_EVALUATIONS', 'not_found', 'No FINAL evaluation result in the requested years');
    const content = await writeTrendWorkbook(trend, region.name);
    return { fileName: trendFileName(slug(region.name), trend.years[0], trend.years[trend.years.length - 1]), content };
  }

  /** National recap of a year (platform operators; not tenant data of one region): see writeNationalRecap. */
  nationalRecap(year: number, out: Writable | string, opts: NationalRecapOptions = {}): Promise<NationalRecapResult> {
    return writeNationalRecap(this.db, year, out, opts);
  }
}
