import type { NextFunction, Request, Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import Decimal from 'decimal.js';
import express from 'express';
import hbs from 'hbs';
import { findRuleSetDir } from '../evaluation/lke-rule-sets';
import { formatIndonesian } from '../planning/domain/indonesian-number';
import { ZONE_NAMES } from '../common/time/indonesian-date';
import { labelOf, type LabelKind } from './console-labels';
import { CONSOLE_PATH } from './console-session';

/** <repo>/templates/console, found the way the LKE rule sets find <repo>/templates/lke (works from src and dist). */
export const consoleTemplatesDir = (): string => join(dirname(findRuleSetDir()), 'console');

const DEFAULT_ZONE = 'Asia/Jakarta';
const DATE_TIMES = new Map<string, Intl.DateTimeFormat>();
/** "15 Apr 2025, 23.59 WIT": an instant in the region's zone (the page's `zonaWaktu`), named WIB / WITA / WIT. */
function tanggal(value: unknown, timeZone: string): string {
  if (!value) return '–';
  if (!DATE_TIMES.has(timeZone))
    DATE_TIMES.set(timeZone, new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone }));
  return `${DATE_TIMES.get(timeZone)!.format(new Date(String(value)))} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}
/** The zone of the page being rendered (ConsoleViews puts the caller's region's zone into every page). */
const zoneOf = (options: unknown): string =>
  (options as { data?: { root?: { zonaWaktu?: string } } })?.data?.root?.zonaWaktu ?? DEFAULT_ZONE;

/** A target or value as the API gives it (decimal text, a {lower, upper} range, true for yes/no) for display. */
function angka(value: unknown, places?: number): string {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return formatIndonesian(new Decimal(value), places);
  if (typeof value === 'number' && Number.isFinite(value)) return formatIndonesian(new Decimal(value), places);
  if (value === true) return 'Ya';
  if (value && typeof value === 'object' && 'lower' in value && 'upper' in value)
    return `${angka((value as { lower: unknown }).lower)}–${angka((value as { upper: unknown }).upper)}`;
  return '–';
}

/** The view engine (Handlebars, escaping by default), its partials and helpers, cookies and the one CSS file. */
export function configureConsole(app: NestExpressApplication): void {
  const dir = consoleTemplatesDir();
  const engine = hbs.create();
  const partials = join(dir, 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')))
    engine.registerPartial(parse(file).name, readFileSync(join(partials, file), 'utf8'));
  engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** An API decimal string shown the Indonesian way ("1250.5" → "1.250,5"); `places` rounds half-up. */
  engine.registerHelper('angka', (value: unknown, places: unknown) =>
    angka(value, typeof places === 'number' ? places : undefined),
  );
  /** A status, role, stage, action or entity code in Indonesian: `{{istilah "status" ev.status}}` (console-labels.ts). */
  engine.registerHelper('istilah', (kind: unknown, code: unknown) => labelOf(kind as LabelKind, code));
  engine.registerHelper('tanggal', (value: unknown, options: unknown) => tanggal(value, zoneOf(options)));
  /** A field label naming the page's zone: "Batas waktu" → "Batas waktu (WITA)". */
  engine.registerHelper('denganZona', (label: unknown, options: unknown) => {
    const zone = zoneOf(options);
    return `${String(label)} (${ZONE_NAMES[zone] ?? zone})`;
  });
  app.engine('hbs', engine.__express);
  app.setViewEngine('hbs');
  app.setBaseViewsDir(dir);
  app.use(
    `${CONSOLE_PATH}/aset`,
    express.static(join(dir, 'aset'), { fallthrough: false, index: false, maxAge: '1h' }),
  );
  app.use(CONSOLE_PATH, cookieParser());
  // The console runs no script at all: a stricter policy than the API's (whose Swagger UI needs inline scripts).
  app.use(CONSOLE_PATH, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    next();
  });
}

/** The web console lives outside the API prefix: `/` (a redirect to it) and everything under /konsol. */
export const CONSOLE_ROUTES = ['/', 'konsol', 'konsol/{*path}'];
