import type { ActBase, ActResult, Evidence, IssueStartInput, IssueState } from '@sanbao/domain';
import type { WorkflowExecutionStatusName } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

/**
 * What the issue workflows look like to the apps (the gateway's port): the calls and their
 * answers. The Temporal implementation is issue-workflows.ts.
 */

/** Nest token of the gateway: inject `@Inject(ISSUE_WORKFLOWS) workflows: IssueWorkflows`. */
export const ISSUE_WORKFLOWS = Symbol('IssueWorkflows');

/** One Temporal history, in the SDK's proto form (what `fetchHistory` gives). */
export type WorkflowHistory = temporal.api.history.v1.IHistory;

/** Which opening an act is for: the key, pinned to its first run when that is known. */
export interface IssueTarget {
  issueKey: string;
  /** first run id of the opening; an act then never reaches a later opening of the key */
  openingId?: string;
}

export interface IssueRun {
  /** the hashed id, or the raw issue key of an issue opened before ids were hashed */
  workflowId: string;
  runId: string;
  history: WorkflowHistory;
}

/** One issue workflow execution as the visibility store lists it. */
export interface IssueExecution {
  /** a hashed id (or a raw issue key from before hashing): Temporal never sees the key */
  workflowId: string;
  runId: string;
  status: WorkflowExecutionStatusName;
  startTime: string;
  closeTime: string | null;
  /** the IssueStage search attribute (absent on a run that never set it) */
  stage?: string;
}

/**
 * Everything the apps ask of issue workflows, in the project's words. The intake, the API and
 * the demo seed go through it, so the id policies, the update ids and the refusal codes are
 * written once; services that use it are unit-tested with a stub of this interface.
 *
 * Callers name issues by issue key; Temporal only ever sees the keyed hash of it
 * (issueWorkflowId). Issues opened before ids were hashed keep the raw key as their id: with
 * the legacy lookup on, every call that does not find the hashed id tries the raw key.
 */
export interface IssueWorkflows {
  /** The workflow id a new opening of the key gets (what the Temporal Web UI shows). */
  workflowIdOf(issueKey: string): string;
  /**
   * Opens the issue for the key, or adds the evidence to the issue already open for it
   * (signal-with-start). After write-off the same key opens a new issue. `issueKey`: the key
   * of the issue that took the evidence (an issue opened under its kind's key before problem
   * families keeps that key).
   */
  startOrJoin(input: IssueStartInput, evidence: Evidence): Promise<Joined>;
  /**
   * One act as the workflow's Update of that name; its update id is `actUpdateId` (request
   * id, act, content), so a repeat gets the first answer and a reused request id is refused. Throws IssueActRejected or IssueWorkflowNotFound.
   */
  act(target: IssueTarget, updateName: string, act: ActBase): Promise<ActResult>;
  /**
   * The typed state: of the key's latest run, or of one run. A run that completed answers
   * with its result (no worker needed); undefined when there is no such workflow.
   */
  readState(issueKey: string, runId?: string): Promise<IssueState | undefined>;
  /** The same, by workflow id (what the visibility store lists): no key needed. */
  readStateOf(workflowId: string, runId?: string): Promise<IssueState | undefined>;
  /** 'running' or 'closed' for the key's latest run; undefined when none ever ran. */
  status(issueKey: string): Promise<'running' | 'closed' | undefined>;
  /**
   * The id of the key's running workflow (hashed, or the raw key of an issue opened before
   * ids were hashed), for a workflow that tells it something; undefined when none runs.
   */
  runningWorkflowId(issueKey: string): Promise<string | undefined>;
  /** Issue workflows from the visibility store; `query` narrows it (List Filter syntax). */
  list(query?: string, limit?: number): Promise<IssueExecution[]>;
  /**
   * Every run of an opening, oldest first, through continue-as-new. Without `openingId`, the
   * chain of the key's latest run. Runs past the namespace's retention are not there.
   */
  history(issueKey: string, openingId?: string): Promise<IssueRun[]>;
}

/** The issue a report opened or joined: its run and its key. */
export interface Joined {
  runId: string;
  issueKey: string;
}
