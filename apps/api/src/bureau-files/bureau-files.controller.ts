import {
  ArgumentsHost,
  Body,
  CanActivate,
  Catch,
  Controller,
  ExecutionContext,
  ExceptionFilter,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthError, CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { attachment, IngestError, XLSX_TYPE } from '@sanbao/ingest';
import type { Response } from 'express';
import { ApiError } from '../common/api.errors';
import { ApiExceptionFilter } from '../common/exception.filter';
import type { ApiRequest } from '../common/request-context';
import { ApiErrorResponses } from '../common/responses/error.response';
import { BureauFilesService, type ReceivedFile } from './bureau-files.service';
import { BureauFileKindResponse, BureauUploadResponse } from './responses/bureau-file.response';
import type { BureauFileKind, BureauUpload } from './upload-view';

/** Only the bureau officers of the route's sector; checked before any byte of a file is read. */
@Injectable()
export class SectorOfficerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const principal = request.principal;
    if (principal?.role !== 'bureau' || principal.sector !== request.params.sector) {
      throw new AuthError('forbidden', "only the sector's bureau officers may send its files");
    }
    return true;
  }
}

/**
 * The file readers' refusals (libs/ingest) in the API's error shape: an unreadable file is a
 * 422 naming the field `file`, a file over the limit a 413, an unknown kind a 404.
 */
@Catch()
export class UploadErrorFilter implements ExceptionFilter {
  private readonly api = new ApiExceptionFilter();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.api.catch(this.translate(exception), host);
  }

  private translate(exception: unknown): unknown {
    if (exception instanceof PayloadTooLargeException) {
      return new PayloadTooLargeException(
        `the file is larger than ${this.config.ingest.bodyLimitMb} MB; split it`,
      );
    }
    if (!(exception instanceof IngestError)) return exception;
    switch (exception.code) {
      case 'unknown_kind':
        return new ApiError('not_found', exception.message);
      case 'too_many_records':
        return new ApiError('invalid_content', exception.message, { file: [exception.message] });
      case 'invalid_batch':
      case 'nothing_accepted':
      case 'unauthenticated':
      case 'unavailable':
      case 'wrong_sector': {
        const fields = Object.fromEntries(
          (exception.errors ?? []).map((e) => [e.field || 'file', e.messages]),
        );
        return new ApiError('invalid_content', exception.message, fields);
      }
    }
  }
}

/** A file for the browser to save, under its Chinese name (and an ASCII one). */
function sendFile(
  res: Response,
  file: { bytes: Buffer; name: string; ascii: string },
  type: string,
): StreamableFile {
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', attachment(file.name, file.ascii));
  return new StreamableFile(file.bytes);
}

const ROUTE = ':sector/:kind';

/**
 * Bureau officers' files from the console: the kinds, the blank templates (Chinese headings),
 * the upload (read here, relayed to the sector service), its progress and its error sheet.
 */
@ApiTags('bureau files')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 404)
@Controller('bureau-files')
@Roles('bureau')
@UseGuards(SectorOfficerGuard)
@UseFilters(UploadErrorFilter)
export class BureauFilesController {
  constructor(private readonly files: BureauFilesService) {}

  @Get(':sector')
  @ApiOperation({ summary: 'The kinds the sector takes as files, with their form fields' })
  @ApiOkResponse({ type: [BureauFileKindResponse] })
  kinds(@Param('sector') sector: string): BureauFileKind[] {
    return this.files.kinds(sector);
  }

  @Get(`${ROUTE}/template.xlsx`)
  @ApiOperation({ summary: 'The blank template (.xlsx, Chinese headings; field names on sheet 2)' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'the workbook', schema: { type: 'string', format: 'binary' } })
  async xlsxTemplate(
    @Param('sector') sector: string,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.files.template(sector, kind, 'xlsx'), XLSX_TYPE);
  }

  @Get(`${ROUTE}/template.csv`)
  @ApiOperation({ summary: 'The blank template as CSV (UTF-8 with a BOM, Chinese headings)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file', schema: { type: 'string' } })
  async csvTemplate(
    @Param('sector') sector: string,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.files.template(sector, kind, 'csv'), 'text/csv; charset=utf-8');
  }

  @Post(`${ROUTE}/uploads`)
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Upload a file (.xlsx, or CSV in UTF-8 or GB18030): answered once it is read, with the ' +
      "upload's id; the rows are then checked by the sector service (GET the upload for progress)",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'requestId'],
      properties: {
        file: { type: 'string', format: 'binary' },
        requestId: {
          type: 'string',
          format: 'uuid',
          description: 'the same id again: the same upload',
        },
        term: { type: 'string', example: '2026-autumn', description: "the kind's form fields" },
        termStart: { type: 'string', example: '2026-09-01' },
      },
    },
  })
  @ApiAcceptedResponse({ type: BureauUploadResponse })
  @ApiErrorResponses(409, 413, 422, 503)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('sector') sector: string,
    @Param('kind') kind: string,
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() fields: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BureauUpload> {
    const { upload, created } = await this.files.start(principal, sector, kind, file, fields);
    if (!created) res.status(200);
    res.setHeader('location', `/bureau-files/${sector}/${kind}/uploads/${upload.id}`);
    return upload;
  }

  @Get(`${ROUTE}/uploads/:id`)
  @ApiOperation({ summary: "An upload's progress (rows answered for) and, once done, its outcome" })
  @ApiOkResponse({ type: BureauUploadResponse })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('sector') sector: string,
    @Param('kind') kind: string,
    @Param('id') id: string,
  ): Promise<BureauUpload> {
    return this.files.find(principal, sector, kind, id);
  }

  @Get(`${ROUTE}/uploads/:id/errors.xlsx`)
  @ApiOperation({ summary: 'The rejected rows as a sheet: row, column, reason in Chinese' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'the workbook', schema: { type: 'string', format: 'binary' } })
  async errors(
    @CurrentPrincipal() principal: Principal,
    @Param('sector') sector: string,
    @Param('kind') kind: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.files.errorSheet(principal, sector, kind, id), XLSX_TYPE);
  }
}
