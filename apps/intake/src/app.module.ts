import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';
import { IntakeModule } from './intake.module';

@Module({})
export class IntakeAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IntakeAppModule,
      imports: [...infrastructure(config, ['nats', 'temporal']), IntakeModule],
    };
  }
}
