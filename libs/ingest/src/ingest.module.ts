import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { MachineAuthModule } from '@sanbao/auth';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { NatsQueueServer, NatsService, PlainJsonSerializer } from '@sanbao/messaging';
import { TRANSPORT_SERVER } from '@sanbao/runtime';
import { csvUploadStorage } from './ingest-csv';
import { IngestController, IngestTemplateController } from './ingest.controller';
import { errorReply } from './ingest-errors';
import { IngestNatsHandler } from './ingest-nats.handler';
import { IngestService, SECTOR_INGEST } from './ingest.service';
import { SectorIngest } from './sector-ingest';
import { SignalPublisher } from './signal-publisher';

/**
 * A sector service's ingest edge: HTTP + CSV, NATS request/reply (the app's `@MessagePattern`
 * controller calls IngestNatsHandler; the transport is provided here), rules, signal publishing.
 */
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
      controllers: [IngestController, IngestTemplateController],
      providers: [
        { provide: SECTOR_INGEST, useValue: sector },
        IngestService,
        SignalPublisher,
        IngestNatsHandler,
        {
          provide: TRANSPORT_SERVER,
          inject: [NatsService, APP_CONFIG],
          useFactory: (nats: NatsService, config: AppConfig) =>
            new NatsQueueServer(nats, {
              prefix: config.nats.prefix,
              // One group per sector: several instances share the requests, each answered once.
              queue: `${config.nats.prefix}-ingest-${sector.sector}`,
              serializer: new PlainJsonSerializer(errorReply),
            }),
        },
      ],
      exports: [IngestService, IngestNatsHandler],
    };
  }
}
