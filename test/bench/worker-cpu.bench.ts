/**
 * `npm run bench:worker`: the worker's CPU per new issue and per act (issue 16), read from
 * /proc for the worker as a process of its own (started as `npm run bench` starts it), so
 * that other load on the machine does not enter the figure as wall time does. Prints the
 * figures; nothing is appended to docs/benchmarks.md.
 *
 *   BENCH_ISSUES=1000 BENCH_LIVES=100 npm run bench:worker
 *   BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench:worker
 *
 * Needs the stack (`npm run stack`). Its own task queue; its workflows are terminated after.
 */
import 'reflect-metadata';
import { loadConfig } from '@sanbao/config';
import { issueWorkflowId } from '@sanbao/temporal';
import { issueWorkflow } from '@sanbao/workflows';
import { bundleWorkflowCode } from '@temporalio/worker';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Pool } from 'pg';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { IssueDriver } from '../support/issue/driver';
import { newIssue } from '../support/issue/people';
import {
  benchClient,
  loadAverage,
  pool,
  ServiceCpu,
  sleep,
  temporalServerKind,
  terminateAll,
  WorkerProcess,
} from './support';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 1000);
const LIVES = Number(process.env.BENCH_LIVES ?? 100);
const CONCURRENCY = 64;
const tag = Date.now().toString(36);
const env = { NATS_PREFIX: `bench_${tag}`, TEMPORAL_TASK_QUEUE: `bench-${tag}`, LOG_LEVEL: 'warn' };
const config = loadConfig({ ...process.env, ...env });

async function main(): Promise<void> {
  const client = await benchClient(config);
  const db = new Pool({ connectionString: config.database.url, max: 2 });
  const idOf = (key: string) => issueWorkflowId(config.temporal.workflowIdSecret, key);
  const bundle = path.join(os.tmpdir(), `sanbao-bench-bundle-${tag}.js`);
  fs.writeFileSync(bundle, (await bundleWorkflowCode(workflowBundleOptions())).code);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const worker = await WorkerProcess.start({ ...env, WORKFLOW_BUNDLE: bundle }, port);
  // The Temporal server's and PostgreSQL's CPU beside the worker's (meaningful on a quiet machine).
  const services = ServiceCpu.find(config.temporal.address, config.database.url);
  const perItem = (before: { temporal: number; postgres: number }, count: number) => {
    const after = services.seconds();
    const ms = (s: number) => (Number.isFinite(s) ? ((s * 1000) / count).toFixed(2) : 'n/a');
    return `Temporal server ${ms(after.temporal - before.temporal)} ms, PostgreSQL ${ms(after.postgres - before.postgres)} ms`;
  };
  console.log(await temporalServerKind(client));
  try {
    const open = async (count: number) => {
      const issues = Array.from({ length: count }, () => newIssue(config.deadlinePolicy));
      const c0 = worker.cpuSeconds();
      const m0 = worker.cpuSeconds('main');
      const t0 = Date.now();
      await pool(issues, CONCURRENCY, async (issue) => {
        await client.workflow.start(issueWorkflow, {
          workflowId: idOf(issue.issueKey),
          taskQueue: config.temporal.taskQueue,
          args: [issue],
        });
      });
      let waiting = issues.map((i) => i.issueKey);
      while (waiting.length > 0) {
        const { rows } = await db.query<{ issue_key: string }>(
          'SELECT issue_key FROM issue_ledger WHERE issue_key = ANY($1)',
          [waiting],
        );
        const seen = new Set(rows.map((r) => r.issue_key));
        waiting = waiting.filter((k) => !seen.has(k));
        if (waiting.length > 0) await sleep(200);
      }
      const main = worker.cpuSeconds('main') - m0;
      return { issues, cpu: worker.cpuSeconds() - c0, main, wall: (Date.now() - t0) / 1000 };
    };
    // Warm-up: the first issues pay for the workflow context, JIT and the pools.
    await open(Math.min(200, ISSUES));
    await sleep(2000);
    const idle0 = worker.cpuSeconds();
    const idleMain0 = worker.cpuSeconds('main');
    await sleep(5000);
    const idlePerSecond = (worker.cpuSeconds() - idle0) / 5;
    const idleMainPerSecond = (worker.cpuSeconds('main') - idleMain0) / 5;
    const s0 = services.seconds();
    const threads0 = worker.cpuByThread();
    const opened = await open(ISSUES);
    const threads = [...worker.cpuByThread()]
      .map(([name, g]) => {
        const ms = ((g.seconds - (threads0.get(name)?.seconds ?? 0)) * 1000) / ISSUES;
        return [g.threads > 1 ? `${name} (${g.threads} threads)` : name, ms] as const;
      })
      .filter(([, ms]) => ms >= 0.05)
      .sort((a, b) => b[1] - a[1]);
    const servicesPerIssue = perItem(s0, ISSUES);
    const perIssue = ((opened.cpu - idlePerSecond * opened.wall) * 1000) / ISSUES;
    const mainPerIssue = ((opened.main - idleMainPerSecond * opened.wall) * 1000) / ISSUES;
    console.log(
      `new issues: ${ISSUES} in ${opened.wall.toFixed(1)} s; worker CPU ${opened.cpu.toFixed(1)} s ` +
        `(idle ${(idlePerSecond * 1000).toFixed(0)} ms/s): ${perIssue.toFixed(2)} ms CPU per new issue ` +
        `(main thread ${mainPerIssue.toFixed(2)} ms; beside it, per new issue: ${servicesPerIssue}); load ${loadAverage()}`,
    );
    console.log(
      `  per new issue by thread name (idle not taken off): ${threads.map(([n, ms]) => `${n} ${ms.toFixed(2)}`).join(', ')}`,
    );

    const drivers = opened.issues
      .slice(0, LIVES)
      .map(
        (issue) =>
          new IssueDriver(
            undefined as never,
            client.workflow.getHandle(idOf(issue.issueKey)),
            issue,
          ),
      );
    const c0 = worker.cpuSeconds();
    const sa = services.seconds();
    const t0 = Date.now();
    await pool(drivers, 8, async (d) => {
      await d.verify();
      await d.decide('forward');
      await d.plan();
      await d.complete();
      await d.writeOff('resolved');
    });
    const wall = (Date.now() - t0) / 1000;
    await sleep(1000); // the last flushes
    const cpu = worker.cpuSeconds() - c0 - idlePerSecond * (wall + 1);
    console.log(
      `acts: ${LIVES * 5} in ${wall.toFixed(1)} s; ${((cpu * 1000) / (LIVES * 5)).toFixed(2)} ms CPU per act ` +
        `(beside it, per act: ${perItem(sa, LIVES * 5)}); load ${loadAverage()}`,
    );
  } finally {
    await worker.stop();
    fs.rmSync(bundle, { force: true });
    await terminateAll(client, config.temporal.taskQueue);
    await db.end();
    await client.connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
