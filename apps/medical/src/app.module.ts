import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { IngestModule } from '@sanbao/ingest';
import { usesNats } from '@sanbao/messaging';
import { usesPostgres } from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { MedicalNatsController } from './medical.controller';
import { MEDICAL_INGEST } from './medical.ingest';

@Module({})
export class MedicalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MedicalAppModule,
      imports: [
        ...infrastructure(config, [usesNats(), usesPostgres()]),
        IngestModule.forSector(MEDICAL_INGEST),
      ],
      controllers: [MedicalNatsController],
    };
  }
}
