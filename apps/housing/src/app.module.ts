import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';

@Module({})
export class HousingAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: HousingAppModule, imports: [...infrastructure(config, ['nats', 'postgres'])] };
  }
}
