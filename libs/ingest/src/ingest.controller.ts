import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MachineKeyGuard } from '@sanbao/auth';
import type { IngestReply } from '@sanbao/contracts';
import type { Request, Response } from 'express';
import { csvContract, ingestCsv, UploadedCsv } from './ingest-csv';
import { IngestExceptionFilter } from './ingest-errors';
import {
  attachment,
  errorWorkbook,
  templateCsv,
  templateWorkbook,
  XLSX_TYPE,
} from './ingest-sheets';
import { IngestError } from './ingest.error';
import { IngestService } from './ingest.service';

/**
 * The sector's HTTP edge: `POST /ingest/<kind>` with a JSON batch; `POST /ingest/<kind>/file`
 * (or `/csv`, `/xlsx`: the same route) with a multipart upload (field `file`: CSV in UTF-8 or
 * GB18030, or .xlsx; the envelope's other fields as form fields). An upload that asks for
 * `Accept: <xlsx>` (or `?errors=xlsx`) is answered with the sheet of its rejected rows.
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

  @Post([':kind/file', ':kind/csv', ':kind/xlsx'])
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @Param('kind') kind: string,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() fields: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestReply | StreamableFile> {
    const batch = ingestCsv(this.ingest.sectorName, kind, file, fields);
    const wantsSheet =
      req.query.errors === 'xlsx' || (req.headers.accept ?? '').includes(XLSX_TYPE);
    if (!wantsSheet) return this.ingest.ingest(kind, batch);
    let reply: IngestReply;
    try {
      reply = await this.ingest.ingest(kind, batch);
    } catch (error) {
      // Nothing accepted: the sheet says why, row by row, with the 422 status.
      if (!(error instanceof IngestError) || !error.reply) throw error;
      reply = error.reply;
      res.status(422);
    }
    const contract = csvContract(this.ingest.sectorName, kind);
    res.setHeader('content-type', XLSX_TYPE);
    res.setHeader('content-disposition', attachment(`${kind}-错误.xlsx`, `${kind}-errors.xlsx`));
    // The counts also as headers, for a client that only saves the file.
    res.setHeader('x-ingest-received', String(reply.received));
    res.setHeader('x-ingest-accepted', String(reply.accepted));
    res.setHeader('x-ingest-rejected', String(reply.rejected.length));
    return new StreamableFile(await errorWorkbook(contract, reply));
  }
}

/**
 * The blank templates of each flat kind, with Chinese headings. Public: a template holds no
 * data, and bureau staff download it from a browser without the system's machine key.
 */
@Controller('ingest')
@UseFilters(IngestExceptionFilter)
export class IngestTemplateController {
  constructor(private readonly ingest: IngestService) {}

  @Get(':kind/template.xlsx')
  @Header('content-type', XLSX_TYPE)
  async xlsx(
    @Param('kind') kind: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const contract = csvContract(this.ingest.sectorName, kind);
    res.setHeader('content-disposition', this.fileName(kind, 'xlsx'));
    return new StreamableFile(await templateWorkbook(contract));
  }

  @Get(':kind/template.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  csv(@Param('kind') kind: string, @Res({ passthrough: true }) res: Response): StreamableFile {
    const contract = csvContract(this.ingest.sectorName, kind);
    res.setHeader('content-disposition', this.fileName(kind, 'csv'));
    return new StreamableFile(templateCsv(contract));
  }

  private fileName(kind: string, ext: string): string {
    const title = csvContract(this.ingest.sectorName, kind).headings?.title ?? kind;
    return attachment(`${title}-模板.${ext}`, `${kind}-template.${ext}`);
  }
}
