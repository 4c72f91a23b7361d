import { DynamicModule, Global, Module } from '@nestjs/common';
import { TemporalClientService } from './temporal-client.service';

@Global()
@Module({})
export class TemporalModule {
  static forRoot(): DynamicModule {
    return {
      module: TemporalModule,
      providers: [TemporalClientService],
      exports: [TemporalClientService],
    };
  }
}
