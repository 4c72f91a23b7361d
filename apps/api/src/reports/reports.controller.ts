import { Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
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
import { IsOneOf } from '@sanbao/contracts';
import { monthParam } from '../common/params';
import { ApiErrorResponses } from '../common/responses/error.response';
import { reportCsv, reportXlsx } from './report-formats';
import { ReportsService } from './reports.service';
import {
  KeptReportResponse,
  MonthlyReportResponse,
  StageDaysResponse,
} from './responses/monthly-report.response';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ReportFormatDto {
  @IsOneOf(['json', 'csv', 'xlsx'] as const, { optional: true })
  format?: 'json' | 'csv' | 'xlsx';
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(MonthlyReportResponse, StageDaysResponse)
@ApiErrorResponses(401, 403)
@Controller('reports/monthly')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles('township', 'bureau', 'leader', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The kept monthly reports, newest first' })
  @ApiOkResponse({ type: [KeptReportResponse] })
  list(): Promise<Array<{ month: string; producedBy: string; generatedAt: string }>> {
    return this.reports.list();
  }

  @Get(':month')
  @Roles('township', 'bureau', 'leader', 'supervisor', 'admin')
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({
    description: 'JSON by default; ?format=csv or ?format=xlsx downloads a file',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonthlyReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses(400, 422, 503)
  @ApiOperation({
    summary: '月报: one month per township and sector, as JSON, CSV or XLSX',
    description:
      'The kept report when there is one (produced on the 1st by the schedule), else counted ' +
      'now from the audit trail. Townships and bureaus get their own rows.',
  })
  async monthly(
    @CurrentPrincipal() principal: Principal,
    @Param('month', monthParam) month: string,
    @Query() query: ReportFormatDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MonthlyReport | StreamableFile> {
    const report = await this.reports.monthly(principal, month);
    switch (query.format ?? 'json') {
      case 'json':
        return report;
      case 'csv':
        res.setHeader('Content-Disposition', `attachment; filename="monthly-report-${month}.csv"`);
        return new StreamableFile(Buffer.from(reportCsv(report), 'utf8'), {
          type: 'text/csv; charset=utf-8',
        });
      case 'xlsx':
        res.setHeader('Content-Disposition', `attachment; filename="monthly-report-${month}.xlsx"`);
        return new StreamableFile(await reportXlsx(report), {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
    }
  }

  @Post(':month')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Count a month now and keep it (replaces the kept one)' })
  @ApiCreatedResponse({ type: MonthlyReportResponse })
  @ApiErrorResponses(400, 503)
  produce(@Param('month', monthParam) month: string): Promise<MonthlyReport> {
    return this.reports.produce(month);
  }
}
