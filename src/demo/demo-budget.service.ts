import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { BudgetImportService } from '../budget/budget-import.service';
import { NomenclatureEntry } from '../budget/entities/nomenclature-entry.entity';
import { NomenclatureService } from '../budget/nomenclature.service';
import { Exact } from '../common/decimal/exact';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import type { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { CapaianService } from '../performance/capaian.service';
import { PlanNode } from '../planning/entities/plan-node.entity';
import { PlanNodesService } from '../planning/plan-nodes.service';
import { DEMO_PK_YEAR } from './demo-plan';

const pad = (n: number) => String(n).padStart(2, '0');
const csv = (rows: (string | number | null)[][]) =>
  Buffer.from(
    rows.map((r) => r.map((c) => (c === null ? '' : `"${String(c).replace(/"/g, '""')}"`)).join(',')).join('\n'),
  );
const rupiah = (d: Decimal) => d.toDecimalPlaces(0).toFixed();

/** Quarter shares of the year's spending (they add up to 1). */
const SHARES = ['0.15', '0.25', '0.3', '0.3'];

const scopeOf = (user: User): TenantScope => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  regionId: user.regionId,
  skpdId: user.skpdId,
  isQa: user.isQa,
  correlationId: 'demo-seed',
});

/**
 * The demo regions' budget for DEMO_PK_YEAR (issue #19), written through the import services as a region would: a
 * nomenclature (one bidang per SKPD with a support program and a main program), two PROGRAM nodes under each SKPD
 * sasaran linked to them, the DPA (the main program revised in the APBD-P) and four quarters of realisation. Serapan
 * follows the sasaran's capaian so every program is efisien, except, in Maju Bersama, the main program of the SKPD
 * with the lowest capaian, which spends 15 points more than its capaian (tidak efisien).
 */
@Injectable()
export class DemoBudgetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly nomenclature: NomenclatureService,
    private readonly imports: BudgetImportService,
    private readonly nodes: PlanNodesService,
    private readonly capaian: CapaianService,
  ) {}

  /** Seeds unless the region has a nomenclature already; true when it seeded. */
  async seedRegion(region: Region, key: string): Promise<boolean> {
    if (await this.db.getRepository(NomenclatureEntry).exists({ where: { regionId: region.id } })) return false;
    const users = await this.db.getRepository(User).find({ where: { regionId: region.id } });
    const admin = scopeOf(users.find((u) => u.role === 'REGION_ADMIN')!);
    const skpdList = await this.db.getRepository(Skpd).find({ where: { regionId: region.id }, order: { code: 'ASC' } });
    const sasaran = await this.db.getRepository(PlanNode).find({ where: { regionId: region.id, kind: 'SASARAN' } });
    const planned = skpdList
      .map((skpd) => ({ skpd, sasaran: sasaran.find((s) => s.skpdId === skpd.id) }))
      .filter((p): p is { skpd: Skpd; sasaran: PlanNode } => p.sasaran !== undefined);
    if (!planned.length) return false;

    const codes = planned.map((p, i) => {
      const bidang = `1.${pad(i + 1)}`;
      return { ...p, bidang, support: `${bidang}.01`, main: `${bidang}.02` };
    });
    const rows: string[][] = [
      ['Kode', 'Nama'],
      ['1', 'URUSAN PEMERINTAHAN WAJIB (DEMO)'],
    ];
    for (const c of codes) {
      rows.push([c.bidang, `BIDANG URUSAN ${c.skpd.name.toUpperCase()} (DEMO)`]);
      for (const [program, name] of [
        [c.support, 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH'],
        [c.main, `PROGRAM UTAMA ${c.skpd.shortName.toUpperCase()}`],
      ]) {
        rows.push([program, `${name} (DEMO)`], [`${program}.2.01`, `Kegiatan ${name.toLowerCase()}`]);
        rows.push(
          [`${program}.2.01.0001`, 'Sub kegiatan pelaksanaan'],
          [`${program}.2.01.0002`, 'Sub kegiatan pendukung'],
        );
      }
    }
    const nomenclature = { buffer: csv(rows) };
    const { previewToken } = await this.nomenclature.preview(admin, nomenclature);
    await this.nomenclature.commit(admin, nomenclature, previewToken);

    // Capaian of each SKPD's sasaran decides its serapan; the lowest of Maju Bersama gets the inefficient program.
    const capaianOf = new Map<string, Decimal>();
    for (const c of codes) {
      const result = await this.capaian.forSkpd(admin, { skpdId: c.skpd.id, year: DEMO_PK_YEAR });
      const mean = result.bySasaran.find((g) => g.sasaranId === c.sasaran.id)?.mean;
      capaianOf.set(c.skpd.id, new Exact(mean?.exact ?? '90'));
    }
    const weakest = [...codes].sort((a, b) => capaianOf.get(a.skpd.id)!.cmp(capaianOf.get(b.skpd.id)!))[0];

    for (const [i, c] of codes.entries()) {
      const capaian = capaianOf.get(c.skpd.id)!;
      for (const [code, name] of [
        [c.support, 'Program penunjang urusan'],
        [c.main, 'Program utama'],
      ]) {
        const node = await this.db.transaction((m) =>
          this.nodes.createIn(m, admin, {
            periodId: c.sasaran.periodId,
            skpdId: c.skpd.id,
            kind: 'PROGRAM',
            parentId: c.sasaran.id,
            code: `${c.sasaran.code}.P${code.slice(-1)}`,
            name: `${name} (DEMO)`,
          }),
        );
        await this.nomenclature.putLink(admin, { nodeId: node.id, code });
      }
      const base = new Exact(400_000_000 + 50_000_000 * i);
      const lines = [
        { code: `${c.support}.2.01.0001`, pagu: base, revised: null },
        { code: `${c.support}.2.01.0002`, pagu: base.div(2), revised: null },
        { code: `${c.main}.2.01.0001`, pagu: base.times(3), revised: base.times('2.5') },
        { code: `${c.main}.2.01.0002`, pagu: base, revised: null },
      ];
      const efficient = Exact.min(capaian, 92).minus(2).div(100);
      const inefficient = key === 'maju' && c === weakest;
      const dpa = [['Kode SKPD', 'Kode Sub Kegiatan', 'Pagu', 'Pagu Perubahan']];
      const real = [
        ['Kode SKPD', 'Kode Sub Kegiatan', 'Realisasi TW I', 'Realisasi TW II', 'Realisasi TW III', 'Realisasi TW IV'],
      ];
      for (const l of lines) {
        dpa.push([c.skpd.code, l.code, rupiah(l.pagu), l.revised ? rupiah(l.revised) : '']);
        const share = inefficient && l.code.startsWith(c.main) ? capaian.plus(15).div(100) : efficient;
        const spent = (l.revised ?? l.pagu).times(share);
        real.push([c.skpd.code, l.code, ...SHARES.map((s) => rupiah(spent.times(s)))]);
      }
      for (const [kind, file] of [
        ['DPA', { buffer: csv(dpa) }],
        ['REALISATION', { buffer: csv(real) }],
      ] as const) {
        const preview = await this.imports.preview(admin, kind, c.skpd.id, DEMO_PK_YEAR, file);
        await this.imports.commit(admin, kind, c.skpd.id, DEMO_PK_YEAR, file, preview.previewToken);
      }
    }
    return true;
  }
}
