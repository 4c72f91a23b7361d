/**
 * `npm run bench:intake`: how fast the intake turns signals into started issue workflows,
 * beside bare `client.workflow.start` calls on the same Temporal server in the same run.
 *
 * Needs the stack: run `npm run stack` (Temporal, NATS, PostgreSQL, migrations) in another
 * terminal first, or point TEMPORAL_ADDRESS / NATS_URL at running servers. The bench uses its
 * own NATS prefix and task queue, runs the intake in-process (no worker: "started" is the
 * workflow's start on the server), and terminates the workflows and deletes its streams after.
 *
 *   BENCH_SIGNALS=3000 npm run bench:intake
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@sanbao/config';
import { RiskSignal, streamNames, subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { deleteStreams, ensureStreams, natsConnectOptions } from '@sanbao/messaging';
import { connectMicroservices } from '@sanbao/runtime';
import { issueWorkflowId } from '@sanbao/temporal';
import { Client, Connection } from '@temporalio/client';
import { connect } from 'nats';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { notReturnedSignal } from '../support/signals';
import { loadAverage, percentile } from './support';

const N = Number(process.env.BENCH_SIGNALS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 64);
const tag = Date.now().toString(36);
const config = loadConfig({
  ...process.env,
  NATS_PREFIX: `bench_${tag}`,
  TEMPORAL_TASK_QUEUE: `bench-${tag}`,
  LOG_LEVEL: 'warn',
});

function signal(i: number): RiskSignal {
  return notReturnedSignal({
    householdId: `HB${tag}${i}`,
    personRef: `CB${i}`,
    villageCode: '522633101201',
    townshipCode: '522633101',
  });
}

async function main(): Promise<void> {
  const connection = await Connection.connect({ address: config.temporal.address }).catch(() => {
    throw new Error(
      `no Temporal at ${config.temporal.address}: start the stack first (npm run stack)`,
    );
  });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const nc = await connect(natsConnectOptions(config.nats));
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm, config.nats.prefix);
  let intake: INestApplication | undefined;
  try {
    // 1. Bare starts: the ceiling the intake is measured against.
    const baselineIds = Array.from({ length: N }, (_, i) => `bench-baseline-${tag}-${i}`);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < baselineIds.length) {
          const workflowId = baselineIds[next++];
          await client.workflow.start('benchBaseline', {
            workflowId,
            taskQueue: config.temporal.taskQueue,
            args: [],
          });
        }
      }),
    );
    const baselineSeconds = (performance.now() - t0) / 1000;

    // 2. Signals through NATS and the intake.
    intake = await NestFactory.create(IntakeAppModule.forRoot(config), { logger: ['error'] });
    connectMicroservices(intake);
    await intake.init();
    await intake.startAllMicroservices();
    const signals = Array.from({ length: N }, (_, i) => signal(i));
    const publishedAt = new Map<string, number>();
    const js = nc.jetstream();
    const subs = subjects(config.nats.prefix);
    const p0 = Date.now();
    await Promise.all(
      signals.map(async (s) => {
        const key = issueKey({ sector: s.sector, subject: s.subject, kind: s.kind });
        // The workflow's id is the key's keyed hash: the list below names issues by it.
        publishedAt.set(issueWorkflowId(config.temporal.workflowIdSecret, key), Date.now());
        await js.publish(subs.signal(s.sector, s.kind), JSON.stringify(s), { msgID: s.signalId });
      }),
    );
    const stream = streamNames(config.nats.prefix).signals;
    for (;;) {
      const info = await jsm.consumers.info(stream, config.intake.consumer).catch(() => undefined);
      if (
        info &&
        info.num_pending === 0 &&
        info.num_ack_pending === 0 &&
        info.ack_floor.stream_seq >= N
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const latencies: number[] = [];
    let lastStart = 0;
    const query = `WorkflowType = 'issueWorkflow' AND TaskQueue = '${config.temporal.taskQueue}'`;
    for await (const execution of client.workflow.list({ query })) {
      const sent = publishedAt.get(execution.workflowId);
      if (sent === undefined) continue;
      const started = execution.startTime.getTime();
      latencies.push(started - sent);
      lastStart = Math.max(lastStart, started);
    }
    latencies.sort((a, b) => a - b);
    const intakeSeconds = (lastStart - p0) / 1000;
    const rows = [
      ['signals', String(N)],
      ['issues started', String(latencies.length)],
      [
        'intake: signals/s, publish to workflow started',
        (latencies.length / intakeSeconds).toFixed(0),
      ],
      ['intake: latency p50 (ms)', String(percentile(latencies, 50))],
      ['intake: latency p99 (ms)', String(percentile(latencies, 99))],
      [`bare workflow.start/s (${CONCURRENCY} concurrent)`, (N / baselineSeconds).toFixed(0)],
      [
        'intake rate / bare start rate',
        (latencies.length / intakeSeconds / (N / baselineSeconds)).toFixed(2),
      ],
      ['intake batch size (INTAKE_BATCH_SIZE)', String(config.intake.batchSize)],
      ['load average (1/5/15 min) at the end', loadAverage()],
    ];
    console.log('\n| measure | value |\n| --- | --- |');
    for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);

    // 3. Clean up: nothing of the bench stays running.
    await intake.close();
    intake = undefined;
    const all = `TaskQueue = '${config.temporal.taskQueue}' AND ExecutionStatus = 'Running'`;
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query: all }))
      ids.push(execution.workflowId);
    let i = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (i < ids.length) {
          await client.workflow
            .getHandle(ids[i++])
            .terminate('benchmark done')
            .catch(() => undefined);
        }
      }),
    );
  } finally {
    await intake?.close();
    await deleteStreams(jsm, config.nats.prefix);
    await nc.drain();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:intake] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
