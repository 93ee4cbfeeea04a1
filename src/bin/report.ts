/**
 * Writes the same Excel reports as the download endpoints, without the API:
 *   npm run report -- region-recap   --region <code> --year <y> --out file.xlsx
 *   npm run report -- lke            --region <code> --skpd <code> --year <y> --out file.xlsx
 *   npm run report -- capaian        --region <code> --skpd <code> --year <y> --out file.xlsx
 *   npm run report -- trend          --region <code> [--from <y>] [--to <y>] --out file.xlsx
 *   npm run report -- national-recap --year <y> --out file.xlsx [--page-size <n>]
 *   npm run report -- pk-document    --region <code> [--skpd <code>] --year <y> [--revision <n>] --out file.pdf
 *   npm run report -- lhe            --region <code> --skpd <code> --year <y> --out file.docx|file.pdf
 *   npm run report -- lkjip          --region <code> [--skpd <code>] --year <y> --out file.docx
 *   npm run report -- budget-recap   --region <code> --year <y> --out file.xlsx
 *   npm run report -- efficiency     --region <code> [--skpd <code>] --year <y> --out file.xlsx
 *   (without --skpd: the Pemda's own PK / LKjIP)
 * Without --out the file is named like the download (e.g. Rekap-Predikat-SAKIP-<region>-<year>.xlsx) in the current
 * directory. The national recap streams page by page and shows a progress bar on the terminal. pk-document writes the
 * SKPD's PK of the year (the latest revision unless --revision) as the API serves it: the signed PDF once signed,
 * else the draft watermarked "DRAF". lhe needs the SKPD's FINAL evaluation; lkjip an approved PK with indicators.
 * budget-recap is the region's budget-absorption recap per SKPD; efficiency the capaian-against-serapan table of one
 * SKPD or (without --skpd) of every SKPD with a budget that year; both need budget data for the year.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SingleBar } from 'cli-progress';
import { type DataSource, IsNull } from 'typeorm';
import { AppModule } from '../app.module';
import { BudgetService } from '../budget/budget.service';
import { DomainError } from '../common/errors/domain-error';
import { LheDocumentsService } from '../documents/lhe-documents.service';
import { LkjipDocumentsService } from '../documents/lkjip-documents.service';
import { PkDocumentsService } from '../documents/pk-documents.service';
import { Evaluation } from '../evaluation/entities/evaluation.entity';
import type { TenantScope } from '../common/tenancy/tenant-scope';
import { ConfigError, loadConfig } from '../config/env';
import { Region } from '../organization/entities/region.entity';
import { Skpd } from '../organization/entities/skpd.entity';
import { PerformanceAgreement } from '../planning/entities/performance-agreement.entity';
import { nationalRecapFileName } from '../reporting/domain/national-recap';
import { type ReportFile, ReportsService } from '../reporting/reports.service';
import { describeStartupError } from '../startup-error';

export const REPORT_KINDS = [
  'region-recap',
  'lke',
  'capaian',
  'trend',
  'national-recap',
  'pk-document',
  'lhe',
  'lkjip',
  'budget-recap',
  'efficiency',
] as const;
type Kind = (typeof REPORT_KINDS)[number];

const USAGE = `usage: npm run report -- <${REPORT_KINDS.join('|')}> [--region <code>] [--skpd <code>] [--year <y>] [--from <y>] [--to <y>] [--out file.xlsx]
  region-recap: --region --year   lke, capaian: --region --skpd --year   trend: --region [--from --to]   national-recap: --year
  pk-document: --region [--skpd] --year [--revision <n>] (a PDF: signed once signed, else the draft; no --skpd: the Pemda's)
  lhe (FINAL evaluation): --region --skpd --year (DOCX; --out *.pdf: the PDF, signed once signed)
  lkjip (draft): --region [--skpd] --year (DOCX; no --skpd: the Pemda's)
  budget-recap: --region --year   efficiency: --region [--skpd] --year (no --skpd: every SKPD with a budget)
  Reads the server's database: run it with the same DB_URL or SQLITE_PATH (default ./data/sakip.sqlite).`;

class UsageError extends Error {}

const year = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--${name} must be a year, e.g. 2025`);
  return Number(v);
};

/** The report's own scope: region-wide, like a REGION_ADMIN of that region (the operator runs it on the server). */
const regionScope = (regionId: string): TenantScope => ({
  userId: 'cli',
  username: 'cli',
  role: 'REGION_ADMIN',
  regionId,
  skpdId: null,
  isQa: false,
  correlationId: randomUUID(),
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      skpd: { type: 'string' },
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'page-size': { type: 'string' },
      revision: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const kind = positionals[0] as Kind | undefined;
  if (!kind || !REPORT_KINDS.includes(kind)) throw new UsageError(USAGE);
  const y = year(values.year, 'year');
  if (kind !== 'trend' && y === undefined) throw new UsageError(`--year is required\n${USAGE}`);
  if (kind !== 'national-recap' && !values.region) throw new UsageError(`--region is required\n${USAGE}`);
  if (values.revision !== undefined && !/^\d{1,3}$/.test(values.revision))
    throw new UsageError('--revision must be a revision number, e.g. 0 for the PK, 1 for its first perubahan');
  if (['lke', 'capaian', 'lhe'].includes(kind) && !values.skpd)
    throw new UsageError(`--skpd is required for ${kind}\n${USAGE}`);

  const config = loadConfig();
  // A report reads existing data: never create (and demo-seed) an empty embedded database by mistake.
  if (!config.DB_URL && config.SQLITE_PATH !== ':memory:' && !existsSync(config.SQLITE_PATH))
    throw new UsageError(`no database at ${resolve(config.SQLITE_PATH)}; set DB_URL or SQLITE_PATH as for the server`);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
    {
      logger: false,
      abortOnError: false,
    },
  );
  try {
    const reports = app.get(ReportsService);
    const db = app.get<DataSource>(getDataSourceToken());
    if (kind === 'national-recap') {
      const out = values.out ?? nationalRecapFileName(y as number);
      const bar = new SingleBar({
        format: 'Rekap nasional |{bar}| {value}/{total} daerah',
        stream: process.stderr,
        hideCursor: true,
      });
      let started = false;
      try {
        const result = await reports.nationalRecap(y as number, out, {
          pageSize: values['page-size'] ? Number(values['page-size']) : undefined,
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        bar.stop();
        console.log(`report: ${out} (${result.rows} baris, ${result.regions} daerah)`);
      } finally {
        if (started) bar.stop();
      }
      return;
    }
    const region = await db.getRepository(Region).findOne({ where: { code: values.region } });
    if (!region) throw new UsageError(`no region with code ${values.region}`);
    const scope = regionScope(region.id);
    const skpdId = async (): Promise<string> => {
      const skpd = await db.getRepository(Skpd).findOne({ where: { regionId: region.id, code: values.skpd } });
      if (!skpd) throw new UsageError(`no SKPD with code ${values.skpd} in ${region.name}`);
      return skpd.id;
    };
    /** The SKPD's PK of the year: the latest revision unless --revision. */
    const pkId = async (): Promise<string> => {
      const pk = await db.getRepository(PerformanceAgreement).findOne({
        where: {
          regionId: region.id,
          skpdId: await skpdId(),
          year: y as number,
          ...(values.revision === undefined ? {} : { revision: Number(values.revision) }),
        },
        order: { revision: 'DESC' },
      });
      if (!pk)
        throw new UsageError(
          `no PK ${y}${values.revision === undefined ? '' : ` revision ${values.revision}`} for SKPD ${values.skpd}`,
        );
      return pk.id;
    };
    /** The SKPD's current (not superseded) evaluation of the year. */
    const evaluationId = async (): Promise<string> => {
      const ev = await db
        .getRepository(Evaluation)
        .findOne({ where: { regionId: region.id, skpdId: await skpdId(), year: y as number, supersededAt: IsNull() } });
      if (!ev) throw new UsageError(`no LKE evaluation ${y} for SKPD ${values.skpd}`);
      return ev.id;
    };
    let file: ReportFile;
    const pemda = !values.skpd;
    if (kind === 'pk-document')
      file = pemda
        ? await app.get(PkDocumentsService).pemdaDocument(scope, y as number)
        : await app.get(PkDocumentsService).document(scope, await pkId());
    else if (kind === 'lhe')
      file = values.out?.endsWith('.pdf')
        ? await app.get(LheDocumentsService).pdf(scope, await evaluationId())
        : await app.get(LheDocumentsService).docx(scope, await evaluationId());
    else if (kind === 'lkjip')
      file = pemda
        ? await app.get(LkjipDocumentsService).pemdaDocx(scope, y as number)
        : await app.get(LkjipDocumentsService).docx(scope, await skpdId(), y as number);
    else if (kind === 'budget-recap') file = await app.get(BudgetService).regionRecap(scope, y as number);
    else if (kind === 'efficiency')
      file = await app
        .get(BudgetService)
        .efficiencyWorkbook(scope, y as number, values.skpd ? await skpdId() : undefined);
    else if (kind === 'region-recap') file = await reports.regionRecap(scope, y as number);
    else if (kind === 'lke') file = await reports.lkeSheet(scope, await skpdId(), y as number);
    else if (kind === 'capaian') file = await reports.capaianTable(scope, await skpdId(), y as number);
    else file = await reports.trend(scope, year(values.from, 'from') ?? y, year(values.to, 'to') ?? y);
    const out = values.out ?? file.fileName;
    await writeFile(out, file.content);
    console.log(`report: ${out}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof DomainError || err instanceof ConfigError;
  console.error(`report: ${known ? (err as Error).message : describeStartupError(err)}`);
  process.exit(1);
});
