import { issueKey as keyOfIssue } from '@sanbao/domain';
import { INestApplication, Logger, type LoggerService } from '@nestjs/common';
import { subjects, type RiskSignal } from '@sanbao/contracts';
import type { IssueState } from '@sanbao/domain';
import {
  ISSUE_WORKFLOWS,
  isHashedIssueWorkflowId,
  issueWorkflowId,
  type IssueWorkflows,
} from '@sanbao/temporal';
import { natsConnectOptions } from '@sanbao/messaging';
import { evidenceSignal, issueStateQuery, issueWorkflow } from '@sanbao/workflows';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { randomUUID } from 'crypto';
import { connect, NatsConnection } from 'nats';
import { inspect } from 'util';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { issueStartOf } from '../../apps/intake/src/issue-start';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { notReturnedSignal } from '../support/signals';
import { boot } from './sector-support';

/** Everything the apps print, by any route: Nest's logger, the Temporal SDK's, stdout, stderr. */
class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private restore: Array<() => void> = [];

  private keep(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(`${level} ${inspect([message, ...rest], { depth: 8, breakLength: Infinity })}`);
  }

  log = (message: unknown, ...rest: unknown[]) => this.keep('log', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.keep('error', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.keep('warn', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.keep('debug', message, rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.keep('verbose', message, rest);
  fatal = (message: unknown, ...rest: unknown[]) => this.keep('fatal', message, rest);

  /** The SDK's log entries (workflow and activity loggers, the worker's own lines). */
  sdk = (entry: LogEntry) =>
    this.keep(`sdk:${entry.level}`, entry.message, entry.meta ? [entry.meta] : []);

  /** Also whatever reaches the process streams (a logger that prints for itself). */
  tapStreams(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        this.lines.push(String(chunk));
        return Reflect.apply(write, stream, [chunk, ...rest]) as boolean;
      };
      this.restore.push(() => (stream.write = write));
    }
  }

  untap(): void {
    this.restore.forEach((undo) => undo());
    this.restore = [];
  }

  /** Every captured line that holds `text`. */
  grep(text: string): string[] {
    return this.lines.filter((line) => line.includes(text));
  }
}

/**
 * Workflow ids are keyed hashes of the issue key: an issue runs from a bureau's signal through
 * the intake, the worker and an act in the County API, and no log line, workflow id or search
 * attribute names its household. An issue an older deployment opened under its raw key is
 * still acted on through the API, and new evidence joins it. Real Temporal, NATS, PostgreSQL.
 */
describe('workflow ids without household numbers', () => {
  const capture = new LogCapture();
  let stack: ApiStack;
  let county: TestCounty;
  let intake: INestApplication;
  let nc: NatsConnection;
  let connection: Connection;
  let client: Client;
  let runtimeCaptured = false;

  beforeAll(async () => {
    // The SDK's logger is per process and taken by the first to install one: this suite's,
    // at DEBUG, so that every line the worker's SDK could print is looked at.
    try {
      Runtime.install({ logger: new DefaultLogger('DEBUG', capture.sdk) });
      runtimeCaptured = true;
    } catch {
      runtimeCaptured = false;
    }
    capture.tapStreams();
    stack = await ApiStack.start('ids');
    county = await seedCounty(stack, 'education');
    intake = await boot((c) => IntakeAppModule.forRoot(c), stack.config);
    // Every Nest logger of the three apps (API, worker, intake) at every level, from here on.
    Logger.overrideLogger(capture);
    nc = await connect(natsConnectOptions(stack.config.nats));
    connection = await Connection.connect({ address: stack.config.temporal.address });
    client = new Client({ connection, namespace: stack.config.temporal.namespace });
  });

  afterAll(async () => {
    capture.untap();
    await intake?.close();
    await nc?.drain();
    await connection?.close();
    await stack?.close();
  });

  const as = (user: keyof TestCounty['tokens']) => stack.as(county.tokens[user]);
  const issue = (id: string) =>
    as('supervisor')
      .get(`/issues/${encodeURIComponent(id)}`)
      .then((r) => r.body as LedgerIssueView);
  const verify = (id: string) =>
    as('village').post(`/issues/${encodeURIComponent(id)}/verification`, {
      requestId: randomUUID(),
      confirmed: true,
      findings: '入户核实：未返校。',
      visitedAt: new Date().toISOString(),
    });

  function childSignal(household: string, child: string, term = '2026-autumn'): RiskSignal {
    return notReturnedSignal(
      {
        householdId: household,
        personRef: child,
        villageCode: county.villages[0],
        townshipCode: county.townships[0],
      },
      term,
    );
  }

  async function publish(signal: RiskSignal): Promise<void> {
    await nc
      .jetstream()
      .publish(
        subjects(stack.config.nats.prefix).signal(signal.sector, signal.kind),
        JSON.stringify(signal),
        { msgID: signal.signalId },
      );
  }

  /** The ledger row the API shows for an id, once the worker has numbered and saved it. */
  const numbered = (id: string) =>
    eventually(
      () => issue(id),
      (row) => typeof row.ledgerNo === 'string',
      `the ledger row of ${id}`,
    );

  it('runs an issue from signal to act with no household number in any log, id or search attribute', async () => {
    const household = uniqueId('HH').toUpperCase();
    const signal = childSignal(household, 'child-1');
    const key = keyOfIssue({
      sector: 'education',
      subject: { id: household, personRef: 'child-1' },
      kind: 'not_returned',
    });
    await publish(signal);

    const row = await numbered(key);
    const ledgerNo = row.ledgerNo!;
    // Acts by ledger number and by issue key both reach the workflow.
    expect((await verify(ledgerNo)).status).toBe(200);
    const decided = await as('township').post(
      `/issues/${encodeURIComponent(key)}/township-decision`,
      { requestId: randomUUID(), decision: 'forward', explanation: '转县教科局。' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ accepted: true, stage: 'solution_plan' });
    await eventually(
      () => issue(ledgerNo),
      (r) => r.stage === 'solution_plan',
      'the acts in the ledger',
    );
    // The county finds it by ledger number and by household as before.
    const byHousehold = await as('township').get(`/households/${household}/issues`).expect(200);
    expect((byHousehold.body as LedgerIssueView[]).map((r) => r.ledgerNo)).toEqual([ledgerNo]);

    // Temporal knows it only by the keyed hash of its key.
    const workflowId = issueWorkflowId(stack.config.temporal.workflowIdSecret, key);
    const history = await as('supervisor')
      .get(`/issues/${ledgerNo}/history`)
      .expect(200)
      .then((r) => r.body as IssueHistory);
    expect(history.temporal.workflowId).toBe(workflowId);
    expect(history.temporal.webUrl).not.toContain(household);

    // `temporal workflow list`: ids and search attributes of every issue on the task queue.
    const gateway = stack.api.get<IssueWorkflows>(ISSUE_WORKFLOWS);
    const query = `TaskQueue = '${stack.config.temporal.taskQueue}'`;
    const listed = await eventually(
      () => gateway.list(query),
      (found) => found.some((e) => e.workflowId === workflowId),
      'the issue in the visibility store',
    );
    for (const execution of listed) {
      expect(isHashedIssueWorkflowId(execution.workflowId)).toBe(true);
    }
    // Opened under its family's hashed id, and marked so from its start: the intake looks for
    // older issues to join only while one without the mark runs (libs/temporal/src/older-issues.ts).
    const { searchAttributes } = await client.workflow.getHandle(workflowId).describe();
    expect(searchAttributes.IssueIdScheme).toEqual(['family-hashed']);
    for await (const info of client.workflow.list({ query })) {
      const shown = inspect(
        { id: info.workflowId, attributes: info.typedSearchAttributes, memo: info.memo },
        { depth: 8 },
      );
      expect(shown).not.toContain(household);
    }

    // Logs of the whole run so far, every app, every level: not one line names the household.
    // The capture does see the SDK's lines about this workflow: by its hashed id.
    expect(capture.grep(workflowId).length).toBeGreaterThan(0);
    expect(capture.grep(household)).toEqual([]);
    expect(capture.grep(key)).toEqual([]);
    expect(runtimeCaptured).toBe(true);
  });

  it('keeps acting on an issue an older deployment opened under its raw issue key', async () => {
    const household = uniqueId('OLD').toUpperCase();
    const signal = childSignal(household, 'child-1');
    const { input, evidence } = issueStartOf(signal, stack.config.deadlinePolicy);
    const key = input.issueKey;
    // As the intake did before ids were hashed: the raw key is the workflow id.
    await client.workflow.signalWithStart(issueWorkflow, {
      workflowId: key,
      taskQueue: stack.config.temporal.taskQueue,
      args: [input],
      signal: evidenceSignal,
      signalArgs: [evidence],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    const ledgerNo = (await numbered(key)).ledgerNo!;
    // Not marked as opened under a hashed family id: it keeps the lookup before each start on.
    expect((await client.workflow.getHandle(key).describe()).searchAttributes).not.toHaveProperty(
      'IssueIdScheme',
    );

    // The API answers acts on it, by ledger number and reads it by issue key.
    const answer = await verify(ledgerNo);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: true, stage: 'township_decision' });
    const legacy = client.workflow.getHandle(key);
    expect((await legacy.query(issueStateQuery)).stage).toBe('township_decision');
    const history = await as('supervisor')
      .get(`/issues/${encodeURIComponent(key)}/history`)
      .expect(200)
      .then((r) => r.body as IssueHistory);
    expect(history.temporal.workflowId).toBe(key);
    expect(history.ledgerNo).toBe(ledgerNo);

    // New evidence through the intake joins the open issue; no second issue under the hash.
    await publish(childSignal(household, 'child-1', '2027-spring'));
    const joined = await eventually(
      () => legacy.query<IssueState>(issueStateQuery),
      (state) => state.evidence.length === 2,
      'the second signal on the legacy issue',
    );
    expect(joined.ledgerNo).toBe(ledgerNo);
    const hashed = issueWorkflowId(stack.config.temporal.workflowIdSecret, key);
    await expect(client.workflow.getHandle(hashed).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});
