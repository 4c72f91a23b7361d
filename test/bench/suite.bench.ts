/**
 * `npm run bench`: the throughput figures of issue 16, measured in one run against a running
 * stack (`npm run stack` in another terminal: Temporal, NATS, PostgreSQL, migrations), and
 * appended as a dated table to docs/benchmarks.md with the load average beside each figure.
 *
 * 1. intake vs bare `workflow.start`, like with like: both start workflows on a task queue no
 *    worker polls (as `bench:intake` and issue 16's own figures), so neither shares the two
 *    cores with the worker: rate at full load; added p50/p99 at half the bare rate; beside
 *    them, a bare client's signal-with-start of an issue (the intake's call) and a plain start
 *    carrying the same bytes;
 * 2. a new issue through the whole pipeline: signal → in the ledger vs signal → started (the
 *    worker runs as a process of its own, with the deployment's limits), and the intake's rate
 *    beside the worker;
 * 3. whole issue lives (5 acts each, 8 clients, through the IssueWorkflows' Update calls) vs a
 *    bare Update on a trivial workflow;
 * 4. a term-start roster of BENCH_ROSTER children (default 20,000; 0 leaves it out), 5 %
 *    absent, through the education service's ingest, the intake and the worker: upload → the
 *    last of its issues in the ledger;
 * 5. the worker's RSS (from /proc) and replay CPU at N open issues waiting on timers, opened by
 *    start as fast as the worker takes them (the worker writes their ledger rows as in
 *    production);
 * 6. the reads at province scale (issue 17): `bench:reads` as a process of its own, on a
 *    county of BENCH_READS_ISSUES issues (default 1,000,000) in a database of its own, which
 *    appends its own table (BENCH_READS=0 leaves it out).
 *
 *   BENCH_OPEN=10000,50000 npm run bench        (the defaults and 50,000 open issues)
 *   BENCH_SIGNALS=300 BENCH_LIVES=40 BENCH_OPEN=2000 BENCH_READS=0 npm run bench   (a quick look)
 *
 * It uses its own NATS prefix and task queues and terminates its workflows afterwards; the
 * ledger rows it wrote stay (issue keys start with the bench's tag).
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '@sanbao/config';
import { RiskSignal, subjects } from '@sanbao/contracts';
import { issueKey as keyOf, type IssueStartInput } from '@sanbao/domain';
import { deleteStreams, ensureStreams, natsConnectOptions } from '@sanbao/messaging';
import { connectMicroservices } from '@sanbao/runtime';
import { issueWorkflowId } from '@sanbao/temporal';
import { evidenceSignal, ISSUE_WORKFLOW_TYPE, issueWorkflow } from '@sanbao/workflows';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connect, JetStreamClient } from 'nats';
import { Pool } from 'pg';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { issueStartOf } from '../../apps/intake/src/issue-start';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { newIssue } from '../support/issue/people';
import { IssueDriver } from '../support/issue/driver';
import { notReturnedSignal } from '../support/signals';
import { bareUpdate, bareUpdateWorkflow } from './bare-update.workflow';
import { rosterToLedger } from './roster';
import {
  appendToBenchmarks,
  benchClient,
  loadAverage,
  percentile,
  pool,
  runScript,
  ServiceCpu,
  sleep,
  temporalServerKind,
  terminateAll,
  WorkerProcess,
} from './support';

const N = Number(process.env.BENCH_SIGNALS ?? 1000);
const LIVES = Number(process.env.BENCH_LIVES ?? 100);
const OPEN = (process.env.BENCH_OPEN ?? '10000').split(',').map(Number).filter(Boolean);
const HALF_LOAD_SECONDS = Number(process.env.BENCH_HALF_LOAD_SECONDS ?? 20);
const ROSTER = Number(process.env.BENCH_ROSTER ?? 20000);
const CONCURRENCY = 64;
const CLIENTS = 8;
const tag = Date.now().toString(36);
const env = {
  NATS_PREFIX: `bench_${tag}`,
  TEMPORAL_TASK_QUEUE: `bench-${tag}`,
  LOG_LEVEL: 'warn',
};
const config = loadConfig({ ...process.env, ...env });
/** The intake measured against bare starts: its own prefix, on a task queue no worker polls. */
const alone = loadConfig({
  ...process.env,
  ...env,
  NATS_PREFIX: `bench_${tag}_alone`,
  TEMPORAL_TASK_QUEUE: `bench-alone-${tag}`,
});
const rows: string[][] = [];
const row = (measure: string, value: string, goal = '', met = '') =>
  rows.push([measure, value, goal, met, loadAverage()]);
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const ms = (n: number) => n.toFixed(0);

function signal(i: number, label: string): RiskSignal {
  return notReturnedSignal({
    householdId: `HB${tag}${label}${i}`,
    personRef: `CB${i}`,
    villageCode: '522633101201',
    townshipCode: '522633101',
  });
}

async function main(): Promise<void> {
  const client = await benchClient(config);
  const db = new Pool({ connectionString: config.database.url, max: 4 });
  const nc = await connect(natsConnectOptions(config.nats));
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm, config.nats.prefix);
  await ensureStreams(jsm, alone.nats.prefix);
  const js = nc.jetstream();
  const workflowIdOf = (key: string) => issueWorkflowId(config.temporal.workflowIdSecret, key);
  const port = 20000 + Math.floor(Math.random() * 20000);
  // The worker runs a prebuilt bundle, as deployed: bundling at start would leave webpack's
  // memory in the figures.
  const bundle = path.join(os.tmpdir(), `sanbao-bench-bundle-${tag}.js`);
  fs.writeFileSync(bundle, (await bundleWorkflowCode(workflowBundleOptions())).code);
  const worker = await WorkerProcess.start({ ...env, WORKFLOW_BUNDLE: bundle }, port);
  let intake: INestApplication | undefined;
  const server = await temporalServerKind(client);
  const t0 = Date.now();
  try {
    // 1. Bare starts (on a queue no worker polls): the ceiling the intake is measured against.
    const bareQueue = `bench-bare-${tag}`;
    const bareStart = (id: string) =>
      client.workflow.start('benchBaseline', { workflowId: id, taskQueue: bareQueue, args: [] });
    /** Calls per second of `call(i)` for i < N, CONCURRENCY at once. */
    const rateOf = async (call: (i: number) => Promise<unknown>) => {
      const s0 = performance.now();
      await pool(
        Array.from({ length: N }, (_, i) => i),
        CONCURRENCY,
        async (i) => void (await call(i)),
      );
      return N / ((performance.now() - s0) / 1000);
    };
    const bareRate = await rateOf((i) => bareStart(`bench-bare-${tag}-${i}`));
    row(`bare workflow.start/s (${CONCURRENCY} concurrent)`, bareRate.toFixed(0));
    const versusBare = (rate: number) => `${rate.toFixed(0)}; ${(rate / bareRate).toFixed(2)}`;

    // 1a. The intake's own call, made by a bare client: signal-with-start of an issue's input
    // and evidence (what the intake sends), to tell the server's share of the gap from the
    // intake's.
    const swsRate = await rateOf((i) => {
      const { input, evidence } = issueStartOf(signal(i, 'sws'), config.deadlinePolicy);
      return client.workflow.signalWithStart(issueWorkflow, {
        workflowId: workflowIdOf(input.issueKey),
        taskQueue: bareQueue,
        args: [input],
        signal: evidenceSignal,
        signalArgs: [evidence],
        workflowIdConflictPolicy: 'USE_EXISTING',
        searchAttributes: { IssueIdScheme: ['family-hashed'] },
      });
    });
    row(
      `bare signal-with-start of an issue (the intake's call)/s (${CONCURRENCY} concurrent); / bare start rate`,
      versusBare(swsRate),
    );

    // 1a'. What a plain start carrying the same bytes costs the server (the issue's input and
    // its evidence as two arguments, the same search attribute; nothing polls the queue, so the
    // workflow never runs): the ceiling of an intake that would start new issues without a
    // signal and signal only an open one (not built; issue 16's next step).
    const plainRate = await rateOf((i) => {
      const { input, evidence } = issueStartOf(signal(i, 'plain'), config.deadlinePolicy);
      return client.workflow.start(ISSUE_WORKFLOW_TYPE, {
        workflowId: workflowIdOf(input.issueKey),
        taskQueue: bareQueue,
        args: [input, evidence],
        searchAttributes: { IssueIdScheme: ['family-hashed'] },
      });
    });
    row(
      `bare start of an issue carrying its evidence (no signal)/s (${CONCURRENCY} concurrent); / bare start rate`,
      versusBare(plainRate),
    );

    // 1b. The intake in the same conditions: its workflows on a queue no worker polls.
    intake = await startIntake(alone);
    const single = await throughIntake(js, client, db, workflowIdOf, alone, 'alone', N, 0);
    row('intake: signals/s, publish → started', single.startRate.toFixed(0));
    row(
      'intake rate / bare start rate',
      (single.startRate / bareRate).toFixed(2),
      '≥ 0.9',
      yes(single.startRate >= 0.9 * bareRate),
    );

    // 1c. Half the bare rate, steady: what the intake adds to a bare start's latency.
    const rate = Math.max(1, Math.floor(bareRate / 2));
    const bareLatencies: number[] = [];
    await paced(rate, HALF_LOAD_SECONDS, async (i) => {
      const s = performance.now();
      await bareStart(`bench-bare-half-${tag}-${i}`);
      bareLatencies.push(performance.now() - s);
    });
    bareLatencies.sort((a, b) => a - b);
    const half = await throughIntake(
      js,
      client,
      db,
      workflowIdOf,
      alone,
      'half',
      rate * HALF_LOAD_SECONDS,
      rate,
    );
    const added50 = half.started[0] - percentile(bareLatencies, 50);
    const added99 = half.started[1] - percentile(bareLatencies, 99);
    row(
      `intake at ${rate}/s (half the bare rate): added p50 / p99 (ms)`,
      `${ms(added50)} / ${ms(added99)}`,
      'p99 ≤ 20',
      yes(added99 <= 20),
    );
    await intake.close();
    intake = undefined;

    // 2. N signals at once through the intake; the worker writes each new issue's ledger row.
    intake = await startIntake(config);
    const services = ServiceCpu.find(config.temporal.address, config.database.url);
    const [w0, s0, i0] = [worker.cpuSeconds(), services.seconds(), process.cpuUsage()];
    const full = await throughIntake(js, client, db, workflowIdOf, config, 'full', N, 0);
    const [w1, s1, i1] = [worker.cpuSeconds(), services.seconds(), process.cpuUsage(i0)];
    const each = (seconds: number) =>
      Number.isFinite(seconds) ? ((seconds * 1000) / N).toFixed(1) : 'n/a';
    row(
      'CPU per new issue in that phase, ms: worker / Temporal server / PostgreSQL / intake and bench',
      `${each(w1 - w0)} / ${each(s1.temporal - s0.temporal)} / ${each(s1.postgres - s0.postgres)} / ${each((i1.user + i1.system) / 1e6)}`,
    );
    row(
      'with the worker: intake signals/s, publish → started; / bare start rate',
      `${full.startRate.toFixed(0)}; ${(full.startRate / bareRate).toFixed(2)}`,
    );
    row(
      'worker: new issues/s into the ledger / intake start rate',
      `${full.ledgerRate.toFixed(0)} / ${full.startRate.toFixed(0)} = ${(full.ledgerRate / full.startRate).toFixed(2)}`,
      '≥ 1',
      yes(full.ledgerRate >= full.startRate * 0.999),
    );
    row('signal → started p50 / p99 (ms)', `${ms(full.started[0])} / ${ms(full.started[1])}`);
    row('signal → in the ledger p50 / p99 (ms)', `${ms(full.ledger[0])} / ${ms(full.ledger[1])}`);
    row(
      'signal → ledger / signal → started (p50)',
      (full.ledger[0] / full.started[0]).toFixed(2),
      '≤ 2',
      yes(full.ledger[0] <= 2 * full.started[0]),
    );

    // 4. Whole issue lives vs bare Updates, 8 clients each.
    const updates = await bareUpdates(client, LIVES * 5);
    row(`bare Update/s (${CLIENTS} clients)`, updates.rate.toFixed(1));
    row('bare Update p50 / p99 (ms)', `${ms(updates.p50)} / ${ms(updates.p99)}`);
    const lives = await wholeLives(client, workflowIdOf);
    row(`issue acts/s (${LIVES} lives × 5 acts, ${CLIENTS} clients)`, lives.rate.toFixed(1));
    row(
      'acts/s / bare Update/s',
      (lives.rate / updates.rate).toFixed(2),
      '≥ 0.5',
      yes(lives.rate >= 0.5 * updates.rate),
    );
    row(
      'act p50 / p99 (ms); p99 / bare p99',
      `${ms(lives.p50)} / ${ms(lives.p99)}; ${(lives.p99 / updates.p99).toFixed(2)}`,
      '≤ 2',
      yes(lives.p99 <= 2 * updates.p99),
    );

    // 5. A term-start roster through the education service's ingest, the intake and the worker.
    if (ROSTER > 0) {
      const roster = await rosterToLedger(config, db, tag, ROSTER);
      row(
        `roster of ${roster.children} children, 5 % absent (${roster.absent} issues): ingest s / upload → last in the ledger s`,
        `${(roster.ingestMs / 1000).toFixed(1)} / ${(roster.lastLedgerMs / 1000).toFixed(1)}` +
          (roster.inLedger < roster.absent ? ` (only ${roster.inLedger} in the ledger)` : ''),
      );
    }

    // 6. Memory at N open issues waiting on timers (the default policy: days).
    await intake.close();
    intake = undefined;
    await openIssues(client, db, worker, workflowIdOf);
  } finally {
    await intake?.close();
    await worker.stop();
    fs.rmSync(bundle, { force: true });
    const minutes = ((Date.now() - t0) / 60000).toFixed(1);
    appendToBenchmarks(
      `npm run bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `One run of \`npm run bench\` (${minutes} min): ${N} signals, ${LIVES} issue lives, ` +
        `roster ${ROSTER}, ` +
        `open issues ${OPEN.join(', ')}; worker as its own process (ts-node, prebuilt workflow bundle, ` +
        `WORKER_MAX_CACHED_WORKFLOWS=${config.worker.maxCachedWorkflows}, ` +
        `WORKER_ACTIVITY_CONCURRENCY=${config.worker.activityConcurrency}, heap limit ` +
        `${process.env.BENCH_WORKER_HEAP_MB ?? 768} MiB), ${server}, ${os.cpus().length} cores, ` +
        'the load average when each figure was taken beside it.',
      rows,
    );
    console.log(rows.map((r) => r.join(' | ')).join('\n'));
    await terminateAll(client, config.temporal.taskQueue);
    await terminateAll(client, alone.temporal.taskQueue);
    await terminateAll(client, `bench-bare-${tag}`);
    await deleteStreams(jsm, config.nats.prefix).catch(() => undefined);
    await deleteStreams(jsm, alone.nats.prefix).catch(() => undefined);
    await nc.drain();
    await db.end();
    await client.connection.close();
  }
}

/** Publishes `count` signals (all at once when `perSecond` is 0) and times each to start and to ledger. */
async function throughIntake(
  js: JetStreamClient,
  client: Client,
  db: Pool,
  workflowIdOf: (key: string) => string,
  settings: AppConfig,
  label: string,
  count: number,
  perSecond: number,
) {
  const subs = subjects(settings.nats.prefix);
  // Only a queue the bench's worker polls gets ledger rows.
  const withWorker = settings.temporal.taskQueue === config.temporal.taskQueue;
  const sentAt = new Map<string, { key: string; at: number }>();
  const p0 = Date.now();
  const publish = async (i: number) => {
    const s = signal(i, label);
    const key = keyOf({ sector: s.sector, subject: s.subject, kind: s.kind });
    sentAt.set(workflowIdOf(key), { key, at: Date.now() });
    await js.publish(subs.signal(s.sector, s.kind), JSON.stringify(s), { msgID: s.signalId });
  };
  if (perSecond > 0) await paced(perSecond, count / perSecond, publish);
  else await Promise.all(Array.from({ length: count }, (_, i) => publish(i)));
  const keys = [...sentAt.values()].map((v) => v.key);
  const deadline = Date.now() + 20 * 60_000;
  let ledgerAt = new Map<string, number>();
  while (!withWorker && Date.now() < deadline) {
    const { count: started } = await client.workflow.count(
      `WorkflowType = 'issueWorkflow' AND TaskQueue = '${settings.temporal.taskQueue}'`,
    );
    if (started >= startedBefore(settings) + count) break;
    await sleep(500);
  }
  startedCount.set(settings.temporal.taskQueue, startedBefore(settings) + count);
  while (withWorker && Date.now() < deadline) {
    const found = await db.query<{ issue_key: string; at: Date }>(
      `SELECT issue_key, created_at AS at FROM issue_ledger WHERE issue_key = ANY($1)`,
      [keys],
    );
    ledgerAt = new Map(found.rows.map((r) => [r.issue_key, r.at.getTime()]));
    if (ledgerAt.size >= count) break;
    await sleep(500);
  }
  const started: number[] = [];
  const ledger: number[] = [];
  let lastStart = 0;
  let lastLedger = 0;
  const query = `WorkflowType = 'issueWorkflow' AND TaskQueue = '${settings.temporal.taskQueue}'`;
  for await (const execution of client.workflow.list({ query })) {
    const sent = sentAt.get(execution.workflowId);
    if (!sent) continue;
    const startedAt = execution.startTime.getTime();
    started.push(startedAt - sent.at);
    lastStart = Math.max(lastStart, startedAt);
    const inLedger = ledgerAt.get(sent.key);
    if (inLedger !== undefined) {
      ledger.push(inLedger - sent.at);
      lastLedger = Math.max(lastLedger, inLedger);
    }
  }
  started.sort((a, b) => a - b);
  ledger.sort((a, b) => a - b);
  if (started.length < count)
    console.warn(`[bench] ${label}: ${started.length} of ${count} started`);
  return {
    startRate: started.length / ((lastStart - p0) / 1000),
    ledgerRate: ledger.length / ((lastLedger - p0) / 1000),
    started: [percentile(started, 50), percentile(started, 99)],
    ledger: [percentile(ledger, 50), percentile(ledger, 99)],
  };
}

/** Issue workflows the bench has started on each task queue so far (its count to wait for). */
const startedCount = new Map<string, number>();
const startedBefore = (settings: AppConfig) => startedCount.get(settings.temporal.taskQueue) ?? 0;

/** The intake app in-process, consuming the signal stream of `settings`' prefix. */
async function startIntake(settings: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(IntakeAppModule.forRoot(settings), { logger: ['error'] });
  connectMicroservices(app);
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/** Runs `work(i)` `perSecond` times a second for `seconds`, without waiting for each. */
async function paced(perSecond: number, seconds: number, work: (i: number) => Promise<void>) {
  const total = Math.round(perSecond * seconds);
  const running: Promise<void>[] = [];
  const s0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = s0 + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(work(i));
  }
  await Promise.all(running);
}

async function bareUpdates(client: Client, count: number) {
  const queue = `bench-upd-${tag}`;
  const native = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection: native,
    namespace: config.temporal.namespace,
    taskQueue: queue,
    workflowsPath: require.resolve('./bare-update.workflow'),
  });
  const running = worker.run();
  try {
    const handles = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        client.workflow.start(bareUpdateWorkflow, {
          workflowId: `bench-upd-${tag}-${i}`,
          taskQueue: queue,
        }),
      ),
    );
    const latencies: number[] = [];
    const u0 = performance.now();
    await Promise.all(
      handles.map(async (handle) => {
        for (let i = 0; i < count / CLIENTS; i++) {
          const s = performance.now();
          await handle.executeUpdate(bareUpdate, { args: [i] });
          latencies.push(performance.now() - s);
        }
        await handle.executeUpdate(bareUpdate, { args: [-1] });
      }),
    );
    const rate = latencies.length / ((performance.now() - u0) / 1000);
    latencies.sort((a, b) => a - b);
    return { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    worker.shutdown();
    await running;
    await native.close();
  }
}

/** Issue lives from report to write-off: verification, decision, plan, completion, check. */
async function wholeLives(client: Client, workflowIdOf: (key: string) => string) {
  const issues = Array.from({ length: LIVES }, () => newIssue(config.deadlinePolicy));
  const drivers: IssueDriver[] = [];
  await pool(issues, CONCURRENCY, async (issue) => {
    const workflowId = workflowIdOf(issue.issueKey);
    await client.workflow.start(issueWorkflow, {
      workflowId,
      taskQueue: config.temporal.taskQueue,
      args: [issue],
    });
    drivers.push(new IssueDriver(undefined as never, client.workflow.getHandle(workflowId), issue));
  });
  for (const driver of drivers) {
    await driver.waitFor((s) => s.ledgerNo !== undefined, 'the ledger number');
  }
  const latencies: number[] = [];
  const timed = async (act: () => Promise<unknown>) => {
    const s = performance.now();
    await act();
    latencies.push(performance.now() - s);
  };
  const l0 = performance.now();
  await pool(drivers, CLIENTS, async (d) => {
    await timed(() => d.verify());
    await timed(() => d.decide('forward'));
    await timed(() => d.plan());
    await timed(() => d.complete());
    await timed(() => d.writeOff('resolved'));
  });
  const rate = latencies.length / ((performance.now() - l0) / 1000);
  latencies.sort((a, b) => a - b);
  return { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function openIssues(
  client: Client,
  db: Pool,
  worker: WorkerProcess,
  workflowIdOf: (key: string) => string,
) {
  row(
    'worker RSS (MiB) after the phases above, before opening more issues',
    String(worker.memory().rssMiB),
  );
  const opened: IssueStartInput[] = [];
  for (const target of OPEN) {
    const batch = Array.from({ length: target - opened.length }, (_, i): IssueStartInput => {
      const issue = newIssue(config.deadlinePolicy);
      return { ...issue, summary: `bench ${tag} open ${opened.length + i}` };
    });
    const c0 = worker.cpuSeconds();
    const s0 = Date.now();
    await pool(batch, CONCURRENCY, async (issue) => {
      await client.workflow.start(issueWorkflow, {
        workflowId: workflowIdOf(issue.issueKey),
        taskQueue: config.temporal.taskQueue,
        args: [issue],
      });
    });
    opened.push(...batch);
    // Only the keys not yet seen are asked for again: 50,000 of them each time would load the
    // database the worker writes to.
    let waiting = batch.map((i) => i.issueKey);
    while (waiting.length > 0) {
      const { rows: found } = await db.query<{ issue_key: string }>(
        `SELECT issue_key FROM issue_ledger WHERE issue_key = ANY($1)`,
        [waiting],
      );
      const seen = new Set(found.map((r) => r.issue_key));
      waiting = waiting.filter((key) => !seen.has(key));
      if (waiting.length > 0) await sleep(2000);
    }
    const seconds = (Date.now() - s0) / 1000;
    const memory = worker.memory();
    row(
      `${target} open issues on timers: opened ${batch.length} in ${seconds.toFixed(0)} s (worker CPU ${(worker.cpuSeconds() - c0).toFixed(0)} s); RSS / peak (MiB)`,
      `${memory.rssMiB} / ${memory.peakMiB}`,
      '< 1024',
      yes(memory.peakMiB < 1024),
    );
    // Replay: the oldest issues have left the cache; a query makes the worker replay each.
    const sample = opened.slice(0, 200);
    const r0 = worker.cpuSeconds();
    const q0 = Date.now();
    await pool(sample, 8, async (issue) => {
      await client.workflow.getHandle(workflowIdOf(issue.issueKey)).query('issueState');
    });
    row(
      `replay of an evicted issue at ${target} open (query, 8 at once): worker CPU ms / wall ms each`,
      `${(((worker.cpuSeconds() - r0) * 1000) / sample.length).toFixed(1)} / ${((Date.now() - q0) / sample.length).toFixed(1)}`,
    );
  }
}

/** `bench:reads` (test/bench/reads.bench.ts) as a process of its own, after the rest. */
async function reads(): Promise<void> {
  if (process.env.BENCH_READS === '0') return;
  const issues = process.env.BENCH_READS_ISSUES ?? '1000000';
  const code = await runScript('test/bench/reads.bench.ts', { BENCH_ISSUES: issues });
  if (code !== 0) throw new Error(`bench:reads exited with ${code}`);
}

main()
  .then(reads)
  .catch((error: unknown) => {
    console.error(
      `[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  });
