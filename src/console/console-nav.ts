import { type Permission, type Role, ROLES, roleHas } from '../auth/roles';
import { labelOf } from './console-labels';

export interface NavLink {
  href: string;
  label: string;
  permission: Permission;
  /** Only for these roles (on top of the permission), e.g. pages built for the planner's own SKPD. */
  roles?: readonly Role[];
}

/** The console menu; a link shows only to roles that may open it. */
export const NAV: readonly NavLink[] = [
  { href: '/konsol', label: 'Beranda', permission: 'session.self' },
  { href: '/konsol/pemberitahuan', label: 'Pemberitahuan', permission: 'notification.self' },
  // The planner's SKPD tree; for the region administrator, the Pemda's own tree (RPJMD).
  {
    href: '/konsol/pohon-kinerja',
    label: 'Pohon Kinerja',
    permission: 'planning.write',
    roles: ['PLANNER', 'REGION_ADMIN'],
  },
  { href: '/konsol/pk', label: 'PK & Target', permission: 'planning.write', roles: ['PLANNER'] },
  { href: '/konsol/realisasi', label: 'Realisasi', permission: 'realisation.write' },
  { href: '/konsol/capaian', label: 'Capaian', permission: 'realisation.read', roles: ['PLANNER'] },
  { href: '/konsol/anggaran', label: 'Anggaran', permission: 'budget.read' },
  { href: '/konsol/mandiri', label: 'Evaluasi Mandiri', permission: 'evaluation.self' },
  { href: '/konsol/tindak-lanjut', label: 'Tindak Lanjut', permission: 'evaluation.follow-up', roles: ['PLANNER'] },
  {
    href: '/konsol/lke',
    label: 'Evaluasi LKE',
    permission: 'evaluation.read',
    roles: ['EVALUATOR', 'REGION_ADMIN', 'HEAD'],
  },
  { href: '/konsol/wilayah', label: 'Dasbor Wilayah', permission: 'report.region' },
  { href: '/konsol/kemajuan', label: 'Peta Jalan & Indeks', permission: 'progress.read' },
  { href: '/konsol/provinsi', label: 'Rekap Kabupaten/Kota', permission: 'province.read' },
  { href: '/konsol/pembinaan-kabkota', label: 'Pembinaan Kabupaten/Kota', permission: 'province.read' },
  { href: '/konsol/pembinaan', label: 'Pembinaan Provinsi', permission: 'pembinaan.read' },
  { href: '/konsol/admin/skpd', label: 'SKPD', permission: 'skpd.manage' },
  { href: '/konsol/admin/pengguna', label: 'Pengguna', permission: 'user.manage' },
  { href: '/konsol/admin/jendela', label: 'Periode & Jendela', permission: 'realisation.reopen' },
  { href: '/konsol/admin/pengaturan-kinerja', label: 'Pengaturan Kinerja', permission: 'realisation.reopen' },
  { href: '/konsol/admin/pk', label: 'Persetujuan PK', permission: 'planning.approve' },
  { href: '/konsol/admin/lke', label: 'Pembukaan LKE', permission: 'evaluation.open' },
  { href: '/konsol/admin/keroyokan', label: 'Target Keroyokan', permission: 'planning.approve' },
  { href: '/konsol/admin/tumpang-tindih', label: 'Tumpang Tindih', permission: 'planning.approve' },
  { href: '/konsol/admin/tanpa-keterkaitan', label: 'Tanpa Keterkaitan', permission: 'planning.approve' },
  { href: '/konsol/admin/audit', label: 'Log Audit', permission: 'audit.read' },
  { href: '/konsol/kata-sandi', label: 'Ubah Kata Sandi', permission: 'session.self' },
];

/** The menu for a role; `counts` puts a number beside a link (e.g. unread notifications), none when zero. */
export const navFor = (role: Role, currentPath: string, counts: Record<string, number> = {}) =>
  NAV.filter((l) => roleHas(role, l.permission) && (!l.roles || l.roles.includes(role))).map((l) => ({
    ...l,
    count: counts[l.href] || null,
    current: l.href === '/konsol' ? currentPath === '/konsol' : currentPath.startsWith(l.href),
  }));

export const ROLE_LABELS = Object.fromEntries(ROLES.map((r) => [r, labelOf('role', r)])) as Record<Role, string>;
