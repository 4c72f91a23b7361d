import {
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MachineKeyGuard } from '@sanbao/auth';
import type { IngestReply } from '@sanbao/contracts';
import { ingestCsv, UploadedCsv } from './ingest-csv';
import { IngestExceptionFilter } from './ingest-errors';
import { IngestService } from './ingest.service';

/**
 * The sector's HTTP edge: `POST /ingest/<kind>` with a JSON batch, `POST /ingest/<kind>/csv`
 * with a multipart upload (field `file`, plus the envelope's other fields as form fields).
 */
@Controller('ingest')
@UseGuards(MachineKeyGuard)
@UseFilters(IngestExceptionFilter)
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post(':kind')
  @HttpCode(200)
  json(@Param('kind') kind: string, @Body() body: unknown): Promise<IngestReply> {
    return this.ingest.ingest(kind, { body });
  }

  @Post(':kind/csv')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  csv(
    @Param('kind') kind: string,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() fields: Record<string, unknown>,
  ): Promise<IngestReply> {
    return this.ingest.ingest(kind, ingestCsv(this.ingest.sectorName, kind, file, fields));
  }
}
