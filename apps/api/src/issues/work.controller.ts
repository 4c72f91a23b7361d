import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import {
  IssueReadsService,
  type AccountabilityGroup,
  type ExtensionView,
  type WorkItem,
} from './issue-reads.service';
import { ApiErrorResponses } from '../common/responses/error.response';
import { AccountabilityQueryDto, ExtensionQueryDto } from './issues.dto';
import { WorkItemResponse } from './responses/ledger-issue.response';
import { AccountabilityGroupResponse, ExtensionResponse } from './responses/work.response';

@ApiTags('work')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 422)
@Controller()
export class WorkController {
  constructor(private readonly reads: IssueReadsService) {}

  @Get('my-work')
  @ApiOkResponse({ type: [WorkItemResponse] })
  @ApiOperation({
    summary: 'Your open tasks, soonest due first; overdue ones marked',
    description:
      'Village: verifications; township: decisions and write-off checks; bureau: plans and ' +
      'fixes; leader: extensions awaiting your vote; supervisor: every overdue issue.',
  })
  myWork(@CurrentPrincipal() principal: Principal): Promise<WorkItem[]> {
    return this.reads.myWork(principal);
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
  @ApiOkResponse({ type: [AccountabilityGroupResponse] })
  @Roles('supervisor', 'leader')
  @ApiOperation({ summary: '责任追究: lapses per responsible unit and stage, with days late' })
  accountability(@Query() query: AccountabilityQueryDto): Promise<AccountabilityGroup[]> {
    return this.reads.accountability(query);
  }
}
