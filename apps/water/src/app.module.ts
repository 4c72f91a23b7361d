import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { IngestModule } from '@sanbao/ingest';
import { usesNats } from '@sanbao/messaging';
import { usesPostgres } from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { WaterNatsController } from './water.controller';
import { WATER_INGEST } from './water.ingest';

@Module({})
export class WaterAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WaterAppModule,
      imports: [
        ...infrastructure(config, [usesNats(), usesPostgres()]),
        IngestModule.forSector(WATER_INGEST),
      ],
      controllers: [WaterNatsController],
    };
  }
}
