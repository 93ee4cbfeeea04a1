import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the synthetic demo regions at start-up in demo mode (see README, "Demo"). */
@Module({ imports: [AuthModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
