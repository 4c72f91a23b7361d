import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';

@Module({})
export class ApiAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ApiAppModule, imports: [...infrastructure(config, ['postgres', 'temporal'])] };
  }
}
