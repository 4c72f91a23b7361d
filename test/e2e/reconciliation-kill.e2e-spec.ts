import { RiskSignal, streamNames, subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { ensureStreams } from '@sanbao/messaging';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { testConfig, uniqueId } from '../support/env';
import { partNats } from '../support/nats-users';
import { OwnDatabase } from '../support/own-database';
import { alive } from '../support/processes';
import { notReturnedSignal } from '../support/signals';
import { Observer, until } from './sector-support';

/**
 * Issue 12's acceptance, as `npm start` runs the apps: the intake and the worker as processes of
 * their own, each kept by the launcher's supervisor (deploy/local/stack/supervise.mjs), are
 * killed with SIGKILL mid-stream. The supervisor starts both again with no hand from the test,
 * their /health is 200 again, and the product's reconciliation then accounts for every signal:
 * none lost, none doubled.
 *
 * Each app is on the bus as its own part (the run's users are permitted the run's prefix only),
 * so the suite shares the run's streams and keeps to a task queue and an intake consumer of its
 * own; the consumer starts at the stream's end, so only this suite's signals reach its intake.
 */
const ROOT = path.resolve(__dirname, '../..');
const DRIVER = path.join(ROOT, 'test/support/supervised-apps.mjs');
const SIGNALS = 150;
const FIRST_DELAY_MS = 200;
const base = {
  // A database of its own: the reconciliation reads every open ledger row, and other suites'
  // rows in the run's database are not this run's to account for.
  DATABASE_URL: OwnDatabase.url('reconkill'),
  TEMPORAL_TASK_QUEUE: uniqueId('reconkill'),
  INTAKE_CONSUMER: `intake_kill_${Math.random().toString(36).slice(2, 8)}`,
  INTAKE_BATCH_SIZE: '16',
  // Signals in hand when the intake is killed come back after this (the shortest allowed).
  INTAKE_ACK_WAIT_SECONDS: '5',
};
const config = testConfig(base);
const keyOf = (s: RiskSignal) => issueKey({ sector: s.sector, subject: s.subject, kind: s.kind });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function healthStatus(port: number): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(5000),
    });
    return response.status;
  } catch {
    return undefined;
  }
}

/** The launcher's supervisor in a node process of its own, keeping the intake and the worker. */
class Supervised {
  private out = '';

  private constructor(private readonly driver: ChildProcessWithoutNullStreams) {
    const keep = (chunk: Buffer) => {
      // The apps' own lines are kept for a failure's message, the last 200 kB of them.
      this.out = (this.out + chunk.toString()).slice(-200_000);
    };
    driver.stdout.on('data', keep);
    driver.stderr.on('data', keep);
  }

  static start(apps: Array<{ name: string; env: Record<string, string> }>): Supervised {
    const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
    const specs = apps.map(({ name, env }) => ({
      name,
      args: [...args, `apps/${name}/src/main.ts`],
      env,
    }));
    return new Supervised(
      spawn(process.execPath, [DRIVER], {
        cwd: ROOT,
        env: {
          ...process.env,
          SUPERVISED_APPS: JSON.stringify(specs),
          SUPERVISED_FIRST_DELAY_MS: String(FIRST_DELAY_MS),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
  }

  get pid(): number {
    return this.driver.pid!;
  }

  /** Every pid the supervisor has run `name` as, oldest first. */
  pids(name: string): number[] {
    return [...this.out.matchAll(new RegExp(`^\\[supervised\\] ${name} pid (\\d+)$`, 'gm'))].map(
      (m) => Number(m[1]),
    );
  }

  lines(start: string): string[] {
    return this.out.split('\n').filter((line) => line.startsWith(start));
  }

  tail(): string {
    return this.out.slice(-4000);
  }

  /** Stops the supervisor as Ctrl-C stops `npm start`: the apps first, then itself. */
  async stop(): Promise<number | null> {
    if (this.driver.exitCode !== null) return this.driver.exitCode;
    const exited = new Promise<number | null>((resolve) => this.driver.once('exit', resolve));
    this.driver.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout' as const)]);
    if (code !== 'timeout') return code;
    this.driver.kill('SIGKILL');
    throw new Error(`the supervisor did not stop within 60 s:\n${this.tail()}`);
  }
}

describe('reconciliation after the intake and the worker were killed (SIGKILL) under the supervisor', () => {
  let observer: Observer;
  let supervised: Supervised | undefined;
  let tmp: string;
  let database: OwnDatabase | undefined;
  const ports = { intake: 0, worker: 0 };

  beforeAll(async () => {
    database = await OwnDatabase.create(base.DATABASE_URL);
    observer = await Observer.open(config);
    tmp = fs.mkdtempSync(path.join(process.env.SANBAO_TEST_TMP || os.tmpdir(), 'reconkill-'));
  }, 60_000);

  afterAll(async () => {
    await supervised?.stop().catch(() => undefined);
    // The consumer is this suite's; the run's streams are not (the run removes them).
    await (
      await observer?.nc.jetstreamManager()
    )?.consumers
      .delete(streamNames(config.nats.prefix).signals, config.intake.consumer)
      .catch(() => undefined);
    await observer?.nc.drain();
    await observer?.temporal.connection.close();
    await observer?.pg.end();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  });

  it('brings both back healthy by itself; the report then says 0 lost and 0 doubled', async () => {
    // The worker loads a pre-built workflow bundle, as under `npm start`.
    const bundle = path.join(tmp, 'workflow-bundle.js');
    fs.writeFileSync(bundle, (await bundleWorkflowCode(workflowBundleOptions())).code);

    const jsm = await observer.nc.jetstreamManager();
    await ensureStreams(jsm, config.nats.prefix);
    await jsm.consumers.add(streamNames(config.nats.prefix).signals, {
      durable_name: config.intake.consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: subjects(config.nats.prefix).signals,
      ack_wait: nanos(config.intake.ackWaitSeconds * 1000),
      max_deliver: -1,
    });

    ports.intake = await freePort();
    ports.worker = await freePort();
    const appEnv = {
      ...base,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      INTAKE_PORT: String(ports.intake),
      WORKER_PORT: String(ports.worker),
      WORKFLOW_BUNDLE: bundle,
    };
    supervised = Supervised.start([
      { name: 'worker', env: { ...appEnv, ...partNats('worker') } },
      { name: 'intake', env: { ...appEnv, ...partNats('intake') } },
    ]);
    const app = supervised;
    const healthy = (name: 'intake' | 'worker') =>
      until(`${name} /health 200`, async () => (await healthStatus(ports[name])) === 200, 300_000);
    await Promise.all([healthy('worker'), healthy('intake')]).catch((error: Error) => {
      throw new Error(`${error.message}\n${app.tail()}`);
    });
    const first = { intake: app.pids('intake'), worker: app.pids('worker') };
    expect(first.intake).toHaveLength(1);
    expect(first.worker).toHaveLength(1);

    const from = new Date(Date.now() - 1000).toISOString();
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    const signals = Array.from({ length: SIGNALS }, (_, i) =>
      notReturnedSignal({ householdId: `HK${tag}${i}`, personRef: `CK${tag}${i}` }),
    );
    const subs = subjects(config.nats.prefix);
    const js = observer.nc.jetstream();
    for (const s of signals) {
      await js.publish(subs.signal(s.sector, s.kind), JSON.stringify(s), { msgID: s.signalId });
    }
    const keys = signals.map(keyOf);
    const rows = async () => (await observer.ledgerRows(keys)).length;

    await until(
      'some issues opened',
      async () => (await observer.issueIds()).length >= 20,
      180_000,
    );
    // Both killed at once while signals are in hand and flushes are under way: no shutdown hook
    // runs, nothing in flight is acknowledged or written.
    process.kill(first.intake[0], 'SIGKILL');
    process.kill(first.worker[0], 'SIGKILL');
    expect(await rows()).toBeLessThan(SIGNALS);

    // The supervisor says each death and starts each app again; the test does nothing.
    for (const name of ['intake', 'worker'] as const) {
      await until(`${name} started again`, async () => app.pids(name).length === 2, 60_000);
    }
    expect(app.lines('[sanbao] ').sort()).toEqual([
      '[sanbao] intake exited (SIGKILL); restarting in 0.2 s (restart 1)',
      '[sanbao] worker exited (SIGKILL); restarting in 0.2 s (restart 1)',
    ]);
    expect([...first.intake, ...first.worker].filter(alive)).toEqual([]);
    await Promise.all([healthy('worker'), healthy('intake')]).catch((error: Error) => {
      throw new Error(`${error.message}\n${app.tail()}`);
    });
    // Back for good: still the second process of each, nothing restarted meanwhile.
    expect(app.pids('intake')).toHaveLength(2);
    expect(app.pids('worker')).toHaveLength(2);

    await until('intake caught up', () => observer.intakeCaughtUp(), 240_000);
    await until('a ledger row per issue', async () => (await rows()) === SIGNALS, 240_000);

    const report = await observer.reconcile(`reconciliation-kill-${tag}`, from);

    expect(report).toMatchObject({ lost: 0, doubled: 0, notRepaired: 0 });
    expect(report.signals).toMatchObject({
      count: SIGNALS,
      withIssue: SIGNALS,
      deadLettered: 0,
      pending: 0,
    });
    expect(report.signals.lastSeq! - report.signals.firstSeq! + 1).toBe(SIGNALS);
    expect(report.workflows.checked).toBe(SIGNALS);
    expect(report.findings).toEqual([]);

    // Stopped as Ctrl-C stops `npm start`: nothing it ran is left, nothing is started again.
    const everyPid = [app.pid, ...app.pids('intake'), ...app.pids('worker')];
    expect(await app.stop()).toBe(0);
    supervised = undefined;
    expect(everyPid.filter(alive)).toEqual([]);
    expect(app.pids('intake')).toHaveLength(2);
    expect(app.pids('worker')).toHaveLength(2);
  }, 900_000);
});
