import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Exact } from '../common/decimal/exact';
import {
  ConflictError,
  type FieldError,
  InvalidStateError,
  NotFoundError,
  UnprocessableError,
} from '../common/errors/domain-error';
import { strongEtag } from '../common/http/etag';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { type Page, paginate } from '../common/http/pagination';
import { regionOf, scoped, scopeSql, type TenantScope } from '../common/tenancy/tenant-scope';
import { decimalTransformer } from '../common/typeorm/decimal.transformer';
import { updateWithVersion } from '../common/typeorm/versioned-update';
import { Skpd } from '../organization/entities/skpd.entity';
import { SkpdService } from '../organization/skpd.service';
import { Fraction } from './domain/fraction';
import { predicateFor } from './domain/predicate';
import type { RuleSet } from './domain/rule-set';
import {
  type EvaluationScoreJson,
  LKE_STAGES,
  type LkeStage,
  scoreEvaluation,
  serializeScore,
  storedEvaluationScore,
} from './domain/scoring';
import {
  DEFAULT_RULE_SET,
  EVALUATION_SORTS,
  type EvaluationQueryDto,
  type OfficialResultDto,
  type OpenEvaluationDto,
  type OpenYearDto,
  type OpenYearResponseDto,
  type ReopenDto,
  type UpdateScheduleDto,
} from './dto/evaluation.dto';
import { type EvaluationResponseDto, toEvaluationResponse } from './dto/evaluation-response.dto';
import { EvaluationAnswer } from './entities/evaluation-answer.entity';
import { EvaluationOfficialScore } from './entities/evaluation-official-score.entity';
import { EvaluationRecommendation } from './entities/evaluation-recommendation.entity';
import { Evaluation, PEMDA_SUBJECT } from './entities/evaluation.entity';
import { findEvaluation, loadAnswers, snapshotOf, superseded } from './evaluation-access';
import { snapshotIdFor } from './rule-set-snapshot-store';
import { stageAnswerSets, storedStages, storeStageScores } from './stage-scores';
import { regionInstant, regionTimeZone } from '../organization/region-time-zone';
import { evaluationReopened } from '../notifications/domain/messages';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { LKE_RULE_SETS, type RuleSetRegistry } from './lke-rule-sets';

export type TotalsPrefix = LkeStage | 'official';

/** Stores a stage's result on the evaluation: 4-dp DECIMAL, the exact fraction as text, and the predicate. */
export function applyTotals(
  ev: Evaluation,
  prefix: TotalsPrefix,
  total: Fraction | null,
  predicate: string | null,
): void {
  ev[`${prefix}Total`] = total ? new Exact(total.toFixedHalfUp(4)) : null;
  ev[`${prefix}TotalExact`] = total ? total.toString() : null;
  ev[`${prefix}Predicate`] = total ? predicate : null;
}

/** SQL of the evaluation list's sort keys that are not columns of `evaluations` (see EVALUATION_SORTS). */
const skpdColumn = (column: string) => `(SELECT s.${column} FROM skpd s WHERE s.id = e.skpdId)`;
const EVALUATION_SORT_EXPRESSIONS = {
  skpdCode: skpdColumn('code'),
  name: skpdColumn('name'),
  total: 'CAST(COALESCE(e.finalTotal, e.evaluatorTotal) AS DECIMAL(9,4))',
};

export interface EvaluationScoreResponse {
  evaluationId: string;
  revision: number;
  status: string;
  ruleSet: { code: string; version: number };
  /** Criterion → sub-component → component → total → predicate, for each answer set. Before FINAL, `final` previews QA-else-evaluator answers. */
  stages: Record<LkeStage, EvaluationScoreJson>;
  official: {
    components: { componentId: string; score: string }[];
    total: string | null;
    totalExact: string | null;
    predicate: string | null;
  } | null;
}

/** A stage deadline as typed, resolved in the region's zone (a date alone closes at the end of that local day). */
const dateOrNull = (v: string | null | undefined, zone: string): Date | null => (v ? regionInstant(v, zone) : null);

/**
 * What the score breakdown reads of the evaluation row (small columns only), with `version` and `updatedAt`, which
 * change on every write to the row and so key the cached breakdown of a FINAL evaluation.
 */
const SCORE_COLUMNS = [
  'id',
  'regionId',
  'skpdId',
  'kind',
  'status',
  'revision',
  'ruleSetCode',
  'ruleSetVersion',
  'ruleSetSnapshotId',
  'officialTotal',
  'officialTotalExact',
  'officialPredicate',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof Evaluation)[];
const SCORE_SQL = `SELECT ${SCORE_COLUMNS.join(', ')} FROM evaluations`;

/** The evaluation row as the score breakdown reads it; `updatedAt` as the driver returns it (only compared). */
type ScoreRow = Pick<Evaluation, Exclude<(typeof SCORE_COLUMNS)[number], 'updatedAt'>> & { updatedAt: unknown };

/** A raw row of SCORE_SQL in entity types (the DECIMAL through the entity's transformer, numbers as numbers). */
const toScoreRow = (raw: Record<string, unknown>): ScoreRow =>
  ({
    ...raw,
    revision: Number(raw.revision),
    ruleSetVersion: Number(raw.ruleSetVersion),
    version: Number(raw.version),
    officialTotal: decimalTransformer.from(raw.officialTotal as string | number | null),
  }) as ScoreRow;

/** FINAL evaluations whose breakdown is kept in memory (about 35 KB each, twice: object and JSON bytes). */
const FINAL_CACHE_SIZE = 500;

/** A FINAL evaluation's breakdown as built for one version of its row, with its JSON bytes and their strong ETag. */
interface FinalScore {
  key: string;
  response: EvaluationScoreResponse;
  json: Buffer;
  etag: string;
}

/** The score breakdown as the HTTP route sends it; `etag` is null when Express should derive one from the body. */
export interface ScoreJson {
  json: Buffer;
  etag: string | null;
}

const finalKey = (ev: ScoreRow): string => `${ev.version}@${String(ev.updatedAt)}`;

@Injectable()
export class EvaluationsService {
  private readonly finalScores = new Map<string, FinalScore>();
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LKE_RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    private readonly skpd: SkpdService,
    private readonly audit: AuditService,
    private readonly notices: NotificationOutbox,
  ) {}

  private pickRuleSet(code: string, version: number | undefined): RuleSet {
    const found =
      version === undefined
        ? this.ruleSets
            .list()
            .filter((r) => r.code === code)
            .pop()
        : this.ruleSets.find(code, version);
    if (!found)
      throw new UnprocessableError('UNKNOWN_RULE_SET', `No LKE rule set ${code}${version ? ` v${version}` : ''}`, [
        {
          field: version ? 'ruleSetVersion' : 'ruleSetCode',
          messages: [
            `unknown rule set; known: ${this.ruleSets
              .list()
              .map((r) => `${r.code} v${r.version}`)
              .join(', ')}`,
          ],
        },
      ]);
    return found;
  }

  async open(scope: TenantScope, dto: OpenEvaluationDto): Promise<EvaluationResponseDto> {
    const regionId = regionOf(scope);
    if (Boolean(dto.skpdId) === Boolean(dto.pemda))
      throw new UnprocessableError(
        'INVALID_SUBJECT',
        'Give either skpdId (an SKPD evaluation) or pemda: true (the Pemda evaluation)',
        [{ field: 'skpdId', messages: ['exactly one of skpdId and pemda: true is required'] }],
      );
    const skpd = dto.skpdId ? await this.skpd.findVisible(scope, dto.skpdId) : null;
    const ruleSet = this.pickRuleSet(dto.ruleSetCode ?? DEFAULT_RULE_SET, dto.ruleSetVersion);
    try {
      return await this.db.transaction(async (m) => {
        if (await m.exists(Evaluation, { where: { regionId, subjectKey: skpd?.id ?? PEMDA_SUBJECT, year: dto.year } }))
          throw new ConflictError(
            'EVALUATION_EXISTS',
            `An evaluation of this ${skpd ? 'SKPD' : 'Pemda'} for ${dto.year} already exists`,
          );
        return this.openIn(m, scope, regionId, skpd, ruleSet, dto, await regionTimeZone(m, regionId));
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError('EVALUATION_EXISTS', `An evaluation of this subject for ${dto.year} already exists`);
      throw err;
    }
  }

  /**
   * Opens the year's LKE of every active SKPD that has none yet and of the Pemda (when it has none), all with the same
   * rule set and stage schedule, in one transaction: all of them or none. Subjects already open are left as they are.
   */
  async openYear(scope: TenantScope, dto: OpenYearDto): Promise<OpenYearResponseDto> {
    const regionId = regionOf(scope);
    const ruleSet = this.pickRuleSet(dto.ruleSetCode ?? DEFAULT_RULE_SET, dto.ruleSetVersion);
    try {
      return await this.db.transaction(async (m) => {
        const zone = await regionTimeZone(m, regionId);
        const skpds = await m.find(Skpd, { where: { regionId, active: true }, order: { code: 'ASC', id: 'ASC' } });
        const open = new Set(
          (
            await m.find(Evaluation, { select: { id: true, subjectKey: true }, where: { regionId, year: dto.year } })
          ).map((e) => e.subjectKey),
        );
        const opened: EvaluationResponseDto[] = [];
        for (const skpd of [null, ...skpds])
          if (!open.has(skpd?.id ?? PEMDA_SUBJECT))
            opened.push(await this.openIn(m, scope, regionId, skpd, ruleSet, dto, zone));
        return { year: dto.year, opened, alreadyOpen: open.size };
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError(
          'EVALUATION_EXISTS',
          `Some evaluations for ${dto.year} were opened meanwhile; try again`,
        );
      throw err;
    }
  }

  /** Writes a new evaluation (revision 1, self-assessment) of the SKPD or the Pemda with its audit entry. */
  private async openIn(
    m: EntityManager,
    scope: TenantScope,
    regionId: string,
    skpd: Skpd | null,
    ruleSet: RuleSet,
    dto: Pick<OpenEvaluationDto, 'year' | 'selfDeadline' | 'evaluationDeadline' | 'qaDeadline'>,
    zone: string,
  ): Promise<EvaluationResponseDto> {
    const ev = m.create(Evaluation, {
      regionId,
      skpdId: skpd?.id ?? null,
      subjectKey: skpd?.id ?? PEMDA_SUBJECT,
      year: dto.year,
      kind: skpd ? 'SKPD' : 'PEMDA',
      ruleSetCode: ruleSet.code,
      ruleSetVersion: ruleSet.version,
      ruleSetSnapshotId: await snapshotIdFor(m, ruleSet),
      status: 'SELF_ASSESSMENT',
      revision: 1,
      previousId: null,
      supersededAt: null,
      reopenReason: null,
      selfDeadline: dateOrNull(dto.selfDeadline, zone),
      evaluationDeadline: dateOrNull(dto.evaluationDeadline, zone),
      qaDeadline: dateOrNull(dto.qaDeadline, zone),
      finalizedAt: null,
      finalizedBy: null,
      createdBy: scope.userId,
    });
    for (const p of [...LKE_STAGES, 'official'] as const) applyTotals(ev, p, null, null);
    await m.save(ev);
    await storeStageScores(m, ev, ruleSet, []);
    const carried = await this.carryRecommendations(m, scope, ev);
    await this.audit.record(m, scope, {
      action: 'OPEN',
      entity: 'Evaluation',
      entityId: ev.id,
      regionId,
      after: {
        skpdId: ev.skpdId,
        year: ev.year,
        kind: ev.kind,
        ruleSet: `${ev.ruleSetCode} v${ev.ruleSetVersion}`,
        carriedRecommendations: carried,
      },
    });
    return toEvaluationResponse(ev, skpd?.name ?? null);
  }

  /** Copies the unfinished recommendations of the subject's latest earlier-year evaluation (current revision). */
  private async carryRecommendations(m: EntityManager, scope: TenantScope, ev: Evaluation): Promise<number> {
    const previous = await m.findOne(Evaluation, {
      where: { regionId: ev.regionId, subjectKey: ev.subjectKey, year: LessThan(ev.year), supersededAt: IsNull() },
      order: { year: 'DESC' },
    });
    if (!previous) return 0;
    const open = await m.find(EvaluationRecommendation, {
      where: { evaluationId: previous.id, regionId: ev.regionId, status: In(['OPEN', 'IN_PROGRESS']) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const r of open)
      await m.save(
        m.create(EvaluationRecommendation, {
          ...copyOf(r),
          evaluationId: ev.id,
          carriedFromId: r.id,
          createdBy: scope.userId,
        }),
      );
    return open.length;
  }

  async list(scope: TenantScope, query: EvaluationQueryDto): Promise<Page<EvaluationResponseDto>> {
    const qb = scoped(this.db.getRepository(Evaluation).createQueryBuilder('e'), scope, { skpdColumn: 'skpdId' });
    if (query.year) qb.andWhere('e.year = :year', { year: query.year });
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.includeSuperseded !== 'true') qb.andWhere('e.supersededAt IS NULL');
    const page = await paginate(qb, query, EVALUATION_SORTS, undefined, {
      expressions: EVALUATION_SORT_EXPRESSIONS,
      thenBy: ['year', 'revision'],
    });
    const names = await this.skpdNames(page.items.map((e) => e.skpdId));
    return {
      ...page,
      items: page.items.map((e) => toEvaluationResponse(e, e.skpdId ? (names.get(e.skpdId) ?? null) : null)),
    };
  }

  private async skpdNames(ids: (string | null)[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await m.find(Skpd, { where: { id: In(wanted) } });
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  async get(scope: TenantScope, id: string): Promise<EvaluationResponseDto> {
    const ev = await findEvaluation(this.db.manager, scope, id);
    return toEvaluationResponse(ev, (await this.skpdNames([ev.skpdId])).get(ev.skpdId ?? '') ?? null);
  }

  /** Every revision of the same SKPD (or Pemda) and year, oldest first. */
  async versions(scope: TenantScope, id: string): Promise<EvaluationResponseDto[]> {
    const ev = await findEvaluation(this.db.manager, scope, id);
    const rows = await this.db.getRepository(Evaluation).find({
      where: { regionId: ev.regionId, subjectKey: ev.subjectKey, year: ev.year },
      order: { revision: 'ASC' },
    });
    const names = await this.skpdNames([ev.skpdId]);
    return rows.map((r) => toEvaluationResponse(r, r.skpdId ? (names.get(r.skpdId) ?? null) : null));
  }

  /** The rule set frozen into the evaluation. */
  async ruleSet(scope: TenantScope, id: string): Promise<RuleSet> {
    return snapshotOf(this.db.manager, await findEvaluation(this.db.manager, scope, id));
  }

  async score(scope: TenantScope, id: string): Promise<EvaluationScoreResponse> {
    const ev = await this.scoreRow(scope, id);
    return this.cachedFinal(ev)?.response ?? (await this.buildScore(ev));
  }

  /**
   * The breakdown as the JSON bytes the route sends. A FINAL evaluation's are serialized once per version of its row
   * and carry a strong ETag (a client's If-None-Match then gets 304); other evaluations are built per request.
   */
  async scoreJson(scope: TenantScope, id: string): Promise<ScoreJson> {
    const ev = await this.scoreRow(scope, id);
    const hit = this.cachedFinal(ev);
    if (hit) return hit;
    const response = await this.buildScore(ev);
    return this.cachedFinal(ev) ?? { json: Buffer.from(JSON.stringify(response)), etag: null };
  }

  /**
   * One narrow read by primary key within the caller's tenant (another region's or, for a planner, another SKPD's
   * evaluation is a 404), on every request: a cached breakdown is used only while this row's version is unchanged.
   */
  private async scoreRow(scope: TenantScope, id: string): Promise<ScoreRow> {
    const tenant = scopeSql(scope, { skpdColumn: 'skpdId' });
    const [raw] = (await this.db.query(`${SCORE_SQL} WHERE id = ? AND ${tenant.sql}`, [id, ...tenant.params])) as
      | Record<string, unknown>[]
      | [];
    if (!raw) throw new NotFoundError('Evaluation');
    return toScoreRow(raw);
  }

  private cachedFinal(ev: ScoreRow): FinalScore | undefined {
    if (ev.status !== 'FINAL') return undefined;
    const hit = this.finalScores.get(ev.id);
    return hit?.key === finalKey(ev) ? hit : undefined;
  }

  /** Builds the breakdown from stored rows; a FINAL evaluation's is kept (with its JSON) for this version of its row. */
  private async buildScore(ev: ScoreRow): Promise<EvaluationScoreResponse> {
    const m = this.db.manager;
    const stages = await this.scoreStagesOf(m, ev);
    let official: EvaluationScoreResponse['official'] = null;
    if (ev.kind === 'PEMDA') {
      const comps = await m.find(EvaluationOfficialScore, {
        where: { evaluationId: ev.id, regionId: ev.regionId },
        order: { componentId: 'ASC' },
      });
      official = {
        components: comps.map((c) => ({ componentId: c.componentId, score: c.score.toFixed(4) })),
        total: ev.officialTotal?.toFixed(4) ?? null,
        totalExact: ev.officialTotalExact,
        predicate: ev.officialPredicate,
      };
    }
    const response: EvaluationScoreResponse = {
      evaluationId: ev.id,
      revision: ev.revision,
      status: ev.status,
      ruleSet: { code: ev.ruleSetCode, version: ev.ruleSetVersion },
      stages,
      official,
    };
    if (ev.status === 'FINAL') {
      const json = Buffer.from(JSON.stringify(response));
      this.finalScores.delete(ev.id);
      if (this.finalScores.size >= FINAL_CACHE_SIZE) this.finalScores.delete(this.finalScores.keys().next().value!);
      this.finalScores.set(ev.id, { key: finalKey(ev), response, json, etag: strongEtag(json) });
    }
    return response;
  }

  /**
   * Every stage's breakdown as stored when its answers were saved (evaluation_stage_scores: sub-component, component
   * and total scores, predicate), with the criterion lines read from the answers (only the answer columns); nothing
   * is re-scored. A stage without stored rows (none are expected) is scored by the engine instead.
   */
  private async scoreStagesOf(m: EntityManager, ev: ScoreRow): Promise<Record<LkeStage, EvaluationScoreJson>> {
    const [ruleSet, stored, rows] = await Promise.all([
      snapshotOf(m, ev),
      storedStages(m, ev),
      m.find(EvaluationAnswer, {
        select: { criterionId: true, selfAnswer: true, evaluatorAnswer: true, qaAnswer: true, finalAnswer: true },
        where: { evaluationId: ev.id, regionId: ev.regionId },
      }),
    ]);
    const answers = stageAnswerSets(ev.status, rows);
    return Object.fromEntries(
      LKE_STAGES.map((s) => {
        const result = stored[s];
        const score = result
          ? storedEvaluationScore(ruleSet, answers[s], result)
          : scoreEvaluation(ruleSet, answers[s]);
        return [s, serializeScore(score)];
      }),
    ) as Record<LkeStage, EvaluationScoreJson>;
  }

  /** Stage windows; an admin override, audited. */
  async updateSchedule(scope: TenantScope, id: string, dto: UpdateScheduleDto): Promise<EvaluationResponseDto> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, id, { lock: true });
      superseded(ev);
      const before = toEvaluationResponse(ev);
      const zone = await regionTimeZone(m, ev.regionId);
      const changes: Partial<Evaluation> = {};
      for (const k of ['selfDeadline', 'evaluationDeadline', 'qaDeadline'] as const)
        if (dto[k] !== undefined) changes[k] = dateOrNull(dto[k], zone);
      const saved = await updateWithVersion(m, Evaluation, ev, dto.version, changes, 'Evaluation');
      const after = toEvaluationResponse(saved);
      await this.audit.record(m, scope, {
        action: 'SCHEDULE',
        entity: 'Evaluation',
        entityId: ev.id,
        regionId: ev.regionId,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Reopens a FINAL evaluation as a new revision (status EVALUATION) with the self and evaluator answers and the
   * recommendations copied; the QA stage starts empty, so the re-evaluation counts (the old QA answers stay readable
   * on the old revision). The old revision is marked superseded. Evaluation and QA deadlines are cleared.
   */
  async reopen(scope: TenantScope, id: string, dto: ReopenDto): Promise<EvaluationResponseDto> {
    return this.db.transaction(async (m) => {
      const old = await findEvaluation(m, scope, id, { lock: true });
      superseded(old);
      if (old.status !== 'FINAL') throw new InvalidStateError('NOT_FINAL', 'Only a FINAL evaluation can be reopened');
      await updateWithVersion(m, Evaluation, old, dto.version, { supersededAt: new Date() }, 'Evaluation');
      const next = m.create(Evaluation, {
        ...copyOf(old),
        status: 'EVALUATION',
        revision: old.revision + 1,
        previousId: old.id,
        supersededAt: null,
        reopenReason: dto.reason,
        evaluationDeadline: null,
        qaDeadline: null,
        finalizedAt: null,
        finalizedBy: null,
        createdBy: scope.userId,
      });
      for (const stage of ['qa', 'final'] as const) applyTotals(next, stage, null, null);
      await m.save(next);
      const copied: EvaluationAnswer[] = [];
      for (const a of await loadAnswers(m, old))
        copied.push(
          await m.save(
            m.create(EvaluationAnswer, {
              ...copyOf(a),
              evaluationId: next.id,
              qaAnswer: null,
              qaNote: null,
              finalAnswer: null,
            }),
          ),
        );
      await storeStageScores(m, next, await snapshotOf(m, next), copied);
      for (const s of await m.find(EvaluationOfficialScore, {
        where: { evaluationId: old.id, regionId: old.regionId },
      }))
        await m.save(m.create(EvaluationOfficialScore, { ...copyOf(s), evaluationId: next.id }));
      const recs = await m.find(EvaluationRecommendation, {
        where: { evaluationId: old.id, regionId: old.regionId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      for (const r of recs)
        await m.save(m.create(EvaluationRecommendation, { ...copyOf(r), evaluationId: next.id, carriedFromId: r.id }));
      const audit = { entity: 'Evaluation', regionId: old.regionId, reason: dto.reason };
      await this.audit.record(m, scope, {
        ...audit,
        action: 'SUPERSEDE',
        entityId: old.id,
        before: { supersededAt: null },
        after: { supersededAt: old.supersededAt, by: next.id },
      });
      await this.audit.record(m, scope, {
        ...audit,
        action: 'REOPEN',
        entityId: next.id,
        after: { previousId: old.id, revision: next.revision, status: next.status },
      });
      await this.notices.notifyRole(
        m,
        { regionId: next.regionId, role: 'EVALUATOR', qa: false },
        {
          ...evaluationReopened({ year: next.year, reason: dto.reason }),
          category: 'EVALUATION',
          subjectType: 'EVALUATION',
          subjectId: next.id,
          link: `/konsol/lke/${next.id}`,
        },
      );
      return toEvaluationResponse(next, (await this.skpdNames([next.skpdId], m)).get(next.skpdId ?? '') ?? null);
    });
  }

  /**
   * Pemda evaluations: records the official KemenPAN-RB result per component. The total is their exact sum and the
   * predicate comes from the snapshot's bands, as for a scored worksheet.
   */
  async recordOfficial(scope: TenantScope, id: string, dto: OfficialResultDto): Promise<EvaluationResponseDto> {
    return this.db.transaction(async (m) => {
      const ev = await findEvaluation(m, scope, id, { lock: true });
      superseded(ev);
      if (ev.kind !== 'PEMDA')
        throw new UnprocessableError('NOT_PEMDA', 'Official component results are recorded for Pemda evaluations only');
      const ruleSet = await snapshotOf(m, ev);
      const errors: FieldError[] = [];
      const given = new Map<string, Fraction>();
      dto.components.forEach((c, i) => {
        const comp = ruleSet.components.find((k) => k.id === c.componentId);
        if (!comp)
          errors.push({ field: `components.${i}.componentId`, messages: [`unknown component "${c.componentId}"`] });
        else if (given.has(c.componentId))
          errors.push({ field: `components.${i}.componentId`, messages: [`component "${c.componentId}" given twice`] });
        else {
          const score = Fraction.parse(c.score);
          if (score.cmp(Fraction.parse(comp.weight)) > 0)
            errors.push({
              field: `components.${i}.score`,
              messages: [`${c.score} exceeds the component weight ${comp.weight}`],
            });
          given.set(c.componentId, score);
        }
      });
      for (const comp of ruleSet.components)
        if (!given.has(comp.id) && !errors.length)
          errors.push({ field: 'components', messages: [`component "${comp.id}" is missing`] });
      if (errors.length)
        throw new UnprocessableError('INVALID_OFFICIAL_RESULT', 'Invalid official component scores', errors);
      const before = toEvaluationResponse(ev).official;
      await m.delete(EvaluationOfficialScore, { evaluationId: ev.id, regionId: ev.regionId });
      for (const [componentId, score] of given)
        await m.save(
          m.create(EvaluationOfficialScore, {
            regionId: ev.regionId,
            evaluationId: ev.id,
            componentId,
            score: new Exact(score.toDecimal().toFixed()),
          }),
        );
      const total = Fraction.sum([...given.values()]);
      const changes: Partial<Evaluation> = {};
      applyTotals(changes as Evaluation, 'official', total, predicateFor(total, ruleSet.bands));
      const saved = await updateWithVersion(m, Evaluation, ev, dto.version, changes, 'Evaluation');
      const after = toEvaluationResponse(saved);
      await this.audit.record(m, scope, {
        action: 'OFFICIAL_RESULT',
        entity: 'Evaluation',
        entityId: ev.id,
        regionId: ev.regionId,
        before,
        after: after.official,
      });
      return after;
    });
  }
}

/** A row's columns without its identity and bookkeeping, for copies into a new revision or year. */
function copyOf<T extends { id: string; version: number; createdAt: Date; updatedAt: Date }>(
  row: T,
): Omit<T, 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}
