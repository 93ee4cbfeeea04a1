import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../common/auth/decorators';
import { CreateSkpdDto, type SkpdResponseDto, UpdateSkpdDto } from '../organization/dto/skpd.dto';
import { SKPD_KINDS } from '../organization/entities/skpd.entity';
import { SkpdService } from '../organization/skpd.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { labelOf } from './console-labels';
import { ConsoleController } from './console-controller.decorator';
import { apiQuery, listModel, type ListSpec, readList } from './console-list';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { textOrNull } from './domain/form-input';

const LIST: ListSpec = {
  path: '/konsol/admin/skpd',
  columns: [
    { key: 'kode', label: 'Kode', sort: 'code' },
    { key: 'nama', label: 'Nama', sort: 'name' },
    { key: 'singkatan', label: 'Singkatan', sort: 'shortName' },
    { key: 'jenis', label: 'Jenis', sort: 'kind' },
    { key: 'aktif', label: 'Aktif' },
    { key: 'tautan', label: 'Tautan' },
  ],
  defaultSort: 'kode',
  searchHint: 'Kode, nama atau singkatan.',
};

const kindOptions = (selected: string | undefined) =>
  SKPD_KINDS.map((k) => ({ code: k, label: labelOf('skpdKind', k), selected: k === selected }));

/** SKPD: list (search, sort, pages), create and edit, through SkpdService as behind /skpd. */
@ConsoleController('admin/skpd')
export class ConsoleAdminSkpdController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly skpd: SkpdService,
  ) {}

  @RequirePermission('skpd.manage')
  @Get()
  listPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderList(req, res, null, 200);
  }

  @RequirePermission('skpd.manage')
  @Post()
  create(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const plain = {
      code: textOrNull(form.code) ?? '',
      name: textOrNull(form.name) ?? '',
      shortName: textOrNull(form.shortName) ?? '',
      kind: form.kind ?? '',
    };
    return submitForm(
      res,
      {
        form: 'skpd',
        values: form,
        dto: CreateSkpdDto,
        plain,
        page: (s, st) => this.renderList(req, res, s, st),
        done: `${LIST.path}?ok=1`,
      },
      (dto) => this.skpd.create(req.scope!, dto),
    );
  }

  private async renderList(req: ConsoleRequest, res: Response, state: FormState | null, status: number) {
    const list = readList(LIST, req.query);
    const page = await this.skpd.list(req.scope!, apiQuery(LIST, list));
    this.views.render(
      req,
      res,
      'admin-skpd',
      {
        title: 'SKPD',
        items: page.items.map((s) => ({ ...s, kindLabel: labelOf('skpdKind', s.kind) })),
        list: listModel(LIST, list, page.total),
        kinds: kindOptions(state?.values.kind),
        ...formModel(req, state),
      },
      status,
    );
  }

  @RequirePermission('skpd.manage')
  @Get(':id')
  async editPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string) {
    return this.renderEdit(req, res, await this.skpd.get(req.scope!, id), null, 200);
  }

  @RequirePermission('skpd.manage')
  @Post(':id')
  async update(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const current = await this.skpd.get(req.scope!, id);
    const plain = {
      version: Number(form.version),
      name: textOrNull(form.name) ?? '',
      shortName: textOrNull(form.shortName) ?? '',
      kind: form.kind ?? '',
      active: form.active === 'ya',
      headTitle: textOrNull(form.headTitle),
      headName: textOrNull(form.headName),
      headNip: textOrNull(form.headNip),
    };
    return submitForm(
      res,
      {
        form: 'skpd',
        values: form,
        dto: UpdateSkpdDto,
        plain,
        page: (s, st) => this.renderEdit(req, res, current, s, st),
        done: `${LIST.path}/${id}?ok=1`,
      },
      (dto) => this.skpd.update(req.scope!, id, dto),
    );
  }

  private renderEdit(
    req: ConsoleRequest,
    res: Response,
    skpd: SkpdResponseDto,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const values = state?.values ?? {
      version: String(skpd.version),
      name: skpd.name,
      shortName: skpd.shortName,
      kind: skpd.kind,
      active: skpd.active ? 'ya' : '',
      headTitle: skpd.headTitle ?? '',
      headName: skpd.headName ?? '',
      headNip: skpd.headNip ?? '',
    };
    const model = formModel(req, state);
    this.views.render(
      req,
      res,
      'admin-skpd-ubah',
      {
        title: `Ubah SKPD ${skpd.code}`,
        skpd,
        values,
        errors: state?.errors ?? {},
        kinds: kindOptions(values.kind),
        summary: model.summary,
        notice: model.notice,
      },
      status,
    );
    return Promise.resolve();
  }
}
