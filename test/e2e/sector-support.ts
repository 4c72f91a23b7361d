import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MachineKeyService } from '@sanbao/auth';
import { AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import type { Sector } from '@sanbao/domain';
import { configureIngestHttp } from '@sanbao/ingest';
import { deleteStreams, natsConnectOptions } from '@sanbao/messaging';
import { connectMicroservices } from '@sanbao/runtime';
import { issueWorkflowId } from '@sanbao/temporal';
import { RECONCILIATION_WORKFLOW_TYPE, type ReconciliationReport } from '@sanbao/workflows';
import { Client, Connection } from '@temporalio/client';
import { connect, NatsConnection } from 'nats';
import { Client as PgClient } from 'pg';
import { testConfig, uniqueId } from '../support/env';
import { waitForHealthy } from '../support/health';

/**
 * Helpers for the sector and intake suites: each suite gets its own NATS prefix (so its own
 * streams and consumer) and its own task queue, on the real servers `npm test` brings up.
 */
export function isolatedConfig(label: string, overrides: Record<string, string> = {}): AppConfig {
  return testConfig({
    NATS_PREFIX: `sbt_${label}_${Math.random().toString(36).slice(2, 8)}`,
    TEMPORAL_TASK_QUEUE: uniqueId(label),
    ...overrides,
  });
}

export async function boot(
  moduleFor: (config: AppConfig) => DynamicModule,
  config: AppConfig,
  options: { ingest?: boolean } = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [moduleFor(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  if (options.ingest) configureIngestHttp(app, config);
  connectMicroservices(app);
  await app.init();
  await app.startAllMicroservices();
  await waitForHealthy(app, 90_000);
  return app;
}

export async function machineKey(app: INestApplication, sector: Sector): Promise<string> {
  return (await app.get(MachineKeyService).create(sector, `${sector} test system`)).key;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${what} did not happen in time${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
  );
}

/** The real services' clients a suite checks its results with. */
export class Observer {
  private constructor(
    readonly config: AppConfig,
    readonly nc: NatsConnection,
    readonly temporal: Client,
    private readonly connection: Connection,
    readonly pg: PgClient,
  ) {}

  static async open(config: AppConfig): Promise<Observer> {
    const nc = await connect(natsConnectOptions(config.nats));
    const connection = await Connection.connect({ address: config.temporal.address });
    const pg = new PgClient({ connectionString: config.database.url });
    await pg.connect();
    return new Observer(
      config,
      nc,
      new Client({ connection, namespace: config.temporal.namespace }),
      connection,
      pg,
    );
  }

  async close(): Promise<void> {
    await deleteStreams(await this.nc.jetstreamManager(), this.config.nats.prefix);
    await this.nc.drain();
    await this.connection.close();
    await this.pg.end();
  }

  /** The workflow id the apps give an issue key (a keyed hash: the key is not in it). */
  idOf(issueKey: string): string {
    return issueWorkflowId(this.config.temporal.workflowIdSecret, issueKey);
  }

  /** Ids of the issue workflows started on this suite's task queue (running or not). */
  async issueIds(): Promise<string[]> {
    const ids: string[] = [];
    const query = `WorkflowType = 'issueWorkflow' AND TaskQueue = '${this.config.temporal.taskQueue}'`;
    for await (const execution of this.temporal.workflow.list({ query })) {
      ids.push(execution.workflowId);
    }
    return ids.sort();
  }

  /** Waits until exactly these issue workflows (by id) exist (visibility catches up within moments). */
  async expectIssues(ids: string[]): Promise<string[]> {
    const expected = [...ids].sort();
    let seen: string[] = [];
    await until(`issues ${expected.length}`, async () => {
      seen = await this.issueIds();
      return seen.length >= expected.length;
    }).catch(() => undefined);
    return seen;
  }

  async ledgerRows(keys: string[]): Promise<Array<{ issue_key: string; stage: string }>> {
    const result = await this.pg.query<{ issue_key: string; stage: string }>(
      'SELECT issue_key, stage FROM issue_ledger WHERE issue_key = ANY($1) ORDER BY issue_key',
      [keys],
    );
    return result.rows;
  }

  /** True once the intake has taken and acknowledged every signal in the stream. */
  async intakeCaughtUp(): Promise<boolean> {
    const jsm = await this.nc.jetstreamManager();
    const info = await jsm.consumers.info(
      streamNames(this.config.nats.prefix).signals,
      this.config.intake.consumer,
    );
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  /** Runs the product's reconciliation on this suite's task queue, from `from` to now. */
  async reconcile(workflowId: string, from: string): Promise<ReconciliationReport> {
    return (await this.temporal.workflow.execute(RECONCILIATION_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [{ from, to: new Date().toISOString(), windowHours: 24, trigger: 'on_demand' }],
    })) as ReconciliationReport;
  }

  async signalCount(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    return (await jsm.streams.info(streamNames(this.config.nats.prefix).signals)).state.messages;
  }
}
