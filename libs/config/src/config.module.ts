import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, getConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Provides the validated AppConfig; tests pass their own instead of the environment's. */
  static forRoot(config: AppConfig = getConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
