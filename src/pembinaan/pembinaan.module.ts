import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { PembinaanController } from './pembinaan.controller';
import { PEMBINAAN_ENTITIES } from './pembinaan.entities';
import { PembinaanService } from './pembinaan.service';

/** Pembinaan (issue 21): a province's assistance to its kabupaten/kota and their follow-up. */
@Module({
  imports: [TypeOrmModule.forFeature(PEMBINAAN_ENTITIES), AuditModule, AuthModule],
  controllers: [PembinaanController],
  providers: [PembinaanService],
  exports: [PembinaanService],
})
export class PembinaanModule {}
