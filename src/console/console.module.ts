import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { LkeExcelModule } from '../evaluation/excel/lke-excel.module';
import { DocumentsModule } from '../documents/documents.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationModule } from '../organization/organization.module';
import { PerformanceModule } from '../performance/performance.module';
import { PkExcelModule } from '../planning/excel/pk-excel.module';
import { PlanningModule } from '../planning/planning.module';
import { ProgressModule } from '../progress/progress.module';
import { PembinaanModule } from '../pembinaan/pembinaan.module';
import { ProvincesModule } from '../provinces/provinces.module';
import { ConsolePembinaanController, ConsoleProvincePembinaanController } from './console-pembinaan.controller';
import { ConsoleProvinceController } from './console-province.controller';
import { ReportingModule } from '../reporting/reporting.module';
import { ConsoleAdminAnalysisController } from './console-admin-analysis.controller';
import { ConsoleAdminAuditController } from './console-admin-audit.controller';
import { ConsoleAdminCrosscutController } from './console-admin-crosscut.controller';
import { ConsoleAdminLkeController } from './console-admin-lke.controller';
import { ConsoleAdminPeriodsController } from './console-admin-periods.controller';
import { ConsoleAdminPkController } from './console-admin-pk.controller';
import { ConsoleAdminSettingsController } from './console-admin-settings.controller';
import { ConsoleAdminSkpdController } from './console-admin-skpd.controller';
import { ConsoleAdminUsersController } from './console-admin-users.controller';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleBudgetController } from './console-budget.controller';
import { BudgetModule } from '../budget/budget.module';
import { ConsoleCsrf } from './console-csrf';
import { ConsoleDashboards } from './console-dashboards';
import { ConsoleEvidenceController } from './console-evidence.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';
import { ConsoleHomeController, ConsoleNotFoundController, ConsoleRootController } from './console-home.controller';
import { ConsoleNotificationsController } from './console-notifications.controller';
import { ConsoleLkeController } from './console-lke.controller';
import { ConsoleLkePage } from './console-lke-page';
import { ConsoleRecommendationsController } from './console-recommendations.controller';
import { ConsoleProgressController } from './console-progress.controller';
import { ConsoleLkeExcelController } from './console-lke-excel.controller';
import { ConsoleRegionController } from './console-region.controller';
import { ConsoleDocumentsController } from './console-documents.controller';
import { ConsolePkExcelController } from './console-pk-excel.controller';
import { ConsolePlannerController } from './console-planner.controller';
import { ConsoleFollowUpController } from './console-follow-up.controller';
import { ConsolePkRevisionController } from './console-pk-revision.controller';
import { ConsoleSelfAssessmentController } from './console-self-assessment.controller';
import { ConsoleTreeController } from './console-tree.controller';
import { ConsoleSession } from './console-session';
import { ConsoleViews } from './console-views';

/**
 * The web console (server-rendered, Indonesian) under /konsol. It holds no business rules: every page calls the
 * services the REST controllers call, with the caller's TenantScope, under the same PERMISSIONS.
 */
@Module({
  imports: [
    AuthModule,
    AuditModule,
    OrganizationModule,
    PlanningModule,
    PkExcelModule,
    DocumentsModule,
    EvidenceModule,
    PerformanceModule,
    EvaluationModule,
    LkeExcelModule,
    ReportingModule,
    BudgetModule,
    ProgressModule,
    ProvincesModule,
    PembinaanModule,
    NotificationsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        defParamCharset: 'utf8',
        // At most a handful of bukti dukung per form post: every file is held in memory until the service stores it.
        limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 5, fields: 1000, fieldSize: 8192, fieldNameSize: 100 },
      }),
    }),
  ],
  controllers: [
    ConsoleRootController,
    ConsoleAuthController,
    ConsoleHomeController,
    ConsolePlannerController,
    ConsoleTreeController,
    ConsolePkRevisionController,
    ConsoleSelfAssessmentController,
    ConsoleFollowUpController,
    ConsolePkExcelController,
    ConsoleDocumentsController,
    ConsoleLkeController,
    ConsoleRecommendationsController,
    ConsoleLkeExcelController,
    ConsoleRegionController,
    ConsoleBudgetController,
    ConsoleProgressController,
    ConsoleProvinceController,
    ConsoleProvincePembinaanController,
    ConsolePembinaanController,
    ConsoleEvidenceController,
    ConsoleAdminSkpdController,
    ConsoleAdminUsersController,
    ConsoleAdminPeriodsController,
    ConsoleAdminPkController,
    ConsoleAdminAuditController,
    ConsoleAdminLkeController,
    ConsoleAdminAnalysisController,
    ConsoleAdminSettingsController,
    ConsoleAdminCrosscutController,
    ConsoleNotificationsController,
    // Keep last: the 404 page for every other /konsol address.
    ConsoleNotFoundController,
  ],
  providers: [
    ConsoleSession,
    ConsoleCsrf,
    ConsoleViews,
    ConsoleGuard,
    ConsoleExceptionFilter,
    ConsoleDashboards,
    ConsoleLkePage,
  ],
})
export class ConsoleModule {}
