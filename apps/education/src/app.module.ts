import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { IngestModule } from '@sanbao/ingest';
import { usesNats } from '@sanbao/messaging';
import { usesPostgres } from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { EducationNatsController } from './education.controller';
import { EDUCATION_INGEST } from './education.ingest';

@Module({})
export class EducationAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EducationAppModule,
      imports: [
        ...infrastructure(config, [usesNats(), usesPostgres()]),
        IngestModule.forSector(EDUCATION_INGEST),
      ],
      controllers: [EducationNatsController],
    };
  }
}
