import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { AuthModule } from '../auth/auth.module';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { OrganizationModule } from '../organization/organization.module';
import { EVIDENCE_ENTITIES } from './evidence.entities';
import { EvidenceController } from './evidence.controller';
import { EvidenceLinkService } from './evidence-links.service';
import { EvidenceService } from './evidence.service';
import { EvidenceStorage } from './evidence-storage';

/**
 * Evidence (bukti dukung): upload, list, download. Other modules import it for EvidenceLinkService
 * (link evidence to their records inside their transactions) and EvidenceService.findVisible.
 *
 * Decisions:
 * - Dedup is by content, not by upload: every upload makes its own evidence_items row (its name, SKPD, uploader,
 *   time); identical bytes share one evidence_files row and one blob, across SKPDs and regions. Responses never
 *   say whether content already existed, so dedup reveals nothing across tenants.
 * - Nothing is written until every check passed (tenant, size, name, sniffed type, zip guard); a refused upload
 *   leaves no row and no file. The blob is written (temp + rename) before the rows, so a row never points at a
 *   missing blob; a crash in between leaves at most an unreferenced blob, reused by the next identical upload.
 * - skpdId null = region-level evidence (uploaded by a region-wide role without an SKPD); planners never see it.
 * - A name with a `..` segment is refused (422 UNSAFE_FILE_NAME); other names keep only their cleaned last segment.
 * - Downloads carry the sniffed type, `attachment` with RFC 5987 `filename*`, nosniff and a sandboxing CSP; the
 *   offered name gets the real extension appended when the typed one differs (foto.pdf holding a PNG → foto.pdf.png).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(EVIDENCE_ENTITIES),
    AuthModule,
    OrganizationModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        // Client file names are UTF-8. The raw name (with any directory part) reaches the service, which refuses
        // `..` names and keeps only the cleaned last segment; it is never used as a path.
        defParamCharset: 'utf8',
        preservePath: true,
        limits: {
          fileSize: config.UPLOAD_MAX_BYTES,
          files: 1,
          fields: 5,
          parts: 6,
          fieldSize: 1024,
          fieldNameSize: 50,
          headerPairs: 50,
        },
      }),
    }),
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceLinkService, EvidenceStorage],
  exports: [EvidenceService, EvidenceLinkService],
})
export class EvidenceModule {}
