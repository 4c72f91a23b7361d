import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';

@Module({})
export class EducationAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EducationAppModule,
      imports: [...infrastructure(config, ['nats', 'postgres'])],
    };
  }
}
