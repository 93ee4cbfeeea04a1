import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { roleHas } from '../auth/roles';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { SkpdService } from '../organization/skpd.service';
import { POLARITIES, QUARTER_AGGREGATIONS } from '../planning/domain/indicator-settings';
import {
  CreateIndicatorDto,
  type IndicatorResponseDto,
  PutAnnualTargetsDto,
  UpdateIndicatorDto,
} from '../planning/dto/indicator.dto';
import { CreatePlanNodeDto, type PlanNodeResponseDto, UpdatePlanNodeDto } from '../planning/dto/plan-node.dto';
import type { PlanNodeKind } from '../planning/entities/plan-node.entity';
import { IndicatorsService } from '../planning/indicators.service';
import { PeriodsService } from '../planning/periods.service';
import { PlanNodesService } from '../planning/plan-nodes.service';
import { toDecimal } from '../planning/planning-access';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { notFound, skpdOf, uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { yearOf } from './console-year';
import { decimalForInput, parseDecimalInput, textOrNull } from './domain/form-input';
import { labelOf, type LabelKind } from './console-labels';
import { buildTree, CHILD_KIND, KIND_LABELS, PARENT_KIND_OF } from './domain/plan-tree';

type Form = Record<string, string | undefined>;
const PAGE = { pageSize: 100 } as const;
/** `?skpd=pemda`: the Pemda's own tree (RPJMD tujuan and sasaran, skpdId null). */
const PEMDA_PARAM = 'pemda';
const PEMDA_OWNER = { id: PEMDA_PARAM, code: 'RPJMD', name: 'Pemerintah Daerah' } as const;

/**
 * The tree's owner from `?skpd=` or a form field: an SKPD id, or null for the Pemda (`pemda`, or the default of a user
 * without an SKPD: the region administrator).
 */
function ownerOf(scope: ConsoleRequest['scope'] & object, raw: unknown): string | null {
  if (raw === PEMDA_PARAM || ((raw === undefined || raw === '') && !scope.skpdId)) return null;
  return skpdOf(scope, raw);
}
const ownerParam = (skpdId: string | null): string => skpdId ?? PEMDA_PARAM;

/** Service checks whose field messages are English: the console shows the code's Indonesian sentence instead. */
const PLAIN_FIELD_CODES = new Set([
  'INVALID_PARENT',
  'INVALID_SUPPORT',
  'INVALID_NODE_KIND',
  'CODE_TAKEN',
  'NODE_INACTIVE',
  'PARENT_INACTIVE',
]);

/** A service error as field messages in Indonesian (CODE_TAKEN names the code field). */
function shownErrors(err: unknown): { summary: string; errors: FieldMessages } {
  const shown = serviceErrors(err);
  if (!shown) throw err;
  const code = err instanceof DomainError ? err.code : '';
  if (code === 'CODE_TAKEN') shown.errors.code = shown.summary;
  if (PLAIN_FIELD_CODES.has(code)) for (const key of Object.keys(shown.errors)) shown.errors[key] = shown.summary;
  return shown;
}

/**
 * The SKPD's performance tree (pohon kinerja): tujuan → sasaran → program → kegiatan with their indicators, each
 * sasaran with the Pemda sasaran it supports. PlanNodesService and IndicatorsService do the work, as behind
 * /planning/nodes and /planning/indicators.
 */
@ConsoleController('pohon-kinerja')
export class ConsoleTreeController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
    private readonly periods: PeriodsService,
    private readonly nodes: PlanNodesService,
    private readonly indicators: IndicatorsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @RequirePermission('planning.read')
  @Get()
  async tree(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const year = yearOf(req.query.tahun);
    const skpdId = ownerOf(scope, req.query.skpd);
    const [skpd, period] = await Promise.all([this.ownerInfo(req, skpdId), this.periodOf(req, year)]);
    const owner = skpdId ? { skpdId } : { level: 'PEMDA' as const };
    const [nodes, pemda, indicators] = period
      ? await Promise.all([
          allPages((page) => this.nodes.list(scope, { ...PAGE, page, periodId: period.id, ...owner, sort: 'code' })),
          this.pemdaSasaran(req, period.id),
          allPages((page) =>
            this.indicators.list(scope, { ...PAGE, page, periodId: period.id, ...owner, sort: 'code' }),
          ),
        ])
      : [[], [], []];
    this.views.render(req, res, 'pohon-kinerja', {
      title: `Pohon Kinerja ${skpd.name}`,
      year,
      skpd,
      period,
      isPemda: skpdId === null,
      roots: buildTree(nodes, indicators, pemda, { pemda: skpdId === null }),
      // The Pemda tree is written by the region administrator only (a planner may read it).
      mayWrite: roleHas(scope.role, 'planning.write') && (skpdId !== null || !scope.skpdId),
      notice: req.query.ok === '1' ? 'Perubahan disimpan.' : undefined,
    });
  }

  @RequirePermission('planning.write')
  @Get('simpul/baru')
  async newNode(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const scope = req.scope!;
    const parent = typeof req.query.induk === 'string' ? await this.nodes.get(scope, uuidOf(req.query.induk)) : null;
    const kind: PlanNodeKind = parent ? (CHILD_KIND[parent.kind] ?? notFoundKind()) : 'TUJUAN';
    if (parent?.skpdId === null && kind !== 'SASARAN') notFoundKind();
    const skpdId = parent ? ownerParam(parent.skpdId) : ownerParam(ownerOf(scope, req.query.skpd));
    const periodId = parent?.periodId ?? uuidOf(req.query.periode);
    await this.renderNode(req, res, { kind, skpdId, periodId, parentId: parent?.id ?? '' }, {});
  }

  @RequirePermission('planning.write')
  @Post('simpul')
  async createNode(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const values = nodeValues(form);
    const plain = {
      periodId: values.periodId,
      skpdId: ownerOf(req.scope!, values.skpdId),
      kind: values.kind,
      parentId: textOrNull(values.parentId),
      supportsNodeId: textOrNull(values.supportsNodeId),
      code: values.code.trim(),
      name: values.name.trim(),
    };
    const checked = await validateForm(CreatePlanNodeDto, plain);
    if (!checked.ok) return this.renderNode(req, res, values, checked.errors, 400);
    try {
      await this.nodes.create(req.scope!, checked.dto);
    } catch (err) {
      const shown = shownErrors(err);
      return this.renderNode(req, res, values, shown.errors, 422, shown.summary);
    }
    await this.backToTree(req, res, plain.skpdId, values.periodId);
  }

  @RequirePermission('planning.write')
  @Get('simpul/:id')
  async editNode(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const node = await this.nodes.get(req.scope!, id);
    await this.renderNode(req, res, nodeFormOf(node), {});
  }

  /** Edit and move: code, name, the parent one level up, and (sasaran) the Pemda sasaran it supports. */
  @RequirePermission('planning.write')
  @Post('simpul/:id')
  async updateNode(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const node = await this.nodes.get(req.scope!, id);
    const values = { ...nodeFormOf(node), ...nodeValues(form), kind: node.kind, skpdId: ownerParam(node.skpdId), id };
    const plain = {
      version: Number(form.version),
      code: values.code.trim(),
      name: values.name.trim(),
      ...(values.parentId ? { parentId: values.parentId } : {}),
      ...(node.kind === 'SASARAN' ? { supportsNodeId: textOrNull(values.supportsNodeId) } : {}),
    };
    const checked = await validateForm(UpdatePlanNodeDto, plain);
    if (!checked.ok) return this.renderNode(req, res, values, checked.errors, 400);
    try {
      await this.nodes.update(req.scope!, id, checked.dto);
    } catch (err) {
      const shown = shownErrors(err);
      return this.renderNode(req, res, values, shown.errors, 422, shown.summary);
    }
    await this.backToTree(req, res, node.skpdId, node.periodId);
  }

  /** Removes a node that has no child, indicator or supporting sasaran (the service refuses otherwise). */
  @RequirePermission('planning.write')
  @Post('simpul/:id/hapus')
  async removeNode(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string) {
    await this.changeNode(req, res, id, () => this.nodes.remove(req.scope!, id));
  }

  /** Deactivates (`aktif=0`) or reactivates (`aktif=1`) a node; the service refuses while active children remain. */
  @RequirePermission('planning.write')
  @Post('simpul/:id/aktif')
  async setNodeActive(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    await this.changeNode(req, res, id, (node) =>
      this.nodes.update(req.scope!, id, { version: node.version, active: form.aktif === '1' }),
    );
  }

  /** Runs a change of a node: back to the tree when done, or its page with the service's refusal (409). */
  private async changeNode(
    req: ConsoleRequest,
    res: Response,
    id: string,
    change: (node: Awaited<ReturnType<PlanNodesService['get']>>) => Promise<unknown>,
  ): Promise<void> {
    const node = await this.nodes.get(req.scope!, id);
    try {
      await change(node);
    } catch (err) {
      const shown = shownErrors(err);
      return this.renderNode(req, res, nodeFormOf(node), {}, 409, shown.summary);
    }
    await this.backToTree(req, res, node.skpdId, node.periodId);
  }

  /** Deactivates or reactivates an indicator; its PKs, realisations and reports stay as they are. */
  @RequirePermission('planning.write')
  @Post('indikator/:id/aktif')
  async setIndicatorActive(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const scope = req.scope!;
    const ind = await this.indicators.get(scope, id);
    const node = await this.nodes.get(scope, ind.nodeId);
    try {
      await this.indicators.update(scope, id, { version: ind.version, active: form.aktif === '1' });
    } catch (err) {
      const shown = shownErrors(err);
      const values = { ...indicatorValues(stringsOf(ind)), nodeId: node.id };
      return this.renderIndicator(req, res, node, ind, values, {}, 409, shown.summary);
    }
    await this.backToTree(req, res, node.skpdId, node.periodId);
  }

  @RequirePermission('planning.write')
  @Get('indikator/baru')
  async newIndicator(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const node = await this.nodes.get(req.scope!, uuidOf(req.query.simpul));
    await this.renderIndicator(req, res, node, null, { ...indicatorValues({}), nodeId: node.id }, {});
  }

  @RequirePermission('planning.write')
  @Get('indikator/:id')
  async editIndicator(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string) {
    const scope = req.scope!;
    const [ind, targets] = await Promise.all([this.indicators.get(scope, id), this.indicators.getTargets(scope, id)]);
    const node = await this.nodes.get(scope, ind.nodeId);
    const values: Form = {
      ...indicatorValues({}),
      ...stringsOf(ind),
      ...Object.fromEntries(targets.map((t) => [`target_${t.year}`, decimalForInput(t.target)])),
    };
    for (const key of ['rangeMin', 'rangeMax', 'baselineValue', 'endTarget'] as const)
      values[key] = decimalForInput(ind[key]);
    await this.renderIndicator(req, res, node, ind, values, {});
  }

  @RequirePermission('planning.write')
  @Post('indikator')
  async createIndicator(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const node = await this.nodes.get(req.scope!, uuidOf(form.nodeId));
    await this.saveIndicator(req, res, node, null, form);
  }

  @RequirePermission('planning.write')
  @Post('indikator/:id')
  async updateIndicator(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const ind = await this.indicators.get(req.scope!, id);
    const node = await this.nodes.get(req.scope!, ind.nodeId);
    await this.saveIndicator(req, res, node, ind, form);
  }

  /** Attributes and annual targets in one transaction: both saved, or neither. */
  private async saveIndicator(
    req: ConsoleRequest,
    res: Response,
    node: PlanNodeResponseDto,
    ind: IndicatorResponseDto | null,
    form: Form,
  ): Promise<void> {
    const scope = req.scope!;
    const values = { ...indicatorValues(form), nodeId: node.id };
    const period = await this.periods.get(scope, node.periodId);
    const attributes = {
      code: values.code.trim(),
      name: values.name.trim(),
      satuan: values.satuan.trim(),
      polarity: values.polarity,
      aggregation: values.aggregation,
      definition: textOrNull(values.definition),
      dataSource: textOrNull(values.dataSource),
      rangeMin: parseDecimalInput(values.rangeMin),
      rangeMax: parseDecimalInput(values.rangeMax),
      baselineValue: parseDecimalInput(values.baselineValue),
      baselineYear: textOrNull(values.baselineYear) ? Number(values.baselineYear) : null,
      endTarget: parseDecimalInput(values.endTarget),
      isIku: values.isIku === 'ya',
    };
    const targets = period.years
      .map((year) => ({ year, target: parseDecimalInput(form[`target_${year}`]) }))
      .filter((t) => t.target !== null);
    const [attrs, annual] = await Promise.all([
      ind
        ? validateForm(UpdateIndicatorDto, { ...attributes, version: Number(form.version) })
        : validateForm(CreateIndicatorDto, { ...attributes, nodeId: node.id }),
      validateForm(PutAnnualTargetsDto, { targets }),
    ]);
    const targetErrors = (errors: FieldMessages) => byYear(errors, targets);
    if (!attrs.ok || !annual.ok)
      return this.renderIndicator(req, res, node, ind, values, {
        ...(attrs.ok ? {} : attrs.errors),
        ...(annual.ok ? {} : targetErrors(annual.errors)),
      });
    try {
      await this.db.transaction(async (m) => {
        const row = ind
          ? await this.indicators.updateIn(m, scope, ind.id, attrs.dto as UpdateIndicatorDto)
          : await this.indicators.createIn(m, scope, attrs.dto as CreateIndicatorDto);
        if (targets.length)
          await this.indicators.upsertAnnualTargetsIn(
            m,
            scope,
            row,
            targets.map((t) => ({ year: t.year, target: toDecimal(t.target)! })),
          );
      });
    } catch (err) {
      const shown = shownErrors(err);
      const errors = { ...shown.errors, ...targetErrors(shown.errors) };
      return this.renderIndicator(req, res, node, ind, values, errors, 422, shown.summary);
    }
    await this.backToTree(req, res, node.skpdId, node.periodId);
  }

  private async renderNode(
    req: ConsoleRequest,
    res: Response,
    values: Form,
    errors: FieldMessages,
    status = 200,
    summary = status === 400 ? 'Periksa kembali isian yang ditandai.' : undefined,
  ): Promise<void> {
    const scope = req.scope!;
    const kind = values.kind as PlanNodeKind;
    const periodId = uuidOf(values.periodId);
    const skpdId = ownerOf(scope, values.skpdId);
    // The Pemda tree's forms are the region administrator's; a planner never reaches them.
    if (skpdId === null && scope.skpdId) throw notFound();
    const [skpd, period] = await Promise.all([this.ownerInfo(req, skpdId), this.periods.get(scope, periodId)]);
    const parentKind = PARENT_KIND_OF[kind];
    const owner = skpdId ? { skpdId } : { level: 'PEMDA' as const };
    const supportsPemda = kind === 'SASARAN' && skpdId !== null;
    const [parents, pemda] = await Promise.all([
      parentKind
        ? allPages((page) =>
            this.nodes.list(scope, { ...PAGE, page, periodId, ...owner, kind: parentKind, sort: 'code' }),
          )
        : Promise.resolve([]),
      supportsPemda ? this.pemdaSasaran(req, periodId) : Promise.resolve([]),
    ]);
    const option = (n: PlanNodeResponseDto, selected: string | undefined) => ({
      id: n.id,
      label: `${n.code} ${n.name}`,
      selected: n.id === selected,
    });
    this.views.render(
      req,
      res,
      'pohon-simpul',
      {
        title: `${values.id ? 'Ubah' : 'Tambah'} ${KIND_LABELS[kind].toLowerCase()}`,
        kindLabel: KIND_LABELS[kind],
        codeLabel: `Kode ${KIND_LABELS[kind].toLowerCase()}`,
        nameLabel: `Nama ${KIND_LABELS[kind].toLowerCase()}`,
        values,
        errors,
        summary,
        skpd,
        period,
        parentLabel: parentKind ? KIND_LABELS[parentKind] : null,
        parents: parents
          .filter((p) => p.id !== values.id && (p.active || p.id === values.parentId))
          .map((p) => option(p, values.parentId)),
        pemda: supportsPemda
          ? pemda.filter((p) => p.active || p.id === values.supportsNodeId).map((p) => option(p, values.supportsNodeId))
          : null,
        treeHref: `/konsol/pohon-kinerja?skpd=${ownerParam(skpdId)}&tahun=${period.startYear}`,
      },
      status,
    );
  }

  private async renderIndicator(
    req: ConsoleRequest,
    res: Response,
    node: PlanNodeResponseDto,
    ind: IndicatorResponseDto | null,
    values: Form,
    errors: FieldMessages,
    status = Object.keys(errors).length ? 400 : 200,
    summary = status === 400 ? 'Periksa kembali isian yang ditandai.' : undefined,
  ): Promise<void> {
    const period = await this.periods.get(req.scope!, node.periodId);
    const choices = (all: readonly string[], kind: LabelKind, current: string | undefined) =>
      all.map((value) => ({ value, label: labelOf(kind, value), selected: value === current }));
    this.views.render(
      req,
      res,
      'pohon-indikator',
      {
        title: ind ? `Ubah indikator ${ind.code}` : 'Tambah indikator',
        node: { ...node, kindLabel: KIND_LABELS[node.kind] },
        ind,
        values,
        errors,
        summary,
        polarities: choices(POLARITIES, 'polarity', values.polarity),
        aggregations: choices(QUARTER_AGGREGATIONS, 'aggregation', values.aggregation),
        years: period.years.map((year) => ({
          year,
          name: `target_${year}`,
          label: `Target ${year}`,
          value: values[`target_${year}`] ?? '',
          error: errors[`target_${year}`],
        })),
        treeHref: `/konsol/pohon-kinerja?skpd=${ownerParam(node.skpdId)}&tahun=${period.startYear}`,
      },
      status,
    );
  }

  /** The planning period covering the year (`?tahun=`), or null when the region has none. */
  private async periodOf(req: ConsoleRequest, year: number) {
    const all = await allPages((page) => this.periods.list(req.scope!, { ...PAGE, page }));
    return all.find((p) => p.startYear <= year && year <= p.endYear) ?? null;
  }

  private pemdaSasaran(req: ConsoleRequest, periodId: string) {
    return allPages((page) =>
      this.nodes.list(req.scope!, { ...PAGE, page, periodId, level: 'PEMDA', kind: 'SASARAN', sort: 'code' }),
    );
  }

  private async backToTree(req: ConsoleRequest, res: Response, skpdId: string | null, periodId: string) {
    const period = await this.periods.get(req.scope!, periodId);
    res.redirect(303, `/konsol/pohon-kinerja?skpd=${ownerParam(skpdId)}&tahun=${period.startYear}&ok=1`);
  }

  /** The SKPD the tree belongs to, or the Pemda's own heading. */
  private async ownerInfo(
    req: ConsoleRequest,
    skpdId: string | null,
  ): Promise<{ id: string; code: string; name: string }> {
    return skpdId ? this.skpd.get(req.scope!, skpdId) : PEMDA_OWNER;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (raw: unknown): string => {
  if (typeof raw !== 'string' || !UUID.test(raw)) throw notFound();
  return raw;
};
const notFoundKind = (): never => {
  throw new NotFoundError('Page');
};

/** A response's fields as form strings (null → ''). */
const stringsOf = (o: object): Form =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k,
      v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'ya' : '') : String(v),
    ]),
  );

/** A node as the values of its form; the owner as the `?skpd=` parameter (an SKPD id or `pemda`). */
const nodeFormOf = (node: PlanNodeResponseDto): Form => ({
  ...nodeValues({}),
  ...stringsOf(node),
  skpdId: ownerParam(node.skpdId),
});

const NODE_FIELDS = ['periodId', 'skpdId', 'kind', 'parentId', 'supportsNodeId', 'code', 'name', 'version'] as const;
const nodeValues = (form: Form): Record<(typeof NODE_FIELDS)[number], string> =>
  Object.fromEntries(NODE_FIELDS.map((f) => [f, form[f] ?? ''])) as Record<(typeof NODE_FIELDS)[number], string>;

const INDICATOR_FIELDS = [
  'nodeId',
  'code',
  'name',
  'satuan',
  'polarity',
  'aggregation',
  'definition',
  'dataSource',
  'rangeMin',
  'rangeMax',
  'baselineValue',
  'baselineYear',
  'endTarget',
  'isIku',
  'version',
] as const;
const indicatorValues = (form: Form): Record<(typeof INDICATOR_FIELDS)[number], string> & Form => ({
  ...form,
  ...(Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, form[f] ?? ''])) as Record<
    (typeof INDICATOR_FIELDS)[number],
    string
  >),
});

/** `targets.<i>.target` (DTO or service) → `target_<year>`, the field the user typed. */
function byYear(errors: FieldMessages, targets: { year: number }[]): FieldMessages {
  const out: FieldMessages = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^targets\.(\d+)/.exec(field);
    const year = m ? targets[Number(m[1])]?.year : undefined;
    if (year !== undefined) out[`target_${year}`] ??= message;
  }
  return out;
}
