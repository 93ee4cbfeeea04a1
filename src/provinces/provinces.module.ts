import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProgressModule } from '../progress/progress.module';
import { ProvincesController } from './provinces.controller';
import { ProvincesService } from './provinces.service';

/** Provinces over their kabupaten/kota (issue 21): oversight, recap. */
@Module({
  imports: [AuthModule, ProgressModule],
  controllers: [ProvincesController],
  providers: [ProvincesService],
  exports: [ProvincesService],
})
export class ProvincesModule {}
