import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import { IsMonth, IsOneOf } from '@sanbao/contracts';
import type { Request, Response } from 'express';
import { LangQueryDto, readerLang } from '../common/lang';
import { ApiErrorResponses } from '../common/responses/error.response';
import { issueIdParam } from '../issues/issue-id';
import { LedgerQueryDto } from '../issues/issues.dto';
import { PAPER_LANGS, type PaperLang } from '../papers/paper';
import { sendPaper } from '../papers/paper-response';
import { XLSX_TYPE } from '../papers/paper-writers';
import { ConsoleViewsService, type Dashboard, type IssueTimeline } from './console-views.service';
import { DashboardResponse, IssueTimelineResponse } from './responses/console.response';

const LEDGER_FILE =
  'Up to 50,000 rows in the order of GET /issues; `page`/`cursor` are ignored. Chinese ' +
  'headings and words (`lang=en`: English), times in county time, a totals row.';

/** The ledger's filters, and the language of the file. */
export class LedgerExportQueryDto extends LedgerQueryDto {
  @IsOneOf(PAPER_LANGS, { optional: true, example: 'zh-CN' })
  lang?: PaperLang;
}

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
  @ApiErrorResponses(400, 404, 422, 503)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'One issue with its plain-language history, for everyone whose scope holds it',
  })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Query() query: LangQueryDto,
    @Req() req: Request,
  ): Promise<IssueTimeline> {
    return this.views.timeline(principal, id, readerLang(query.lang, req));
  }

  @Get('dashboard')
  @ApiOkResponse({ type: DashboardResponse })
  @ApiErrorResponses(422)
  // The administrator reads it too: it is where the holiday calendar's coverage warning is shown
  // to whoever loads next year's State Council list (docs/deadline-policy.md).
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Counts by stage and sector, on-time rates, month-on-month figures, overdue list',
  })
  dashboard(@Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.views.dashboard(query.month);
  }

  @Get('ledger.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description: 'an attachment, ledger.xlsx: a printable sheet, Chinese headings unless lang=en',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses(422)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'The ledger (台账) with the filters of GET /issues, as XLSX, streamed',
    description: LEDGER_FILE,
  })
  async ledgerWorkbook(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LedgerExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await sendPaper(res, 'xlsx', 'ledger', (open) =>
      this.views.ledgerPaper(principal, query, open),
    );
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
    description: LEDGER_FILE,
  })
  async ledgerCsv(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LedgerExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await sendPaper(res, 'csv', 'ledger', (open) => this.views.ledgerPaper(principal, query, open));
  }
}
