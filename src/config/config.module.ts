import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './env';

export const APP_CONFIG = 'APP_CONFIG';

/** Makes the validated configuration injectable everywhere: `@Inject(APP_CONFIG) config: AppConfig`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
