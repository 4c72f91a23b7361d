import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';

@Module({})
export class MedicalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: MedicalAppModule, imports: [...infrastructure(config, ['nats', 'postgres'])] };
  }
}
