import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { csvUploadStorage } from '@sanbao/ingest';
import { BureauFilesController } from './bureau-files.controller';
import { BureauFilesService } from './bureau-files.service';

/**
 * Bureau officers' files from the console, read with the sector services' own reader and
 * limits (INGEST_BODY_LIMIT_MB, INGEST_MAX_RECORDS) and relayed to them (docs/api.md).
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: csvUploadStorage((params) => params.sector ?? '', config.ingest.maxRecords),
        limits: {
          fileSize: config.ingest.bodyLimitMb * 1024 * 1024,
          files: 1,
          fields: 20,
          fieldSize: 1024,
        },
      }),
    }),
  ],
  controllers: [BureauFilesController],
  providers: [BureauFilesService],
})
export class BureauFilesModule {}
