import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { MachineAuthModule } from '@sanbao/auth';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { csvUploadStorage } from './ingest-csv';
import { IngestController } from './ingest.controller';
import { IngestNatsResponder } from './ingest-nats.responder';
import { IngestService, SECTOR_INGEST } from './ingest.service';
import { SectorIngest } from './sector-ingest';
import { SignalPublisher } from './signal-publisher';

/** A sector service's ingest edge: HTTP + CSV, NATS request/reply, rules, signal publishing. */
@Module({})
export class IngestModule {
  static forSector(sector: SectorIngest): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        MachineAuthModule.forSector(sector.sector),
        MulterModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            storage: csvUploadStorage(sector.sector, config.ingest.maxRecords),
            limits: { fileSize: config.ingest.bodyLimitMb * 1024 * 1024, files: 1 },
          }),
        }),
      ],
      controllers: [IngestController],
      providers: [
        { provide: SECTOR_INGEST, useValue: sector },
        IngestService,
        SignalPublisher,
        IngestNatsResponder,
      ],
      exports: [IngestService],
    };
  }
}
