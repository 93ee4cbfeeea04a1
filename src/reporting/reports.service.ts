import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { regionOf, scoped, type TenantScope } from '../common/tenancy/tenant-scope';
import { Fraction } from '../evaluation/domain/fraction';
import { scoreEvaluation } from '../evaluation/domain/scoring';
import { EvaluationAnswer } from '../evaluation/entities/evaluation-answer.entity';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import { snapshotOf, stageAnswers } from '../evaluation/evaluation-access';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { buildRecap, type PemdaResult, type PreviousResult, recapFileName, type RecapSubject } from './domain/recap';
import { writeRecapWorkbook } from './recap-workbook';

export interface ReportFile {
  fileName: string;
  content: Buffer;
}

/** Builds the Excel reports from FINAL evaluations (current revisions only) of the caller's region. */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Current-revision evaluations of the caller's region for a year. */
  private current(scope: TenantScope, year: number): Promise<Evaluation[]> {
    return scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope, { skpdColumn: 'skpdId' })
      .andWhere('e.year = :year', { year })
      .andWhere('e.supersededAt IS NULL')
      .getMany();
  }

  /** Rekapitulasi Nilai dan Predikat SAKIP Perangkat Daerah: every SKPD with a FINAL evaluation for the year. */
  async regionRecap(scope: TenantScope, year: number): Promise<ReportFile> {
    const regionId = regionOf(scope);
    const region = await this.db.getRepository(Region).findOne({ where: { id: regionId } });
    if (!region) throw new NotFoundError('Region');
    const [thisYear, lastYear] = await Promise.all([this.current(scope, year), this.current(scope, year - 1)]);
    const finals = thisYear.filter((e) => e.kind === 'SKPD' && e.status === 'FINAL' && e.skpdId && e.finalTotalExact && e.finalPredicate);
    if (finals.length === 0)
      throw new DomainError('NO_FINAL_EVALUATIONS', 'not_found', `No SKPD of this region has a FINAL evaluation for ${year}`);

    const skpds = await this.db.getRepository(Skpd).find({ where: { regionId, id: In(finals.map((e) => e.skpdId as string)) } });
    const skpdById = new Map(skpds.map((s) => [s.id, s]));
    const answers = await this.db.getRepository(EvaluationAnswer).find({ where: { regionId, evaluationId: In(finals.map((e) => e.id)) } });
    const answersOf = new Map<string, EvaluationAnswer[]>();
    for (const a of answers) answersOf.set(a.evaluationId, [...(answersOf.get(a.evaluationId) ?? []), a]);

    const subjects: RecapSubject[] = finals.map((ev) => {
      const ruleSet = snapshotOf(ev);
      const score = scoreEvaluation(ruleSet, stageAnswers(answersOf.get(ev.id) ?? [], 'final'));
      const skpd = skpdById.get(ev.skpdId as string);
      return {
        skpdId: ev.skpdId as string,
        code: skpd?.code ?? '',
        name: skpd?.name ?? '',
        components: ruleSet.components.map((c) => ({ id: c.id, name: c.name, score: score.components.find((k) => k.id === c.id)?.exactScore ?? null })),
        subComponents: ruleSet.components.flatMap((c) =>
          c.subComponents.map((sub) => ({
            id: sub.id,
            componentId: c.id,
            name: sub.name,
            weight: sub.weight,
            score: score.subComponents.find((k) => k.id === sub.id)?.exactScore ?? null,
          })),
        ),
        // The stored total and predicate, exactly what GET /evaluations returns.
        total: Fraction.parseRatio(ev.finalTotalExact as string),
        predicate: ev.finalPredicate as string,
      };
    });

    const previous = new Map<string, PreviousResult>();
    for (const e of lastYear)
      if (e.kind === 'SKPD' && e.status === 'FINAL' && e.skpdId && e.finalTotalExact)
        previous.set(e.skpdId, { total: Fraction.parseRatio(e.finalTotalExact), predicate: e.finalPredicate });

    const pemdaEv = thisYear.find((e) => e.kind === 'PEMDA');
    let pemda: PemdaResult | null = null;
    if (pemdaEv?.officialTotalExact) pemda = { total: Fraction.parseRatio(pemdaEv.officialTotalExact), predicate: pemdaEv.officialPredicate, source: 'OFFICIAL' };
    else if (pemdaEv?.status === 'FINAL' && pemdaEv.finalTotalExact)
      pemda = { total: Fraction.parseRatio(pemdaEv.finalTotalExact), predicate: pemdaEv.finalPredicate, source: 'FINAL' };

    // Bands (and their Indonesian labels) from the latest-opened FINAL evaluation's rule-set snapshot.
    const latest = [...finals].sort((a, b) => b.ruleSetVersion - a.ruleSetVersion || b.createdAt.getTime() - a.createdAt.getTime())[0];
    const report = buildRecap({ year, bands: snapshotOf(latest).bands, subjects, previous, pemda });
    return { fileName: recapFileName(region.name, year), content: await writeRecapWorkbook(report, region.name) };
  }
}
