import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { IngestModule } from '@sanbao/ingest';
import { usesNats } from '@sanbao/messaging';
import { usesPostgres } from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { HousingNatsController } from './housing.controller';
import { HOUSING_INGEST } from './housing.ingest';

@Module({})
export class HousingAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HousingAppModule,
      imports: [
        ...infrastructure(config, [usesNats(), usesPostgres()]),
        IngestModule.forSector(HOUSING_INGEST),
      ],
      controllers: [HousingNatsController],
    };
  }
}
