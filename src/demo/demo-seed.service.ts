import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { PasswordService } from '../auth/password.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { DemoBudgetService } from './demo-budget.service';
import { DemoContentService } from './demo-content.service';
import { PembinaanRecommendation } from '../pembinaan/entities/pembinaan-recommendation.entity';
import { PembinaanVisit } from '../pembinaan/entities/pembinaan-visit.entity';
import { itemKeyOf, PublicItem } from '../public-pages/entities/public-item.entity';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_PEMBINAAN,
  DEMO_PROVINCE,
  DEMO_PUBLICATIONS,
  DEMO_REGIONS,
  DEMO_SKPD,
  type DemoRegion,
  demoSkpdHead,
} from './demo-data';

/** Demo mode: the embedded database unless SEED_DEMO=false; MySQL only with SEED_DEMO=true. */
export const demoEnabled = (config: Pick<AppConfig, 'SEED_DEMO' | 'isEmbedded'>): boolean =>
  config.SEED_DEMO === 'true' || (config.isEmbedded && config.SEED_DEMO !== 'false');

@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly content: DemoContentService,
    private readonly budget: DemoBudgetService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!demoEnabled(this.config)) return;
    const started = Date.now();
    const seeded = await this.seedIfEmpty();
    this.logger.log(
      `${seeded ? `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'found'} the demo regions (synthetic data, marked DEMO). Demo logins, password ${DEMO_PASSWORD}:`,
    );
    for (const region of DEMO_REGIONS)
      this.logger.log(
        `  ${region.name}: ${DEMO_ACCOUNTS.map((a) => `${region.usernamePrefix}.${a.suffix}`).join(', ')}`,
      );
    this.logger.log(
      `  ${DEMO_PROVINCE.name}: ${DEMO_PROVINCE.accounts.map((a) => `${DEMO_PROVINCE.usernamePrefix}.${a.suffix}`).join(', ')}; public pages: /publik/${DEMO_PROVINCE.code}`,
    );
  }

  /**
   * Seeds the demo regions when the database holds no region yet, then the plans, results and evaluations of every
   * demo region that has none (so a demo database from an older version gains them). True when anything was seeded.
   * Idempotent.
   */
  async seedIfEmpty(): Promise<boolean> {
    const organisations = await this.seedOrganisationsIfEmpty();
    let content = false;
    for (const demo of DEMO_REGIONS) {
      const region = await this.db.getRepository(Region).findOne({ where: { code: demo.code, isDemo: true } });
      if (!region) continue;
      content = (await this.seedHeadsIfMissing(region, demo)) || content;
      content = (await this.content.seedRegion(region, demo.key)) || content;
      content = (await this.budget.seedRegion(region, demo.key)) || content;
    }
    const province = await this.seedProvinceIfMissing();
    const pembinaan = await this.seedPembinaanIfMissing();
    return organisations || content || province || pembinaan;
  }

  /**
   * The demo province over the demo regions, its oversight accounts, and the demo regions' public items; skipped
   * once the province exists (or when the demo regions are absent).
   */
  private async seedProvinceIfMissing(): Promise<boolean> {
    const regions = this.db.getRepository(Region);
    if (await regions.exists({ where: { code: DEMO_PROVINCE.code } })) return false;
    const demos = await regions.find({ where: DEMO_REGIONS.map((d) => ({ code: d.code, isDemo: true })) });
    if (demos.length === 0) return false;
    const hash = await this.passwords.hash(DEMO_PASSWORD, 'demo.seed');
    await this.db.transaction(async (m) => {
      const province = await m.save(Region, {
        code: DEMO_PROVINCE.code,
        name: DEMO_PROVINCE.name,
        kind: 'PROVINSI',
        lowerIsBetterFormula: 'INVERSE_DIFF',
        capaianCap: null,
        timezone: 'Asia/Jakarta',
        isDemo: true,
      });
      await m.save(
        User,
        DEMO_PROVINCE.accounts.map((a) => ({
          username: `${DEMO_PROVINCE.usernamePrefix}.${a.suffix}`,
          displayName: a.displayName,
          role: a.role,
          regionId: province.id,
          skpdId: null,
          isQa: false,
          active: true,
          tokenVersion: 0,
          passwordHash: hash,
        })),
      );
      for (const region of demos) {
        await m.update(Region, { id: region.id }, { provinceId: province.id });
        const key = DEMO_REGIONS.find((d) => d.code === region.code)!.key;
        for (const item of DEMO_PUBLICATIONS[key] ?? [])
          await m.save(PublicItem, {
            regionId: region.id,
            kind: item.kind,
            itemKey: itemKeyOf(item.kind, item.year, null),
            year: item.year,
            documentId: null,
            publishedBy: null,
            publishedAt: new Date(),
          });
      }
    });
    return true;
  }

  /**
   * The demo province's pembinaan of each demo region (DEMO_PEMBINAAN) with Maju Bersama's follow-ups; skipped once
   * the province has recorded any pembinaan (or when there is no demo province).
   */
  private async seedPembinaanIfMissing(): Promise<boolean> {
    const province = await this.db.getRepository(Region).findOneBy({ code: DEMO_PROVINCE.code, isDemo: true });
    if (!province || (await this.db.getRepository(PembinaanVisit).existsBy({ provinceId: province.id }))) return false;
    const children = await this.db.getRepository(Region).find({ where: { provinceId: province.id, isDemo: true } });
    if (children.length === 0) return false;
    const evaluator = `${DEMO_PROVINCE.usernamePrefix}.evaluator`;
    const admins = DEMO_REGIONS.map((d) => `${d.usernamePrefix}.admin`);
    const users = await this.db.getRepository(User).find({ where: { username: In([evaluator, ...admins]) } });
    const userId = (username: string) => users.find((u) => u.username === username)?.id ?? null;
    await this.db.transaction(async (m) => {
      for (const region of children) {
        const demo = DEMO_REGIONS.find((d) => d.code === region.code);
        for (const visit of (demo && DEMO_PEMBINAAN[demo.key]) ?? []) {
          const saved = await m.save(PembinaanVisit, {
            provinceId: province.id,
            regionId: region.id,
            visitDate: visit.date,
            topic: visit.topic,
            findings: visit.findings,
            createdBy: userId(evaluator),
          });
          await m.save(
            PembinaanRecommendation,
            visit.recommendations.map((r, i) => ({
              visitId: saved.id,
              regionId: region.id,
              ordinal: i + 1,
              text: r.text,
              dueDate: r.dueDate,
              followUp: r.followUp?.text ?? null,
              status: r.followUp?.status ?? ('OPEN' as const),
              followedUpBy: r.followUp ? userId(`${demo!.usernamePrefix}.admin`) : null,
              followedUpAt: r.followUp ? new Date(r.followUp.at) : null,
            })),
          );
        }
      }
    });
    return true;
  }

  /** The bupati, seat city and SKPD heads (who sign the documents) of a demo region that has none yet. */
  private async seedHeadsIfMissing(region: Region, demo: DemoRegion): Promise<boolean> {
    if (region.headName) return false;
    await this.db.transaction(async (m) => {
      await m.update(
        Region,
        { id: region.id },
        { seatCity: demo.seatCity, headTitle: demo.headTitle, headName: demo.headName },
      );
      for (const [i, [code]] of DEMO_SKPD.entries())
        await m.update(Skpd, { regionId: region.id, code, headName: IsNull() }, demoSkpdHead(demo.key, i));
    });
    return true;
  }

  private async seedOrganisationsIfEmpty(): Promise<boolean> {
    if ((await this.db.getRepository(Region).count()) > 0) return false;
    const hash = await this.passwords.hash(DEMO_PASSWORD, 'demo.seed');
    await this.db.transaction(async (m) => {
      for (const demo of DEMO_REGIONS) {
        const region = await m.save(Region, {
          code: demo.code,
          name: demo.name,
          kind: 'KABUPATEN',
          lowerIsBetterFormula: 'INVERSE_DIFF',
          capaianCap: demo.key === 'teladan' ? 120 : null,
          timezone: 'Asia/Jakarta',
          isDemo: true,
        });
        const skpd = await m.save(
          Skpd,
          DEMO_SKPD.map(([code, name, shortName, kind]) => ({
            regionId: region.id,
            code,
            name,
            shortName,
            kind,
            active: true,
          })),
        );
        const skpdIdOf = (code: string) => skpd.find((s) => s.code === code)!.id;
        await m.save(
          User,
          DEMO_ACCOUNTS.map((a) => ({
            username: `${demo.usernamePrefix}.${a.suffix}`,
            displayName: a.displayName,
            role: a.role,
            regionId: region.id,
            skpdId: 'skpdCode' in a ? skpdIdOf(a.skpdCode) : null,
            isQa: 'isQa' in a && a.isQa,
            active: true,
            tokenVersion: 0,
            passwordHash: hash,
          })),
        );
      }
    });
    return true;
  }
}
