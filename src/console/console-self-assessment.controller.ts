import { Body, Get, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { answerScaleFor } from '../evaluation/domain/rule-set';
import { SaveAnswersDto, VersionDto } from '../evaluation/dto/evaluation.dto';
import { EvaluationAnswersService } from '../evaluation/evaluation-answers.service';
import { writableStage } from '../evaluation/evaluation-workflow';
import { EvaluationsService } from '../evaluation/evaluations.service';
import { EvidenceService } from '../evidence/evidence.service';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { ConsoleUpload } from './console-upload';
import { byCriterion } from './console-lke.controller';
import { allPages } from './console-dashboards';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { textOrNull } from './domain/form-input';

type Form = Record<string, string | string[] | undefined>;
const PAGE = { pageSize: 100 } as const;

const STALE =
  'Evaluasi ini baru saja diubah, sehingga isian Anda belum disimpan. Yang tampil sekarang adalah data terbaru; periksa lalu simpan lagi.';

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

interface Typed {
  answer: string;
  note: string;
  evidenceIds: string[];
}

/**
 * The SKPD's LKE self-assessment (penilaian mandiri): an answer, a note and bukti dukung per criterion, evidence
 * picked from the SKPD's registry or uploaded to it, then submitted to the evaluators. EvaluationAnswersService
 * and EvidenceService do the work, as behind PUT /evaluations/:id/self-assessment, POST …/submit and POST /evidence.
 */
@ConsoleController('mandiri')
export class ConsoleSelfAssessmentController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly evaluations: EvaluationsService,
    private readonly answers: EvaluationAnswersService,
    private readonly evidence: EvidenceService,
  ) {}

  @RequirePermission('evaluation.self')
  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const items = await allPages((page) =>
      this.evaluations.list(req.scope!, { ...PAGE, page, kind: 'SKPD', sort: '-year' }),
    );
    this.views.render(req, res, 'mandiri-daftar', {
      title: 'Evaluasi mandiri LKE',
      items: items.map((e) => ({ ...e, statusLabel: labelOf('status', e.status) })),
    });
  }

  @RequirePermission('evaluation.self')
  @Get(':id')
  async sheet(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string): Promise<void> {
    const notice = {
      '1': 'Penilaian mandiri disimpan.',
      bukti: 'Bukti dukung diunggah.',
      ajukan: 'Penilaian mandiri diajukan.',
    }[String(req.query.ok)];
    await this.render(req, res, id, null, {}, undefined, notice);
  }

  @RequirePermission('evaluation.self')
  @Post(':id')
  async save(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const rows = await this.answers.list(req.scope!, id);
    const typed = new Map<string, Typed>(
      rows.map((r) => [
        r.criterionId,
        {
          answer: one(form[`answer_${r.criterionId}`]),
          note: one(form[`note_${r.criterionId}`]),
          evidenceIds: many(form[`bukti_${r.criterionId}`]),
        },
      ]),
    );
    const answers = rows.flatMap((r) => {
      const t = typed.get(r.criterionId)!;
      const answer = textOrNull(t.answer);
      const note = textOrNull(t.note);
      const evidence = !sameSet(t.evidenceIds, r.evidenceIds);
      if (answer === r.selfAnswer && note === r.selfNote && !evidence) return [];
      return [{ criterionId: r.criterionId, answer, note, ...(evidence ? { evidenceIds: t.evidenceIds } : {}) }];
    });
    const back = (errors: FieldMessages, summary: string, status: number) =>
      this.render(req, res, id, typed, errors, summary, undefined, status);
    if (!answers.length) return back({}, 'Tidak ada jawaban yang berubah.', 400);
    const checked = await validateForm(SaveAnswersDto, { version: Number(one(form.version)), answers });
    if (!checked.ok) return back(byCriterion(checked.errors, answers), 'Periksa kembali isian yang ditandai.', 400);
    try {
      await this.answers.save(req.scope!, id, checked.dto, 'self');
    } catch (err) {
      if (err instanceof DomainError && err.code === 'STALE_VERSION')
        return this.render(req, res, id, null, {}, STALE, undefined, 409);
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return back(byCriterion(shown.errors, answers), shown.summary, 422);
    }
    res.redirect(303, `/konsol/mandiri/${id}?ok=1`);
  }

  /** Uploads one file to the SKPD's evidence registry and, when a criterion is chosen, links it to that answer. */
  @RequirePermission('evaluation.self')
  @Post(':id/bukti')
  @ConsoleUpload(FileInterceptor('berkas'))
  async upload(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
    @UploadedFile() file: { originalname: string; buffer: Buffer; size: number } | undefined,
  ): Promise<void> {
    const scope = req.scope!;
    const ev = await this.evaluations.get(scope, id);
    const criterionId = one(form.kriteria);
    try {
      const uploaded = await this.evidence.upload(
        scope,
        file && file.size > 0 ? { buffer: file.buffer, originalname: file.originalname, size: file.size } : undefined,
        { skpdId: ev.skpdId ?? undefined },
      );
      if (criterionId) {
        const row = (await this.answers.list(scope, id)).find((r) => r.criterionId === criterionId);
        const dto = await validateForm(SaveAnswersDto, {
          version: ev.version,
          answers: [{ criterionId, evidenceIds: [...(row?.evidenceIds ?? []), uploaded.id] }],
        });
        if (dto.ok) await this.answers.save(scope, id, dto.dto, 'self');
      }
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(req, res, id, null, {}, shown.summary, undefined, 422);
    }
    res.redirect(303, `/konsol/mandiri/${id}?ok=bukti`);
  }

  /** Hands the self-assessment to the evaluators (SELF_ASSESSMENT → EVALUATION). */
  @RequirePermission('evaluation.self')
  @Post(':id/ajukan')
  async submit(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const checked = await validateForm(VersionDto, { version: Number(one(form.version)) });
    try {
      if (!checked.ok) throw new DomainError('STALE_VERSION', 'conflict', 'No version');
      await this.answers.submit(req.scope!, id, checked.dto);
    } catch (err) {
      const shown = serviceErrors(err);
      if (!shown) throw err;
      return this.render(req, res, id, null, {}, shown.summary, undefined, 422);
    }
    res.redirect(303, `/konsol/mandiri/${id}?ok=ajukan`);
  }

  private async render(
    req: ConsoleRequest,
    res: Response,
    id: string,
    typed: Map<string, Typed> | null,
    errors: FieldMessages,
    summary?: string,
    notice?: string,
    status = 200,
  ): Promise<void> {
    const scope = req.scope!;
    const [ev, rows, ruleSet] = await Promise.all([
      this.evaluations.get(scope, id),
      this.answers.list(scope, id),
      this.evaluations.ruleSet(scope, id),
    ]);
    const registry = ev.skpdId
      ? await allPages((page) => this.evidence.list(scope, { ...PAGE, page, skpdId: ev.skpdId! }))
      : [];
    const editable = writableStage(ev.status, ev.kind, { role: 'PLANNER', isQa: false }).ok;
    const byId = new Map(rows.map((r) => [r.criterionId, r]));
    const groups = ruleSet.components.flatMap((c) =>
      c.subComponents.map((sub) => ({
        id: sub.id,
        name: `${c.name} — ${sub.name}`,
        criteria: (ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
          ? [{ id: sub.id, text: sub.name, guidance: '', scale: answerScaleFor(ruleSet, sub) }]
          : sub.criteria.map((k) => ({ ...k, scale: answerScaleFor(ruleSet, sub, k) }))
        ).map((k) => {
          const row = byId.get(k.id);
          const t = typed?.get(k.id);
          const answer = t ? t.answer : (row?.selfAnswer ?? '');
          const chosen = t ? t.evidenceIds : (row?.evidenceIds ?? []);
          return {
            id: k.id,
            text: k.text,
            guidance: k.guidance,
            note: t ? t.note : (row?.selfNote ?? ''),
            options: k.scale.options.map((o) => ({ code: o.code, label: o.label, selected: o.code === answer })),
            evidence: registry.map((e) => ({ id: e.id, name: e.originalName, selected: chosen.includes(e.id) })),
            linked: chosen.map((eid, n) => ({ id: eid, n: n + 1 })),
            error: errors[k.id],
          };
        }),
      })),
    );
    this.views.render(
      req,
      res,
      'mandiri',
      {
        title: `Evaluasi mandiri LKE ${ev.year}`,
        ev,
        statusLabel: labelOf('status', ev.status),
        editable,
        groups,
        registryCount: registry.length,
        answered: rows.filter((r) => r.selfAnswer !== null).length,
        total: rows.length,
        summary,
        notice,
      },
      status,
    );
  }
}
