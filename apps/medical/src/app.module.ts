import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { IngestModule } from '@sanbao/ingest';
import { infrastructure } from '@sanbao/runtime';
import { MEDICAL_INGEST } from './medical.ingest';

@Module({})
export class MedicalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MedicalAppModule,
      imports: [
        ...infrastructure(config, ['nats', 'postgres']),
        IngestModule.forSector(MEDICAL_INGEST),
      ],
    };
  }
}
