import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import type { ActResult } from '@sanbao/domain';
import {
  ActResultDto,
  CompletionDto,
  ExtensionRequestDto,
  LeaderVoteDto,
  ProgressNoteDto,
  SolutionPlanDto,
  TownshipDecisionDto,
  VerificationDto,
  WriteOffCheckDto,
} from './acts.dto';
import { IssueActsService } from './issue-acts.service';
import { issueIdParam } from './issue-id';
import { ApiErrorResponses } from '../common/responses/error.response';

const ANSWERS =
  '200 with the result; 403 wrong role or outside your scope; 409 wrong stage (or a vote ' +
  'already cast, a request id used for another act); 422 invalid content with field messages.';

/**
 * One route per act, each the issue workflow's Update of the same name. The role is checked
 * here; stage, scope and content by the workflow's validator.
 */
@ApiTags('acts')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404, 409, 422, 503)
@Controller('issues/:id')
export class ActsController {
  constructor(private readonly acts: IssueActsService) {}

  @Post('verification')
  @HttpCode(200)
  @Roles('village')
  @ApiOperation({
    summary: '核查: the village cadre verifies the report after a home visit',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  verification(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: VerificationDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'verification', { ...body });
  }

  @Post('township-decision')
  @HttpCode(200)
  @Roles('township')
  @ApiOperation({
    summary: '核查办理意见: forward to the bureau, persuade, or unfounded',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  townshipDecision(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: TownshipDecisionDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'townshipDecision', { ...body });
  }

  @Post('solution-plan')
  @HttpCode(200)
  @Roles('bureau')
  @ApiOperation({
    summary: '解决方案: the county bureau sets the plan (general or major)',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  solutionPlan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: SolutionPlanDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'solutionPlan', { ...body });
  }

  @Post('progress-notes')
  @HttpCode(200)
  @Roles('bureau')
  @ApiOperation({ summary: 'A progress note while the fix is under way', description: ANSWERS })
  @ApiOkResponse({ type: ActResultDto })
  progressNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: ProgressNoteDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'progressNote', { ...body });
  }

  @Post('completion')
  @HttpCode(200)
  @Roles('bureau')
  @ApiOperation({
    summary: 'The bureau reports the work done; the township checks next',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  completion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: CompletionDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'completion', { ...body });
  }

  @Post('extension-request')
  @HttpCode(200)
  @Roles('bureau')
  @ApiOperation({
    summary: 'Ask county leaders to extend a major issue, with milestones',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  extensionRequest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: ExtensionRequestDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'extensionRequest', { ...body });
  }

  @Post('leader-votes')
  @HttpCode(200)
  @Roles('leader')
  @ApiOperation({
    summary: "集体研究决定: a county leader's vote on the open extension",
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  leaderVote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: LeaderVoteDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'leaderVote', { ...body });
  }

  @Post('write-off-check')
  @HttpCode(200)
  @Roles('township')
  @ApiOperation({
    summary: '销号: the township confirms with the household, or reopens',
    description: ANSWERS,
  })
  @ApiOkResponse({ type: ActResultDto })
  writeOffCheck(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: WriteOffCheckDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'writeOffCheck', { ...body });
  }
}
