import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import type { MonthlyReport } from '@sanbao/workflows';
import type { Response } from 'express';
import { IsRequestId, IsText, IsWholeNumber } from '@sanbao/contracts';
import { MAX_TEXT } from '@sanbao/domain';
import { monthParam } from '../common/params';
import { ApiErrorResponses } from '../common/responses/error.response';
import { writeReport } from './report-formats';
import { PaperQueryDto } from '../papers/paper';
import { sendPaper } from '../papers/paper-response';
import { XLSX_TYPE as XLSX } from '../papers/paper-writers';
import { ReportsService, type ReportVersionSummary } from './reports.service';
import {
  KeptReportResponse,
  MonthlyReportResponse,
  ReportCorrectionResponse,
  StageDaysResponse,
} from './responses/monthly-report.response';

/** Which file, which language, and which version of a closed month. */
export class ReportFormatDto extends PaperQueryDto {
  @IsWholeNumber({ min: 1, max: 10000, query: true, optional: true, example: 1 })
  version?: number;
}

/** A correction of a closed month: a new version, with why. */
export class ReportCorrectionDto {
  @IsRequestId()
  requestId: string;

  @IsText({ max: MAX_TEXT, multiline: true, example: '城关镇两户漏报，补录后重新统计。' })
  reason: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(MonthlyReportResponse, StageDaysResponse, ReportCorrectionResponse)
@ApiErrorResponses(401, 403)
@Controller('reports/monthly')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles('township', 'bureau', 'leader', 'supervisor', 'admin')
  @ApiOperation({ summary: "The kept (closed) months, newest first: each one's latest version" })
  @ApiOkResponse({ type: [KeptReportResponse] })
  list(): Promise<ReportVersionSummary[]> {
    return this.reports.list();
  }

  @Get(':month/versions')
  @Roles('township', 'bureau', 'leader', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Every kept version of a month, oldest first, with its corrections' })
  @ApiOkResponse({ type: [KeptReportResponse] })
  @ApiErrorResponses(400, 404)
  versions(@Param('month', monthParam) month: string): Promise<ReportVersionSummary[]> {
    return this.reports.versionsOf(month);
  }

  @Get(':month')
  @Roles('township', 'bureau', 'leader', 'supervisor', 'admin')
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({
    description:
      'JSON by default; ?format=csv or ?format=xlsx downloads a file with Chinese headings ' +
      '(?lang=en: English), times in county time; the XLSX printable (title, unit, totals)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonthlyReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses(400, 404, 422, 503)
  @ApiOperation({
    summary: '月报: one month per township and sector, as JSON, CSV or XLSX',
    description:
      'A closed month: its latest kept version (or ?version=N), served as produced. Else counted ' +
      'now from the kept counts; a month still running is provisional (provisional: true) and ' +
      'counted again on every read. Townships and bureaus get their own rows.',
  })
  async monthly(
    @CurrentPrincipal() principal: Principal,
    @Param('month', monthParam) month: string,
    @Query() query: ReportFormatDto,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.reports.monthly(principal, month, query.version);
    const format = query.format ?? 'json';
    if (format === 'json') {
      res.json(report);
      return;
    }
    await sendPaper(res, format, `monthly-report-${month}`, (open) =>
      writeReport(report, principal, query.lang ?? 'zh-CN', open),
    );
  }

  @Post(':month')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Keep (close) an ended month: version 1, as counted now',
    description:
      'Refused (409) while the month is still running, and once the month is kept: a kept month ' +
      'changes only by a correction.',
  })
  @ApiCreatedResponse({ type: MonthlyReportResponse })
  @ApiErrorResponses(400, 409, 503)
  produce(@Param('month', monthParam) month: string): Promise<MonthlyReport> {
    return this.reports.produce(month);
  }

  @Post(':month/corrections')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Correct a closed month: a new version with a reason; every version stays',
    description:
      'Counts the month again and keeps it as the next version, signed (who, when) with the ' +
      'reason. The same request id answers with the same version.',
  })
  @ApiCreatedResponse({ type: MonthlyReportResponse })
  @ApiErrorResponses(400, 409, 422, 503)
  correct(
    @CurrentPrincipal() principal: Principal,
    @Param('month', monthParam) month: string,
    @Body() body: ReportCorrectionDto,
  ): Promise<MonthlyReport> {
    return this.reports.correct(principal, month, body);
  }
}
