import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BudgetModule } from '../budget/budget.module';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { EvidenceModule } from '../evidence/evidence.module';
import { PerformanceModule } from '../performance/performance.module';
import { PlanningModule } from '../planning/planning.module';
import { ReportingModule } from '../reporting/reporting.module';
import { LheDocumentsController } from './lhe-documents.controller';
import { LheDocumentsService } from './lhe-documents.service';
import { LkjipDocumentsController } from './lkjip-documents.controller';
import { LkjipDocumentsService } from './lkjip-documents.service';
import { DOCUMENT_ENTITIES } from './documents.entities';
import { PemdaPkDocumentsController, PkDocumentsController } from './pk-documents.controller';
import { DocumentSigningService } from './document-signing.service';
import { PkDocumentsService } from './pk-documents.service';
import { GatewayProvider } from './signing/gateway.provider';
import { LocalP12Provider } from './signing/local-p12.provider';
import { NoSigningProvider, SIGNING_PROVIDER, type SigningProvider } from './signing/signing-provider';
import { VerificationController, VerificationPageController } from './verification.controller';

/** The provider chosen by SIGNING_PROVIDER (validated at startup: a p12 path or a gateway URL is required). */
export function signingProviderFor(config: AppConfig): SigningProvider {
  if (config.SIGNING_PROVIDER === 'local-p12')
    return new LocalP12Provider(config.SIGNING_P12_PATH!, config.SIGNING_P12_PASSPHRASE ?? '');
  if (config.SIGNING_PROVIDER === 'gateway')
    return new GatewayProvider({
      baseUrl: config.SIGNING_GATEWAY_URL!,
      user: config.SIGNING_GATEWAY_USER,
      password: config.SIGNING_GATEWAY_PASSWORD,
      timeoutMs: config.SIGNING_GATEWAY_TIMEOUT_MS,
    });
  return new NoSigningProvider();
}

/**
 * Documents a region signs and publishes: the Perjanjian Kinerja as PDF, the LHE as DOCX, its electronic signature through a
 * signing provider (local-p12 | gateway | none) and the public verification page. Signed files are stored once by
 * sha256 in the evidence registry.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(DOCUMENT_ENTITIES),
    AuditModule,
    BudgetModule,
    EvidenceModule,
    PlanningModule,
    PerformanceModule,
    ReportingModule,
  ],
  controllers: [
    PkDocumentsController,
    PemdaPkDocumentsController,
    LheDocumentsController,
    LkjipDocumentsController,
    VerificationController,
    VerificationPageController,
  ],
  providers: [
    DocumentSigningService,
    PkDocumentsService,
    LheDocumentsService,
    LkjipDocumentsService,
    { provide: SIGNING_PROVIDER, inject: [APP_CONFIG], useFactory: signingProviderFor },
  ],
  exports: [DocumentSigningService, PkDocumentsService, LheDocumentsService, LkjipDocumentsService],
})
export class DocumentsModule {}
