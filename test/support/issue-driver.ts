import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import {
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  type ActBase,
  type ActResult,
  type Actor,
  type DeadlinePolicy,
  type DeadlinePolicyOverride,
  type Evidence,
  type IssueEvent,
  type IssueStartInput,
  type IssueState,
  type Sector,
} from '@sanbao/domain';
import { deleteStreams } from '@sanbao/messaging';
import {
  completionUpdate,
  evidenceSignal,
  extensionRequestUpdate,
  issueStateQuery,
  issueWorkflow,
  leaderVoteUpdate,
  progressNoteUpdate,
  solutionPlanUpdate,
  townshipDecisionUpdate,
  verificationUpdate,
  writeOffCheckUpdate,
} from '@sanbao/workflows';
import { Client, Connection, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import * as fs from 'fs';
import { connect, NatsConnection } from 'nats';
import * as path from 'path';
import { Pool } from 'pg';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { testConfig, uniqueId } from './env';

/**
 * Drives issue workflows on the real stack: boots the real worker in-process on its own task
 * queue and NATS prefix, starts issues, sends acts as Updates (updateId = requestId, as the
 * API does), and reads what a user would check: the workflow's state, the ledger, the audit
 * trail, lapses, notifications and the published issue events.
 */

// ---------------------------------------------------------------------------------------------
// policies

/** Seconds for every limit: a test waits for a limit to pass in a few seconds. */
export function fastPolicy(override: DeadlinePolicyOverride = {}): DeadlinePolicy {
  return mergeDeadlinePolicy(
    mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'test-fast',
      limits: {
        verification: { seconds: 2 },
        townshipDecision: { seconds: 2 },
        solutionPlan: { seconds: 2 },
        generalResolution: { seconds: 2 },
        majorResolution: { seconds: 3 },
        writeOff: { seconds: 2 },
        extensionVote: { seconds: 3 },
      },
      reminderEvery: { seconds: 2 },
      redAfter: { seconds: 3 },
      leaderQuorum: 2,
    }),
    override,
  );
}

/** Still counted in seconds, but ten minutes per limit: nothing falls due while a test acts. */
export function calmPolicy(override: DeadlinePolicyOverride = {}): DeadlinePolicy {
  const tenMinutes = { seconds: 600 };
  return mergeDeadlinePolicy(
    mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'test-calm',
      limits: {
        verification: tenMinutes,
        townshipDecision: tenMinutes,
        solutionPlan: tenMinutes,
        generalResolution: tenMinutes,
        majorResolution: { seconds: 1200 },
        writeOff: tenMinutes,
        extensionVote: tenMinutes,
      },
      reminderEvery: tenMinutes,
      redAfter: tenMinutes,
      leaderQuorum: 2,
    }),
    override,
  );
}

// ---------------------------------------------------------------------------------------------
// issues and the people acting on them

export interface IssueActors {
  village: Actor;
  township: Actor;
  bureau: Actor;
  leaders: Actor[];
  supervisor: Actor;
  admin: Actor;
  otherVillage: Actor;
  otherTownship: Actor;
  otherBureau: Actor;
}

/** The people of the issue's village, township and sector, and some from elsewhere. */
export function actorsFor(issue: IssueStartInput): IssueActors {
  const { villageCode, townshipCode } = issue.subject;
  const other: Sector = issue.sector === 'water' ? 'housing' : 'water';
  return {
    village: { id: 'cadre-1', name: '村干部 王芳', role: 'village', villageCode },
    township: { id: 'officer-1', name: '乡镇干部 李强', role: 'township', townshipCode },
    bureau: { id: 'bureau-1', name: '主管部门 陈敏', role: 'bureau', sector: issue.sector },
    leaders: [1, 2, 3].map((n) => ({ id: `leader-${n}`, name: `县级领导 ${n}`, role: 'leader' })),
    supervisor: { id: 'supervisor-1', name: '督查 周洁', role: 'supervisor' },
    admin: { id: 'admin-1', name: '系统管理员', role: 'admin' },
    otherVillage: {
      id: 'cadre-9',
      name: '外村干部',
      role: 'village',
      villageCode: `${villageCode}-X`,
    },
    otherTownship: {
      id: 'officer-9',
      name: '外乡镇干部',
      role: 'township',
      townshipCode: `${townshipCode}-X`,
    },
    otherBureau: { id: 'bureau-9', name: '其他部门', role: 'bureau', sector: other },
  };
}

/** A new issue about one household, reported now, under `policy`. */
export function newIssue(
  policy: DeadlinePolicy,
  overrides: Partial<Omit<IssueStartInput, 'policy'>> = {},
): IssueStartInput {
  const sector = overrides.sector ?? 'education';
  const household = uniqueId('HH');
  const subject = overrides.subject ?? {
    kind: 'household' as const,
    id: household,
    personRef: 'child-1',
    villageCode: '511921101201',
    townshipCode: '511921101',
  };
  const kind = overrides.kind ?? 'not_enrolled';
  return {
    issueKey: `issue:${sector}:${subject.id}/${subject.personRef ?? '-'}:${kind}`,
    sector,
    kind,
    severityHint: 'general',
    subject,
    summary: 'a child aged 9 not back after term start',
    reportedAt: new Date().toISOString(),
    channel: 'sector_signal',
    reportedBy: { id: 'system:intake', name: 'intake', role: 'system' },
    ...overrides,
    policy,
  };
}

/**
 * Retries an assertion until it passes: the read models and events follow the workflow's
 * state through activities, so a reader may see them a moment later.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function inSeconds(seconds: number, from = Date.now()): string {
  return new Date(from + seconds * 1000).toISOString();
}

// ---------------------------------------------------------------------------------------------
// rows a user would read

export interface LedgerRow {
  issue_key: string;
  ledger_no: string | null;
  sector: string;
  stage: string;
  status: 'open' | 'closed';
  closure: string | null;
  severity: string | null;
  overdue_level: string;
  current_due_at: Date | null;
  deadlines: Record<string, string>;
  responsible_unit: string | null;
  responsible_person: string | null;
  reopen_count: number;
  reminders: number;
  lapse_count: number;
  extension_status: string | null;
  last_seq: number;
  closed_at: Date | null;
}

export interface AuditRow {
  seq: number;
  request_id: string;
  kind: string;
  actor: Actor;
  at: Date;
  stage: string;
  summary: string;
  payload: Record<string, unknown>;
}

export interface LapseRow {
  stage: string;
  unit: string;
  due_at: Date;
  detected_at: Date;
  level: string;
  resolved_at: Date | null;
  days_late: string | number | null;
}

export interface NotificationRow {
  seq: number;
  event: 'reminded' | 'escalated';
  stage: string;
  level: string;
  responsible_unit: string;
  notify: string[];
}

export interface PublishedEvent {
  subject: string;
  msgId: string;
  event: IssueEvent;
}

// ---------------------------------------------------------------------------------------------
// the harness

/** The real worker on a task queue of its own, a client, and readers of the read models. */
export class IssueHarness {
  private app?: INestApplication;

  private constructor(
    readonly config: AppConfig,
    readonly client: Client,
    private readonly connection: Connection,
    private readonly pool: Pool,
    private readonly nats: NatsConnection,
  ) {}

  static async start(label: string): Promise<IssueHarness> {
    const config = testConfig({
      TEMPORAL_TASK_QUEUE: uniqueId(`${label}-q`),
      NATS_PREFIX: `${label.replace(/[^a-z0-9]/gi, '')}_${uniqueId('n').replace(/-/g, '_')}`,
    });
    const connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const pool = new Pool({ connectionString: config.database.url, max: 2 });
    const nats = await connect({ servers: config.nats.servers });
    const harness = new IssueHarness(config, client, connection, pool, nats);
    await harness.startWorker();
    return harness;
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  get prefix(): string {
    return this.config.nats.prefix;
  }

  /** Boots the worker app (the real WorkerAppModule) and waits until it polls. */
  async startWorker(): Promise<void> {
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerAppModule.forRoot(this.config)],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    app.enableShutdownHooks();
    await app.init();
    this.app = app;
  }

  /** Shuts the worker down the way a deployment does (drains, then stops). */
  async stopWorker(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await deleteStreams(await this.nats.jetstreamManager(), this.prefix).catch(() => undefined);
    await this.nats.drain().catch(() => undefined);
    await this.pool.end();
    await this.connection.close();
  }

  async start(issue: IssueStartInput, evidence?: Evidence): Promise<IssueDriver> {
    const handle = evidence
      ? await this.client.workflow.signalWithStart(issueWorkflow, {
          taskQueue: this.taskQueue,
          workflowId: issue.issueKey,
          args: [issue],
          signal: evidenceSignal,
          signalArgs: [evidence],
        })
      : await this.client.workflow.start(issueWorkflow, {
          taskQueue: this.taskQueue,
          workflowId: issue.issueKey,
          args: [issue],
        });
    const driver = new IssueDriver(this, this.client.workflow.getHandle(handle.workflowId), issue);
    // Acts go to a running issue: wait until the workflow has opened it (ledger number given).
    await driver.waitFor((s) => s.ledgerNo !== undefined, 'the ledger number');
    return driver;
  }

  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as T[];
  }

  async ledgerRow(issueKey: string): Promise<LedgerRow | undefined> {
    const rows = await this.query<LedgerRow>(`SELECT * FROM issue_ledger WHERE issue_key = $1`, [
      issueKey,
    ]);
    return rows[0];
  }

  auditTrail(issueKey: string): Promise<AuditRow[]> {
    return this.query<AuditRow>(`SELECT * FROM issue_audit WHERE issue_key = $1 ORDER BY seq`, [
      issueKey,
    ]);
  }

  lapses(issueKey: string): Promise<LapseRow[]> {
    return this.query<LapseRow>(
      `SELECT * FROM issue_lapse WHERE issue_key = $1 ORDER BY due_at, stage`,
      [issueKey],
    );
  }

  notifications(issueKey: string): Promise<NotificationRow[]> {
    return this.query<NotificationRow>(
      `SELECT * FROM issue_notification WHERE issue_key = $1 ORDER BY seq`,
      [issueKey],
    );
  }

  /** Every issue event about one issue on this harness's stream, in stream order. */
  async events(issueKey: string): Promise<PublishedEvent[]> {
    const jsm = await this.nats.jetstreamManager();
    const stream = streamNames(this.prefix).issueEvents;
    const { state } = await jsm.streams.info(stream);
    const found: PublishedEvent[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (!message) continue;
      const event = message.json<IssueEvent>();
      if (event.issueKey === issueKey) {
        found.push({ subject: message.subject, msgId: message.header.get('Nats-Msg-Id'), event });
      }
    }
    return found;
  }
}

type ActFields<A extends ActBase> = Omit<A, 'requestId' | 'actor'>;
type UpdateDef<A extends ActBase> = UpdateDefinition<ActResult, [A], string>;

/** One issue: its handle, its people, and its acts. */
export class IssueDriver {
  readonly actors: IssueActors;
  private requests = 0;

  constructor(
    readonly harness: IssueHarness,
    readonly handle: WorkflowHandle<typeof issueWorkflow>,
    readonly issue: IssueStartInput,
  ) {
    this.actors = actorsFor(issue);
  }

  get issueKey(): string {
    return this.issue.issueKey;
  }

  nextRequestId(label: string): string {
    this.requests += 1;
    return `${label}-${this.requests}-${uniqueId('r')}`;
  }

  state(): Promise<IssueState> {
    return this.handle.query(issueStateQuery);
  }

  /** Polls the query until `predicate` holds; fails with the last state's outline. */
  async waitFor(
    predicate: (state: IssueState) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<IssueState> {
    const deadline = Date.now() + timeoutMs;
    let last: IssueState | undefined;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        last = await this.state();
        if (predicate(last)) return last;
      } catch (error) {
        lastError = error; // not started yet, or the worker is restarting
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const outline = last
      ? `stage ${last.stage}, overdue ${last.overdueLevel}, ${last.acts.length} records: ${last.acts
          .map((a) => a.act)
          .join(', ')}`
      : `no state (${String(lastError)})`;
    throw new Error(`timed out waiting for ${what}; ${outline}`);
  }

  /** Sends an act as the API does: updateId = requestId. */
  send<A extends ActBase>(
    update: UpdateDef<A>,
    act: A,
    updateId = act.requestId,
  ): Promise<ActResult> {
    return this.handle.executeUpdate(update, { args: [act], updateId });
  }

  /** The message of a refused act (fails the test if it was accepted). */
  async refusal<A extends ActBase>(
    update: UpdateDef<A>,
    act: A,
  ): Promise<{ message: string; type?: string }> {
    try {
      await this.send(update, act);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        const type = cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
        return { message: cause?.message ?? error.message, type };
      }
      throw error;
    }
    throw new Error(`${update.name} was accepted but should have been refused`);
  }

  act<A extends ActBase>(
    update: UpdateDef<A>,
    actor: Actor,
    fields: ActFields<A>,
    requestId = this.nextRequestId(update.name),
  ): Promise<ActResult> {
    return this.send(update, { ...fields, requestId, actor } as A);
  }

  verify(confirmed = true, actor = this.actors.village): Promise<ActResult> {
    return this.act(verificationUpdate, actor, {
      confirmed,
      findings: confirmed ? '入户核查属实' : '入户核查：孩子已在外地就读',
      visitedAt: new Date().toISOString(),
    });
  }

  decide(
    decision: 'forward' | 'persuade' | 'unfounded',
    actor = this.actors.township,
  ): Promise<ActResult> {
    return this.act(townshipDecisionUpdate, actor, {
      decision,
      explanation: `核查办理意见: ${decision}`,
    });
  }

  plan(
    severity: 'general' | 'major' = 'general',
    completionDate?: string,
    actor = this.actors.bureau,
  ): Promise<ActResult> {
    const limit =
      severity === 'major'
        ? this.issue.policy.limits.majorResolution
        : this.issue.policy.limits.generalResolution;
    // Well inside the limit, counted from now (the plan's own time is a moment later).
    const seconds = (limit.seconds ?? 0) + (limit.hours ?? 0) * 3600 + (limit.days ?? 0) * 86400;
    return this.act(solutionPlanUpdate, actor, {
      responsiblePerson: '县教科局 张伟',
      responsibleUnit: '县教科局',
      measures: ['劝返复学', '落实学生资助'],
      completionDate: completionDate ?? inSeconds(Math.max(seconds / 2, 1)),
      severity,
    });
  }

  note(text = '已入户劝返', actor = this.actors.bureau): Promise<ActResult> {
    return this.act(progressNoteUpdate, actor, { note: text });
  }

  complete(actor = this.actors.bureau): Promise<ActResult> {
    return this.act(completionUpdate, actor, {
      outcome: '学生已返校复学',
      evidenceRefs: ['school-attendance-2026-09-08.pdf'],
    });
  }

  requestExtension(newDeadline: string, actor = this.actors.bureau): Promise<ActResult> {
    return this.act(extensionRequestUpdate, actor, {
      newDeadline,
      reason: '房屋重建需跨季施工',
      milestones: [{ description: '完成主体结构', dueDate: newDeadline }],
    });
  }

  vote(leader: Actor, approve: boolean): Promise<ActResult> {
    return this.act(leaderVoteUpdate, leader, {
      approve,
      comment: approve ? '同意延期，按节点推进' : '不同意延期，按原期限完成',
    });
  }

  writeOff(result: 'resolved' | 'not_resolved', actor = this.actors.township): Promise<ActResult> {
    return this.act(writeOffCheckUpdate, actor, {
      result,
      ...(result === 'not_resolved' ? { reason: '回访发现学生再次辍学' } : {}),
    });
  }

  addEvidence(evidence: Partial<Evidence> = {}): Promise<void> {
    return this.handle.signal(evidenceSignal, {
      evidenceId: uniqueId('ev'),
      source: 'education:roster:2026-autumn',
      receivedAt: new Date().toISOString(),
      description: 'roster row: not enrolled',
      ...evidence,
    });
  }

  /** Waits for the workflow to finish and returns its final state. */
  result(): Promise<IssueState> {
    return this.handle.result();
  }

  /** Saves this run's history as a replay fixture when SANBAO_SAVE_HISTORIES=1. */
  async saveHistory(name: string): Promise<void> {
    if (process.env.SANBAO_SAVE_HISTORIES !== '1') return;
    await saveHistoryFixture(this.harness.client, this.issueKey, name);
  }
}

export const HISTORY_FIXTURES = path.resolve(__dirname, '../fixtures/histories');

/**
 * A saved fixture as the replayer takes it. The fixtures are protobufjs JSON (enum names,
 * 64-bit numbers as strings), written and read by the same @temporalio/proto classes.
 */
export function loadHistoryFixture(file: string): temporal.api.history.v1.History {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(HISTORY_FIXTURES, file), 'utf8'));
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

/**
 * Writes every run of a workflow (continue-as-new makes several) as replay fixtures:
 * <name>.json for one run, <name>.run-<n>.json for each when there are several.
 */
export async function saveHistoryFixture(
  client: Client,
  workflowId: string,
  name: string,
): Promise<void> {
  fs.mkdirSync(HISTORY_FIXTURES, { recursive: true });
  const runs: string[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  // Walk back from the latest run through each run's predecessor.
  while (runId) {
    runs.unshift(runId);
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ||
      undefined;
  }
  // A refresh replaces the fixture whole: a shorter chain of runs leaves no stale run behind.
  for (const file of fs.readdirSync(HISTORY_FIXTURES)) {
    if (file === `${name}.json` || (file.startsWith(`${name}.run-`) && file.endsWith('.json'))) {
      fs.rmSync(path.join(HISTORY_FIXTURES, file));
    }
  }
  for (const [i, id] of runs.entries()) {
    const history = await client.workflow.getHandle(workflowId, id).fetchHistory();
    const file = runs.length === 1 ? `${name}.json` : `${name}.run-${i + 1}.json`;
    const json = temporal.api.history.v1.History.fromObject(history).toJSON();
    fs.writeFileSync(path.join(HISTORY_FIXTURES, file), JSON.stringify(json) + '\n');
  }
}
