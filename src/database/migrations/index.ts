/** Migrations in the order they run; each file builds its tables with the QueryRunner API, valid on SQLite and MySQL. */
import { Organization1763900000000 } from './1763900000000-organization';
import { Evaluation1763900004000 } from './1763900004000-evaluation';
import { Planning1763900001000 } from './1763900001000-planning';
import { Evidence1763900002000 } from './1763900002000-evidence';
import { Performance1763900003000 } from './1763900003000-performance';
import { PerformanceSettings1763900005000 } from './1763900005000-performance-settings';
import { Progress1763900006000 } from './1763900006000-progress';
import { LongTexts1763900007000 } from './1763900007000-long-texts';
import { CapaianEdgeCases1765400000010 } from './1765400000010-capaian-edge-cases';
import { ExactDecimalsSqlite1765400000020 } from './1765400000020-exact-decimals-sqlite';
import { HeadsOfOffice1765500000000 } from './1765500000000-heads-of-office';
import { Notifications1765600000010 } from './1765600000010-notifications';
import { SignedDocuments1765700000010 } from './1765700000010-signed-documents';
import { MoreReminders1765800000010 } from './1765800000010-more-reminders';
import { Budget1765800000030 } from './1765800000030-budget';
import { StoredScores1766000000000 } from './1766000000000-stored-scores';
import { Provinces1765800000040 } from './1765800000040-provinces';
import { PlanActive1765900000010 } from './1765900000010-plan-active';
import { Pembinaan1766000000050 } from './1766000000050-pembinaan';

export const ALL_MIGRATIONS = [
  Organization1763900000000,
  Planning1763900001000,
  Evidence1763900002000,
  Performance1763900003000,
  Evaluation1763900004000,
  PerformanceSettings1763900005000,
  Progress1763900006000,
  LongTexts1763900007000,
  CapaianEdgeCases1765400000010,
  ExactDecimalsSqlite1765400000020,
  HeadsOfOffice1765500000000,
  Notifications1765600000010,
  SignedDocuments1765700000010,
  MoreReminders1765800000010,
  Budget1765800000030,
  Provinces1765800000040,
  PlanActive1765900000010,
  StoredScores1766000000000,
  Pembinaan1766000000050,
];
