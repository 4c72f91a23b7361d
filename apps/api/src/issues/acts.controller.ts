import { applyDecorators, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sanbao/auth';
import { ACTS, actRoles, type ActName, type ActResult } from '@sanbao/domain';
import {
  ActResultDto,
  CompletionDto,
  ExtensionRequestDto,
  LeaderVoteDto,
  MergeDto,
  ProgressNoteDto,
  RerouteDto,
  SendBackDto,
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

/** An act's route, roles and description, as the act catalogue defines them. */
function ActRoute(name: ActName): MethodDecorator {
  const act = ACTS[name];
  return applyDecorators(
    Post(act.route),
    HttpCode(200),
    Roles(...actRoles(name)),
    ApiOperation({ summary: act.about, description: ANSWERS }),
    ApiOkResponse({ type: ActResultDto }),
  );
}

/**
 * One route per act, each the issue workflow's Update of the same name; route, role and summary
 * come from the act catalogue. The role is checked here; stage, scope and content by the
 * workflow's validator.
 */
@ApiTags('acts')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404, 409, 422, 503)
@Controller('issues/:id')
export class ActsController {
  constructor(private readonly acts: IssueActsService) {}

  @ActRoute('verification')
  verification(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: VerificationDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'verification', { ...body });
  }

  @ActRoute('townshipDecision')
  townshipDecision(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: TownshipDecisionDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'townshipDecision', { ...body });
  }

  @ActRoute('solutionPlan')
  solutionPlan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: SolutionPlanDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'solutionPlan', { ...body });
  }

  @ActRoute('progressNote')
  progressNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: ProgressNoteDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'progressNote', { ...body });
  }

  @ActRoute('completion')
  completion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: CompletionDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'completion', { ...body });
  }

  @ActRoute('extensionRequest')
  extensionRequest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: ExtensionRequestDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'extensionRequest', { ...body });
  }

  @ActRoute('leaderVote')
  leaderVote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: LeaderVoteDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'leaderVote', { ...body });
  }

  @ActRoute('writeOffCheck')
  writeOffCheck(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: WriteOffCheckDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'writeOffCheck', { ...body });
  }

  @ActRoute('merge')
  merge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: MergeDto,
  ): Promise<ActResult> {
    return this.acts.intoSurvivor(principal, id, 'merge', body);
  }

  @ActRoute('sendBack')
  sendBack(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: SendBackDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'sendBack', { ...body });
  }

  @ActRoute('reroute')
  reroute(
    @CurrentPrincipal() principal: Principal,
    @Param('id', issueIdParam) id: string,
    @Body() body: RerouteDto,
  ): Promise<ActResult> {
    return this.acts.act(principal, id, 'reroute', { ...body });
  }
}
