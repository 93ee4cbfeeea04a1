import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ORGANIZATION_ENTITIES } from './organization.entities';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { SkpdController } from './skpd.controller';
import { SkpdService } from './skpd.service';

@Module({
  imports: [TypeOrmModule.forFeature(ORGANIZATION_ENTITIES), AuthModule],
  controllers: [RegionsController, SkpdController],
  providers: [RegionsService, SkpdService],
  exports: [SkpdService],
})
export class OrganizationModule {}
