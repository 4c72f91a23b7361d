import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { usesNats } from '@sanbao/messaging';
import { infrastructure } from '@sanbao/runtime';
import { usesTemporal } from '@sanbao/temporal';
import { IntakeModule } from './intake.module';

@Module({})
export class IntakeAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IntakeAppModule,
      imports: [...infrastructure(config, [usesNats(), usesTemporal()]), IntakeModule],
    };
  }
}
