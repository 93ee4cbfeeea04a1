import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ROLES, type Role } from '../auth/roles';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, type UserResponseDto } from '../auth/dto/user.dto';
import { UsersService } from '../auth/users.service';
import { RequirePermission } from '../common/auth/decorators';
import { SkpdService } from '../organization/skpd.service';
import { type Form, formModel, type FormState, submitForm } from './console-admin-form';
import { ConsoleController } from './console-controller.decorator';
import { allPages } from './console-dashboards';
import { apiQuery, listModel, type ListSpec, readList } from './console-list';
import { ROLE_LABELS } from './console-nav';
import { uuidParam } from './console-params';
import type { ConsoleRequest } from './console-session';
import { ConsoleViews } from './console-views';
import { textOrNull } from './domain/form-input';

const LIST: ListSpec = {
  path: '/konsol/admin/pengguna',
  columns: [
    { key: 'nama-pengguna', label: 'Nama pengguna', sort: 'username' },
    { key: 'nama', label: 'Nama', sort: 'displayName' },
    { key: 'peran', label: 'Peran', sort: 'role' },
    { key: 'skpd', label: 'SKPD' },
    { key: 'aktif', label: 'Aktif' },
  ],
  defaultSort: 'nama-pengguna',
  searchHint: 'Nama pengguna atau nama lengkap.',
};

const PATH = LIST.path;
const roleOf = (raw: unknown): Role | undefined =>
  ROLES.includes(raw as Role) && raw !== 'SUPERADMIN' ? (raw as Role) : undefined;
const activeOf = (raw: unknown): 'true' | 'false' | undefined =>
  raw === 'ya' ? 'true' : raw === 'tidak' ? 'false' : undefined;

/**
 * Users of the region: search (name, role, active), create, edit (role, SKPD, QA, active), deactivate and reset a
 * password, through UsersService as behind /users (the service decides which roles the caller may manage).
 */
@ConsoleController('admin/pengguna')
export class ConsoleAdminUsersController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly users: UsersService,
    private readonly skpd: SkpdService,
  ) {}

  @RequirePermission('user.manage')
  @Get()
  listPage(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    return this.renderList(req, res, null, 200);
  }

  @RequirePermission('user.manage')
  @Post()
  create(@Req() req: ConsoleRequest, @Res() res: Response, @Body() form: Form): Promise<void> {
    const plain = {
      username: (form.username ?? '').trim().toLowerCase(),
      displayName: textOrNull(form.displayName) ?? '',
      role: form.role ?? '',
      password: form.password ?? '',
      ...(form.skpdId ? { skpdId: form.skpdId } : {}),
      isQa: form.isQa === 'ya',
    };
    return submitForm(
      res,
      {
        form: 'user',
        values: { ...form, password: '' },
        dto: CreateUserDto,
        plain,
        page: (s, st) => this.renderList(req, res, s, st),
        done: `${PATH}?ok=1`,
      },
      (dto) => this.users.create(req.scope!, dto),
    );
  }

  /** The region's active SKPD for a select (a platform operator has no region, hence none). */
  private skpdOptions(req: ConsoleRequest) {
    const scope = req.scope!;
    return scope.regionId
      ? allPages((page) => this.skpd.list(scope, { page, pageSize: 100, active: 'true' }))
      : Promise.resolve([]);
  }

  private roleOptions(selected: string | undefined) {
    return ROLES.filter((r) => r !== 'SUPERADMIN').map((r) => ({
      code: r,
      label: ROLE_LABELS[r],
      selected: selected === r,
    }));
  }

  private async renderList(req: ConsoleRequest, res: Response, state: FormState | null, status: number) {
    const role = roleOf(req.query.peran);
    const active = typeof req.query.aktif === 'string' ? req.query.aktif : '';
    const list = readList(LIST, req.query, { peran: role, aktif: activeOf(active) ? active : undefined });
    const [page, skpds] = await Promise.all([
      this.users.list(req.scope!, { ...apiQuery(LIST, list), role, active: activeOf(active) }),
      this.skpdOptions(req),
    ]);
    const skpdName = new Map(skpds.map((s) => [s.id, s.name]));
    this.views.render(
      req,
      res,
      'admin-pengguna',
      {
        title: 'Pengguna',
        items: page.items.map((u) => ({
          ...u,
          roleLabel: ROLE_LABELS[u.role],
          skpdName: u.skpdId ? skpdName.get(u.skpdId) : null,
        })),
        list: listModel(LIST, list, page.total),
        filter: {
          roles: this.roleOptions(role),
          active: [
            { code: 'ya', label: 'Aktif', selected: active === 'ya' },
            { code: 'tidak', label: 'Nonaktif', selected: active === 'tidak' },
          ],
        },
        roles: this.roleOptions(state?.form === 'user' ? state.values.role : undefined),
        skpds: skpds.map((s) => ({ id: s.id, name: s.name, selected: state?.values.skpdId === s.id })),
        ...formModel(req, state),
      },
      status,
    );
  }

  @RequirePermission('user.manage')
  @Get(':id')
  async editPage(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id', uuidParam) id: string) {
    return this.renderEdit(req, res, await this.users.get(req.scope!, id), null, 200);
  }

  @RequirePermission('user.manage')
  @Post(':id')
  async update(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const user = await this.users.get(req.scope!, id);
    const plain = {
      version: Number(form.version),
      displayName: textOrNull(form.displayName) ?? '',
      role: form.role ?? '',
      skpdId: form.skpdId ? form.skpdId : null,
      isQa: form.isQa === 'ya',
      active: form.active === 'ya',
    };
    return submitForm(
      res,
      {
        form: 'user',
        values: form,
        dto: UpdateUserDto,
        plain,
        page: (s, st) => this.renderEdit(req, res, user, s, st),
        done: `${PATH}/${id}?ok=1`,
      },
      (dto) => this.users.update(req.scope!, id, dto),
    );
  }

  /** Deactivates (or activates again) in one click; the user's sessions end on deactivation. */
  @RequirePermission('user.manage')
  @Post(':id/status')
  async setActive(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const user = await this.users.get(req.scope!, id);
    return submitForm(
      res,
      {
        form: 'status',
        values: form,
        dto: UpdateUserDto,
        plain: { version: Number(form.version), active: form.active === 'ya' },
        page: (s, st) => this.renderEdit(req, res, user, s, st),
        done: `${PATH}/${id}?ok=1`,
      },
      (dto) => this.users.update(req.scope!, id, dto),
    );
  }

  @RequirePermission('user.manage')
  @Post(':id/kata-sandi')
  async resetPassword(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() form: Form,
  ): Promise<void> {
    const user = await this.users.get(req.scope!, id);
    return submitForm(
      res,
      {
        form: 'password',
        values: {},
        dto: ResetPasswordDto,
        plain: { newPassword: form.newPassword ?? '' },
        // The password policy names the service's field `password`: show its sentence at this form's field.
        page: (s, st) =>
          this.renderEdit(
            req,
            res,
            user,
            { ...s, errors: { newPassword: s.errors.newPassword ?? (s.errors.password ? s.summary : '') } },
            st,
          ),
        done: `${PATH}/${id}?sandi=1`,
      },
      (dto) => this.users.resetPassword(req.scope!, id, dto),
    );
  }

  private async renderEdit(
    req: ConsoleRequest,
    res: Response,
    user: UserResponseDto,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const skpds = await this.skpdOptions(req);
    const values =
      state?.form === 'user'
        ? state.values
        : {
            displayName: user.displayName,
            role: user.role,
            skpdId: user.skpdId ?? '',
            isQa: user.isQa ? 'ya' : '',
            active: user.active ? 'ya' : '',
          };
    const model = formModel(req, state);
    this.views.render(
      req,
      res,
      'admin-pengguna-ubah',
      {
        title: `Pengguna ${user.username}`,
        account: { ...user, roleLabel: ROLE_LABELS[user.role] },
        values,
        ...model,
        notice: model.notice ?? (!state && req.query.sandi === '1' ? 'Kata sandi baru disimpan.' : undefined),
        roles: this.roleOptions(values.role),
        skpds: skpds.map((s) => ({ id: s.id, name: s.name, selected: values.skpdId === s.id })),
      },
      status,
    );
  }
}
