/**
 * What the benchmark suite (`npm run bench`) shares: the worker as a process of its own (its
 * memory read from /proc), percentiles, the load average, and the dated table it appends to
 * docs/benchmarks.md.
 */
import type { AppConfig } from '@sanbao/config';
import { issueDataConverter } from '@sanbao/temporal';
import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items`, `width` at a time. */
export async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** The bench's Temporal client, with the apps' data converter. */
export async function benchClient(config: AppConfig): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: issueDataConverter(config.temporal),
  });
}

/** Terminates every workflow still running on the bench's task queue. */
export async function terminateAll(client: Client, taskQueue: string): Promise<void> {
  const ids: string[] = [];
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
  await pool(ids, 64, async (id) => {
    await client.workflow
      .getHandle(id)
      .terminate('benchmark done')
      .catch(() => undefined);
  });
}

/** A TypeScript script of the repository in a process of its own; resolves to its exit code. */
export function runScript(script: string, env: Record<string, string>): Promise<number> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' },
  );
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** The worker app in a process of its own, so that its memory is its own. */
export class WorkerProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(env: Record<string, string>, port: number): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${env.BENCH_WORKER_HEAP_MB ?? '768'}`,
        // e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' (written when the worker exits)
        ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/worker/src/main.ts',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, WORKER_PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode})`);
      const healthy = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) return worker;
      if (Date.now() > deadline) throw new Error('worker not healthy within 4 minutes');
      await sleep(1000);
    }
  }

  /** Resident memory now and at its peak, in MiB (/proc/<pid>/status). */
  memory(): { rssMiB: number; peakMiB: number } {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
  }

  /**
   * CPU seconds the worker has used (user + system, /proc/<pid>/stat); `main`: its main thread
   * only (activities, the flush, the outbox relay; not the workflow thread or the Core SDK's).
   */
  cpuSeconds(thread?: 'main'): number {
    const file = thread ? `task/${this.child.pid}/stat` : 'stat';
    return procStat(`/proc/${this.child.pid}/${file}`).ownSeconds;
  }

  /**
   * CPU seconds per thread name (/proc/<pid>/task/*: comm), summed over the threads of each
   * name: which part of the worker the CPU goes to (the main thread, the workflow threads, the
   * Core SDK's Rust threads, V8's helpers). Threads that have exited are not counted.
   */
  cpuByThread(): Map<string, { seconds: number; threads: number }> {
    const out = new Map<string, { seconds: number; threads: number }>();
    const dir = `/proc/${this.child.pid}/task`;
    for (const tid of fs.readdirSync(dir)) {
      try {
        const stat = procStat(`${dir}/${tid}/stat`);
        const name = tid === String(this.child.pid) ? 'main' : stat.name;
        const seconds = stat.ownSeconds;
        const group = out.get(name) ?? { seconds: 0, threads: 0 };
        out.set(name, { seconds: group.seconds + seconds, threads: group.threads + 1 });
      } catch {
        // the thread exited between the listing and the read
      }
    }
    return out;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** CPU seconds (user + system) of a process, and of its children that have exited when asked. */
export function processCpuSeconds(pid: number, withExitedChildren = false): number {
  const stat = procStat(`/proc/${pid}/stat`);
  return stat.ownSeconds + (withExitedChildren ? stat.childrenSeconds : 0);
}

/**
 * A /proc stat file (a process's or a thread's): its name, and its CPU seconds (user + system)
 * and those of its children that have exited (clock ticks: 100 a second on Linux).
 */
function procStat(file: string): { name: string; ownSeconds: number; childrenSeconds: number } {
  const stat = fs.readFileSync(file, 'utf8');
  // fields[11..14] after the name: utime, stime, cutime, cstime
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    ownSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
    childrenSeconds: (Number(fields[13]) + Number(fields[14])) / 100,
  };
}

/** The pid listening on a TCP port of this machine, if `ss` can tell. */
export function listeningPid(port: number): number | undefined {
  const out = spawnSync('ss', ['-Htlnp', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}

/**
 * CPU used by the services beside the worker, read from /proc: the Temporal server (the process
 * listening on its port) and PostgreSQL (the postmaster, its live backends and those that have
 * exited). On a machine shared with other test runs their figures include the others' work
 * (PostgreSQL in particular), so they are read only on a quiet machine.
 */
export class ServiceCpu {
  private constructor(
    private readonly temporalPid: number | undefined,
    private readonly postgresPid: number | undefined,
  ) {}

  static find(temporalAddress: string, databaseUrl: string): ServiceCpu {
    const temporalPort = Number(temporalAddress.split(':').pop() ?? 7233);
    const postgresPort = Number(new URL(databaseUrl).port || 5432);
    return new ServiceCpu(listeningPid(temporalPort), listeningPid(postgresPort));
  }

  /** Seconds of CPU so far: { temporal, postgres } (NaN for a process not found). */
  seconds(): { temporal: number; postgres: number } {
    const read = (f: () => number) => {
      try {
        return f();
      } catch {
        return NaN;
      }
    };
    return {
      temporal: this.temporalPid ? read(() => processCpuSeconds(this.temporalPid!)) : NaN,
      postgres: this.postgresPid ? read(() => this.postgresSeconds(this.postgresPid!)) : NaN,
    };
  }

  private postgresSeconds(postmaster: number): number {
    let total = processCpuSeconds(postmaster, true);
    const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' });
    for (const pid of (children.stdout ?? '').split('\n').filter(Boolean)) {
      try {
        total += processCpuSeconds(Number(pid));
      } catch {
        // exited between the listing and the read: counted in the postmaster's children
      }
    }
    return total;
  }
}

/** Appends one run's tables under a dated heading to docs/benchmarks.md. */
export function appendToBenchmarks(title: string, intro: string, rows: string[][]): void {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const table = [
    '| measure | value | goal | met | load average (1/5/15 min) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  fs.appendFileSync(file, `\n### ${title}\n\n${intro}\n\n${table}\n`);
}

/**
 * The Temporal server the bench ran against, as it says of itself: its version and its
 * persistence (e.g. "Temporal 1.29.1 on sqlite, visibility sqlite" for the stack's dev server,
 * "… on postgres12" for the full server as deployed).
 */
export async function temporalServerKind(client: Client): Promise<string> {
  try {
    const info = await client.workflowService.getClusterInfo({});
    return `Temporal ${info.serverVersion} on ${info.persistenceStore}, visibility ${info.visibilityStore}`;
  } catch {
    return 'Temporal (cluster info not available)';
  }
}
