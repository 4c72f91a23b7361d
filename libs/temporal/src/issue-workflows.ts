import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import {
  actUpdateId,
  issueKey as familyIssueKey,
  perKindIssueKeys,
  type ActBase,
  type ActResult,
  type Evidence,
  type IssueStartInput,
  type IssueState,
} from '@sanbao/domain';
import {
  ACT_REJECTIONS,
  evidenceSignal,
  ISSUE_WORKFLOW_TYPE,
  issueStateQuery,
  type ActRejectionCode,
} from '@sanbao/workflows';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { IssueActRejected, IssueWorkflowNotFound } from './issue-workflow-errors';
import { ISSUE_ID_SCHEME, ISSUE_ID_SCHEME_ATTRIBUTE, OlderIssues } from './older-issues';
import { isQuotable, RunningLookup } from './running-lookup';
import { TemporalClientService } from './temporal-client.service';
import { issueWorkflowId } from './workflow-ids';
import type {
  IssueExecution,
  IssueRun,
  IssueTarget,
  IssueWorkflows,
  Joined,
  WorkflowHistory,
} from './issue-workflows.port';

export * from './issue-workflows.port';

/** A history as Temporal's own tools read it: enums by name, 64-bit numbers as strings. */
export function historyJson(history: WorkflowHistory): unknown {
  return temporal.api.history.v1.History.fromObject(history).toJSON();
}

/** True when Temporal's frontend refused or could not be reached (not a workflow's answer). */
export function isTemporalServiceError(error: unknown): boolean {
  return error instanceof ServiceError;
}

/** A query on a busy or absent worker must not hang a request. */
const QUERY_TIMEOUT_MS = 10_000;
const MAX_RUNS = 1000;

@Injectable()
export class TemporalIssueWorkflows implements IssueWorkflows {
  private readonly secret: string;
  private readonly legacyLookup: boolean;
  private readonly lookup = new RunningLookup((query, pageSize) =>
    this.workflows.list({ query, pageSize }),
  );
  private readonly olderIssues = new OlderIssues(
    async (query) => (await this.workflows.count(query)).count,
    ISSUE_WORKFLOW_TYPE,
  );
  /** Off once the server refused the attribute (not registered there). */
  private tagStarts = true;
  private readonly log = new Logger('IssueWorkflows');

  constructor(
    private readonly temporal: TemporalClientService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = config.temporal.workflowIdSecret;
    this.legacyLookup = config.temporal.legacyWorkflowIds;
  }

  private get workflows() {
    return this.temporal.client.workflow;
  }

  workflowIdOf(issueKey: string): string {
    return issueWorkflowId(this.secret, issueKey);
  }

  /**
   * Runs `work` on the key's hashed id; when that workflow is not there and the legacy lookup
   * is on, on the raw key (an issue opened before ids were hashed). The hashed id goes first:
   * once a key has one, every later opening is under it.
   */
  private async onWorkflow<T>(issueKey: string, work: (workflowId: string) => Promise<T>) {
    try {
      return await work(this.workflowIdOf(issueKey));
    } catch (error) {
      if (!isNotFound(error) || !this.legacyLookup) throw error;
      return work(issueKey);
    }
  }

  async startOrJoin(input: IssueStartInput, evidence: Evidence): Promise<Joined> {
    // While no issue an older deployment opened still runs, nothing else can be joined.
    if (await this.olderIssues.present()) {
      for (const legacy of await this.runningLegacyIssues(input)) {
        const joined = await this.joinLegacy(legacy.workflowId, evidence);
        if (joined) return { ...joined, issueKey: legacy.issueKey };
      }
    }
    const start = (tagged: boolean) =>
      this.workflows.signalWithStart(ISSUE_WORKFLOW_TYPE, {
        workflowId: this.workflowIdOf(input.issueKey),
        taskQueue: this.temporal.taskQueue,
        args: [input],
        signal: evidenceSignal,
        signalArgs: [evidence],
        // Join the open issue; once it closed, the key may open again.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        // Opened under its family's hashed id: never an issue the lookup above looks for.
        ...(tagged ? { searchAttributes: { [ISSUE_ID_SCHEME_ATTRIBUTE]: [ISSUE_ID_SCHEME] } } : {}),
      });
    // A key other than its family's is an issue opened as an older deployment did (tests do).
    const tagged = this.tagStarts && input.issueKey === familyIssueKey(input);
    if (!tagged) this.olderIssues.opened();
    let handle;
    try {
      handle = await start(tagged);
    } catch (error) {
      if (!tagged || !namesIdSchemeAttribute(error)) throw error;
      // A server where the attribute was never registered: start as before, and say so once.
      this.tagStarts = false;
      this.log.warn(
        `search attribute ${ISSUE_ID_SCHEME_ATTRIBUTE} is not registered on the Temporal ` +
          'namespace: issues open without it, and the intake looks for older issues before each',
      );
      this.olderIssues.opened();
      handle = await start(false);
    }
    return { runId: handle.signaledRunId, issueKey: input.issueKey };
  }

  /**
   * The issues a report must join instead of opening its key, in the order they are tried:
   * the key's raw-id workflow (opened before ids were hashed; with the legacy lookup on), then,
   * while no issue is open under the family key, those opened under each per-kind key of the
   * family before problem families (hashed id, then raw). One visibility query asks for all of
   * them at once (was one `describe` each: up to 11 round trips before a new education issue
   * started, issue 16), together with the candidates of the other signals started within a
   * few milliseconds (`runningAmong`); each answer comes from a query sent after it was asked.
   * The visibility store trails a start by moments; every workflow asked for here but the
   * family's own was opened before an upgrade, long since visible, and one that closed since
   * is found closed by `joinLegacy`'s `describe`. The family's own id only decides whether
   * per-kind issues are looked at: none runs beside a family issue (the family issue would not
   * have opened), so a family run not yet visible changes nothing.
   */
  private async runningLegacyIssues(
    input: IssueStartInput,
  ): Promise<Array<{ workflowId: string; issueKey: string }>> {
    const raw = this.legacyLookup ? [{ workflowId: input.issueKey, issueKey: input.issueKey }] : [];
    const perKind = perKindIssueKeys(input)
      .filter((key) => key !== input.issueKey)
      .flatMap((key) => [
        { workflowId: this.workflowIdOf(key), issueKey: key },
        ...(this.legacyLookup ? [{ workflowId: key, issueKey: key }] : []),
      ]);
    if (raw.length + perKind.length === 0) return [];
    const family = this.workflowIdOf(input.issueKey);
    const running = await this.runningAmong([
      family,
      ...[...raw, ...perKind].map((c) => c.workflowId),
    ]);
    const candidates = running.has(family) ? raw : [...raw, ...perKind];
    return candidates.filter((c) => running.has(c.workflowId));
  }

  /**
   * Which of these workflow ids have a running execution: one visibility query, shared with
   * the lookups of other signals being started at the same moment (RunningLookup).
   */
  private async runningAmong(workflowIds: string[]): Promise<Set<string>> {
    // Issue keys are register codes and hashes; an id a query could not quote is described.
    const described = workflowIds.filter((id) => !isQuotable(id));
    const running = await this.lookup.running(workflowIds.filter(isQuotable));
    for (const id of described) {
      if ((await this.describeStatus(id)) === 'RUNNING') running.add(id);
    }
    return running;
  }

  private async describeStatus(workflowId: string): Promise<string | undefined> {
    try {
      return (await this.workflows.getHandle(workflowId).describe()).status.name;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * An issue opened before ids were hashed and still open keeps its raw-key workflow: new
   * evidence joins it rather than opening a second issue under the hashed id. (Also any
   * workflow id given: the open issue under it, if any, takes the evidence.)
   */
  private async joinLegacy(
    issueKey: string,
    evidence: Evidence,
  ): Promise<{ runId: string } | undefined> {
    const handle = this.workflows.getHandle(issueKey);
    try {
      const { status, runId } = await handle.describe();
      if (status.name !== 'RUNNING') return undefined;
      await handle.signal(evidenceSignal, evidence);
      return { runId };
    } catch (error) {
      // Never was, or closed in between: the key opens (or joins) under its hashed id.
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async act(target: IssueTarget, updateName: string, act: ActBase): Promise<ActResult> {
    try {
      return await this.onWorkflow(target.issueKey, (workflowId) =>
        this.workflows
          .getHandle(
            workflowId,
            undefined,
            target.openingId ? { firstExecutionRunId: target.openingId } : {},
          )
          .executeUpdate<ActResult, [ActBase]>(updateName, {
            args: [act],
            // The request id with the act's name and content: the server's own deduplication
            // may then only answer a true repeat; a reused request id reaches the validator.
            updateId: actUpdateId(updateName, act),
          }),
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        if (cause instanceof ApplicationFailure && isRejectionCode(cause.type)) {
          throw new IssueActRejected(cause.type, cause.message);
        }
      }
      if (error instanceof WorkflowNotFoundError) throw new IssueWorkflowNotFound(target.issueKey);
      throw error;
    }
  }

  async readState(issueKey: string, runId?: string): Promise<IssueState | undefined> {
    try {
      return await this.onWorkflow(issueKey, (workflowId) => this.stateOn(workflowId, runId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async readStateOf(workflowId: string, runId?: string): Promise<IssueState | undefined> {
    try {
      return await this.stateOn(workflowId, runId);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  private async stateOn(workflowId: string, runId?: string): Promise<IssueState> {
    const handle = this.workflows.getHandle(workflowId, runId);
    if (runId) {
      const { status } = await handle.describe();
      // A completed run returned its final state; reading it needs no worker.
      if (status.name === 'COMPLETED') return (await handle.result()) as IssueState;
    }
    return await this.temporal.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
      handle.query(issueStateQuery),
    );
  }

  async status(issueKey: string): Promise<'running' | 'closed' | undefined> {
    try {
      const { status } = await this.onWorkflow(issueKey, (workflowId) =>
        this.workflows.getHandle(workflowId).describe(),
      );
      return status.name === 'RUNNING' ? 'running' : 'closed';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async runningWorkflowId(issueKey: string): Promise<string | undefined> {
    try {
      const { status, workflowId } = await this.onWorkflow(issueKey, (id) =>
        this.workflows.getHandle(id).describe(),
      );
      return status.name === 'RUNNING' ? workflowId : undefined;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async list(query?: string, limit = 1000): Promise<IssueExecution[]> {
    const filter = `WorkflowType = '${ISSUE_WORKFLOW_TYPE}'${query ? ` AND (${query})` : ''}`;
    const found: IssueExecution[] = [];
    for await (const info of this.workflows.list({ query: filter })) {
      found.push({
        workflowId: info.workflowId,
        runId: info.runId,
        status: info.status.name,
        startTime: info.startTime.toISOString(),
        closeTime: info.closeTime ? info.closeTime.toISOString() : null,
        ...stageOf(info.searchAttributes),
      });
      if (found.length >= limit) break;
    }
    return found;
  }

  async history(issueKey: string, openingId?: string): Promise<IssueRun[]> {
    const runs = await this.chain(this.workflowIdOf(issueKey), openingId);
    if (runs.length > 0 || !this.legacyLookup) return runs;
    return this.chain(issueKey, openingId);
  }

  /** The runs of one workflow id's chain: the opening's, else that of the latest run. */
  private async chain(workflowId: string, openingId?: string): Promise<IssueRun[]> {
    const runs: IssueRun[] = [];
    let runId = openingId ?? (await this.latestChainStart(workflowId));
    while (runId && runs.length < MAX_RUNS) {
      let history: WorkflowHistory;
      try {
        history = await this.workflows.getHandle(workflowId, runId).fetchHistory();
      } catch (error) {
        // Past the namespace's retention a closed opening's history is gone; its record stays.
        if (isNotFound(error)) break;
        throw error;
      }
      runs.push({ workflowId, runId, history });
      const events = history.events ?? [];
      const last = events[events.length - 1];
      runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId || undefined;
    }
    return runs;
  }

  /** The first run of the chain the workflow's latest run belongs to. */
  private async latestChainStart(workflowId: string): Promise<string | undefined> {
    try {
      const latest = await this.workflows.getHandle(workflowId).describe();
      return latest.raw.workflowExecutionInfo?.firstRunId || latest.runId;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

/** gRPC NOT_FOUND: what fetchHistory throws, where the handle's other calls say it in a type. */
const GRPC_NOT_FOUND = 5;

function isNotFound(error: unknown): boolean {
  return (
    error instanceof WorkflowNotFoundError ||
    (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND)
  );
}

function isRejectionCode(value: unknown): value is ActRejectionCode {
  return typeof value === 'string' && (ACT_REJECTIONS as readonly string[]).includes(value);
}

/** The IssueStage search attribute as the visibility store lists it. */
function stageOf(attributes: Record<string, unknown> | undefined): { stage?: string } {
  const value = attributes?.IssueStage;
  const stage: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof stage === 'string' ? { stage } : {};
}

/** Temporal's refusal of a start whose search attribute it does not know. */
function namesIdSchemeAttribute(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error && e.message.includes(ISSUE_ID_SCHEME_ATTRIBUTE)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
