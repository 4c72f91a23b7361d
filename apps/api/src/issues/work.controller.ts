import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import type { Response } from 'express';
import { IssueReadsService, type ExtensionView, type WorkItem } from './issue-reads.service';
import { ApiErrorResponses } from '../common/responses/error.response';
import { sendPaper } from '../papers/paper-response';
import { XLSX_TYPE } from '../papers/paper-writers';
import { REGISTER_EXPORT_LIMIT, RegisterPaperService } from './register-paper';
import { AccountabilityQueryDto, ExtensionQueryDto, WorkQueryDto } from './issues.dto';
import { WorkItemResponse } from './responses/ledger-issue.response';
import { AccountabilityRegisterResponse, ExtensionResponse } from './responses/work.response';

@ApiTags('work')
@ApiExtraModels(AccountabilityRegisterResponse)
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 422)
@Controller()
export class WorkController {
  constructor(
    private readonly reads: IssueReadsService,
    private readonly register: RegisterPaperService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('my-work')
  @ApiOkResponse({
    type: [WorkItemResponse],
    headers: {
      'X-Next-Cursor': { description: 'the cursor of the next page; absent on the last page' },
      Link: { description: '`</my-work?cursor=…>; rel="next"` when there is a next page' },
    },
  })
  @ApiOperation({
    summary: 'Your open tasks, soonest due first, a page at a time; overdue ones marked',
    description:
      'Village: verifications; township: decisions and write-off checks; bureau: plans and ' +
      'fixes; leader: extensions awaiting your vote; supervisor: every overdue issue. The ' +
      'answer is the page (`limit`, default 100); when there is more, the `X-Next-Cursor` ' +
      'header (and `Link: <...>; rel="next"`) gives the cursor of the next page.',
  })
  async myWork(
    @CurrentPrincipal() principal: Principal,
    @Query() query: WorkQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WorkItem[]> {
    const page = await this.reads.myWork(principal, query);
    if (page.nextCursor) {
      const next = new URLSearchParams({ cursor: page.nextCursor });
      if (query.limit) next.set('limit', String(query.limit));
      res.setHeader('X-Next-Cursor', page.nextCursor);
      res.setHeader('Link', `</my-work?${next.toString()}>; rel="next"`);
    }
    return page.items;
  }

  @Get('extensions')
  @ApiOkResponse({ type: [ExtensionResponse] })
  @Roles('leader', 'supervisor')
  @ApiOperation({
    summary: 'Extension requests awaiting your vote (status=awaiting) or decided with every vote',
  })
  extensions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExtensionQueryDto,
  ): Promise<ExtensionView[]> {
    return query.status === 'decided' ? this.reads.decided() : this.reads.awaitingVote(principal);
  }

  @Get('accountability')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description:
      'JSON by default; `format=csv` or `format=xlsx` downloads the register (责任追究登记), ' +
      'streamed, Chinese headings unless `lang=en`, times in county time',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccountabilityRegisterResponse) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @Roles('supervisor', 'leader')
  @ApiOperation({
    summary: '责任追究: lapses per responsible unit and stage, with days late',
    description:
      'Over a county month (`month`, the one month rule: lapses whose limit fell in it) or a ' +
      'range of due times (`from`..`to`, at most 366 days; default the last 92 days): ' +
      'the figures of every unit and stage, and the lapses a page at a time (`pageSize`, ' +
      "`cursor` = the previous answer's `nextCursor`). As a file (`format=csv|xlsx`): every " +
      `lapse of the range up to ${REGISTER_EXPORT_LIMIT} (cursor and pageSize ignored); the ` +
      'workbook adds a sheet of the figures per unit and stage, each with a totals row.',
  })
  async accountability(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AccountabilityQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = query.format ?? 'json';
    if (format === 'json') {
      res.json(await this.reads.accountability(query, this.config.deadlinePolicy.timeZone));
      return;
    }
    this.register.check(query);
    const name = `accountability-${query.month ?? query.from?.slice(0, 10) ?? 'recent'}`;
    await sendPaper(res, format, name, (open) =>
      this.register.write(principal, query, query.lang ?? 'zh-CN', open),
    );
  }
}
