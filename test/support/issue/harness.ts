// The real worker on its own task queue and NATS prefix, with a client and the read models.
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import type { Evidence, IssueEvent, IssueStartInput } from '@sanbao/domain';
import { deleteStreams, natsConnectOptions } from '@sanbao/messaging';
import { evidenceSignal, issueWorkflow } from '@sanbao/workflows';
import { Client, Connection } from '@temporalio/client';
import { connect, NatsConnection } from 'nats';
import { Pool } from 'pg';
import { WorkerAppModule } from '../../../apps/worker/src/app.module';
import { testConfig, uniqueId } from '../env';
import { IssueDriver } from './driver';
import type { AuditRow, LapseRow, LedgerRow, NotificationRow, PublishedEvent } from './read-models';

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

  /** `env`: more settings for this harness's worker (e.g. a database of its own). */
  static async start(label: string, env: Record<string, string> = {}): Promise<IssueHarness> {
    const config = testConfig({
      TEMPORAL_TASK_QUEUE: uniqueId(`${label}-q`),
      NATS_PREFIX: `${label.replace(/[^a-z0-9]/gi, '')}_${uniqueId('n').replace(/-/g, '_')}`,
      ...env,
    });
    const connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const pool = new Pool({ connectionString: config.database.url, max: 2 });
    const nats = await connect(natsConnectOptions(config.nats));
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
