import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import { IsMonth } from '@sanbao/contracts';
import type { Response } from 'express';
import { ApiErrorResponses } from '../common/responses/error.response';
import { issueIdParam } from '../issues/issue-id';
import { LedgerQueryDto } from '../issues/issues.dto';
import { ConsoleViewsService, type Dashboard, type IssueTimeline } from './console-views.service';
import { DashboardResponse, IssueTimelineResponse } from './responses/console.response';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class DashboardQueryDto {
  @IsMonth({ optional: true, description: 'the month (county time); default: this month' })
  month?: string;
}

/**
 * Read routes made for the web console: an issue's timeline for everyone in scope, the
 * dashboard's figures, the ledger as a workbook. Thin: each calls one service method.
 */
@ApiTags('console')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('console-api')
export class ConsoleViewsController {
  constructor(private readonly views: ConsoleViewsService) {}

  @Get('issues/:id/timeline')
  @ApiOkResponse({ type: IssueTimelineResponse })
  @ApiErrorResponses(400, 404, 503)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'One issue with its plain-language history, for everyone whose scope holds it',
  })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
  ): Promise<IssueTimeline> {
    return this.views.timeline(principal, id);
  }

  @Get('dashboard')
  @ApiOkResponse({ type: DashboardResponse })
  @ApiErrorResponses(422)
  @Roles('leader', 'supervisor')
  @ApiOperation({
    summary: 'Counts by stage and sector, on-time rates, month-on-month figures, overdue list',
  })
  dashboard(@Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.views.dashboard(query.month);
  }

  @Get('ledger.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'an attachment, ledger.xlsx',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses(422)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'The ledger (台账) with the filters of GET /issues, as XLSX, streamed',
    description: 'Up to 50,000 rows in the order of GET /issues; `page`/`cursor` are ignored.',
  })
  async ledgerWorkbook(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LedgerQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="ledger.xlsx"');
    await streamed(res, () => this.views.ledgerWorkbook(principal, query, res));
  }

  @Get('ledger.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'an attachment, ledger.csv (UTF-8 with a byte-order mark)',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses(422)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'The ledger (台账) with the filters of GET /issues, as CSV, streamed',
    description: 'Up to 50,000 rows in the order of GET /issues; `page`/`cursor` are ignored.',
  })
  async ledgerCsv(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LedgerQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="ledger.csv"');
    await streamed(res, () => this.views.ledgerCsv(principal, query, res));
  }
}

/**
 * Writes a streamed answer. A failure before the first byte is an ordinary error answer; after
 * it, the status is gone, so the connection is cut and the client sees a broken download.
 */
async function streamed(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      throw error;
    }
    res.destroy(error instanceof Error ? error : undefined);
  }
}
