import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActResult,
  CompletionAct,
  Evidence,
  ExtensionRequestAct,
  IssueState,
  LeaderVoteAct,
  ProgressNoteAct,
  SolutionPlanAct,
  TownshipDecisionAct,
  VerificationAct,
  WriteOffCheckAct,
} from '@sanbao/domain';

/**
 * The issue workflow's messages, exported for clients (intake, API) and tests. Names are part
 * of the saved histories: renaming one breaks replay of running issues.
 */
export const ISSUE_WORKFLOW_TYPE = 'issueWorkflow';

/** New evidence about an open issue (from intake's signal-with-start or from a person). */
export const evidenceSignal = defineSignal<[Evidence]>('evidence');

export const issueStateQuery = defineQuery<IssueState>('issueState');

export const verificationUpdate = defineUpdate<ActResult, [VerificationAct]>('verification');
export const townshipDecisionUpdate = defineUpdate<ActResult, [TownshipDecisionAct]>(
  'townshipDecision',
);
export const solutionPlanUpdate = defineUpdate<ActResult, [SolutionPlanAct]>('solutionPlan');
export const progressNoteUpdate = defineUpdate<ActResult, [ProgressNoteAct]>('progressNote');
export const completionUpdate = defineUpdate<ActResult, [CompletionAct]>('completion');
export const extensionRequestUpdate = defineUpdate<ActResult, [ExtensionRequestAct]>(
  'extensionRequest',
);
export const leaderVoteUpdate = defineUpdate<ActResult, [LeaderVoteAct]>('leaderVote');
export const writeOffCheckUpdate = defineUpdate<ActResult, [WriteOffCheckAct]>('writeOffCheck');
