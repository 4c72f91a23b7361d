import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import type { Request, Response } from 'express';
import { LangQueryDto, readerLang } from '../common/lang';
import { householdParam } from '../common/params';
import { ApiErrorResponses } from '../common/responses/error.response';
import { issueIdParam } from './issue-id';
import { IssueActsService, type ReportedIssue } from './issue-acts.service';
import { IssueHistoryService, type IssueHistory } from './history.service';
import { IssueReadsService } from './issue-reads.service';
import type { LedgerIssueView, Page } from './issue-views';
import { LedgerQueryDto, ReportIssueDto } from './issues.dto';
import { IssueHistoryResponse, RawHistoryResponse } from './responses/history.response';
import {
  LedgerIssueResponse,
  LedgerPageResponse,
  ReportedIssueResponse,
} from './responses/ledger-issue.response';

@ApiTags('issues')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 503)
@Controller()
export class IssuesController {
  constructor(
    private readonly acts: IssueActsService,
    private readonly reads: IssueReadsService,
    private readonly histories: IssueHistoryService,
  ) {}

  @Post('issues')
  @ApiCreatedResponse({ type: ReportedIssueResponse })
  @ApiErrorResponses(409, 422)
  @Roles('village', 'township', 'bureau')
  @ApiOperation({
    summary: 'Report an issue by hand (hotline, village patrol, the household itself)',
    description:
      'Starts the same issue workflow as a sector signal. An open issue about the same ' +
      'household, sector and kind gets the report as new evidence instead (created: false).',
  })
  report(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReportIssueDto,
  ): Promise<ReportedIssue> {
    return this.acts.report(principal, body);
  }

  @Get('issues')
  @ApiOkResponse({ type: LedgerPageResponse })
  @ApiErrorResponses(422)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({ summary: 'The ledger (台账): filtered, sorted, paginated, within your scope' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LedgerQueryDto,
  ): Promise<Page<LedgerIssueView>> {
    return this.reads.list(principal, query);
  }

  @Get('issues/:id')
  @ApiOkResponse({ type: LedgerIssueResponse })
  @ApiErrorResponses(400, 404)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({
    summary: 'One issue as the ledger shows it',
    description:
      'An act answers once its decision is durable; the ledger follows within a moment. To read ' +
      "an act's own write, pass its answer's seq as minSeq: the read waits up to 5 s for the " +
      'ledger to hold it. The X-Ledger-Seq header says which record seq the answer reflects.',
  })
  @ApiQuery({ name: 'minSeq', required: false, type: Number })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Query('minSeq', new ParseIntPipe({ optional: true })) minSeq: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LedgerIssueView> {
    const { view, lastSeq } = await this.reads.getAt(principal, id, minSeq);
    response.setHeader('X-Ledger-Seq', String(lastSeq));
    return view;
  }

  @Get('households/:householdId/issues')
  @ApiOkResponse({ type: [LedgerIssueResponse] })
  @ApiErrorResponses(400)
  @Roles('village', 'township', 'bureau', 'leader', 'supervisor')
  @ApiOperation({ summary: "One household's issues together, newest first" })
  household(
    @CurrentPrincipal() principal: Principal,
    @Param('householdId', householdParam) householdId: string,
  ): Promise<LedgerIssueView[]> {
    return this.reads.household(principal, householdId);
  }

  @Get('issues/:id/history')
  @ApiOkResponse({ type: IssueHistoryResponse })
  @ApiErrorResponses(400, 404, 422)
  @Roles('supervisor', 'leader')
  @ApiOperation({
    summary: "An issue's history in plain language",
    description:
      'Every act with who and why, every time limit, lapse, reminder, escalation and vote, in ' +
      'order; with a link to the workflow in the Temporal Web UI. The sentences are Chinese ' +
      'with Beijing times; `lang=en` (or Accept-Language: en) gives English.',
  })
  history(
    @Param('id', issueIdParam) id: string,
    @Query() query: LangQueryDto,
    @Req() req: Request,
  ): Promise<IssueHistory> {
    return this.histories.history(id, readerLang(query.lang, req));
  }

  @Get('issues/:id/history/raw')
  @ApiOkResponse({
    type: RawHistoryResponse,
    description: 'a JSON attachment, <issue key>.history.json',
  })
  @ApiErrorResponses(400, 404)
  @Roles('supervisor', 'leader')
  @ApiOperation({ summary: "Download the issue workflow's raw Temporal history (every run)" })
  async rawHistory(
    @Param('id', issueIdParam) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const raw = await this.histories.rawHistory(id);
    const file = raw.issueKey.replace(/[^A-Za-z0-9_-]+/g, '_');
    res.setHeader('Content-Disposition', `attachment; filename="${file}.history.json"`);
    return raw;
  }
}
