import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';

@Module({})
export class WaterAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WaterAppModule, imports: [...infrastructure(config, ['nats', 'postgres'])] };
  }
}
