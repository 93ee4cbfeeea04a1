import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { PerformanceModule } from '../performance/performance.module';
import { ProgressModule } from '../progress/progress.module';
import { PublicItem } from './entities/public-item.entity';
import { PublicItemsController } from './public-items.controller';
import { PublicPagesController } from './public-pages.controller';
import { PublicPagesService } from './public-pages.service';

export const PUBLIC_PAGE_ENTITIES = [PublicItem];

/** Public pages for citizens (issue 21): opt-in items, server-rendered HTML and JSON, no login. */
@Module({
  imports: [
    TypeOrmModule.forFeature(PUBLIC_PAGE_ENTITIES),
    AuthModule,
    AuditModule,
    ProgressModule,
    PerformanceModule,
    DocumentsModule,
  ],
  controllers: [PublicItemsController, PublicPagesController],
  providers: [PublicPagesService],
  exports: [PublicPagesService],
})
export class PublicPagesModule {}
