/**
 * `npm run bench:reads`: the County API's read paths at province scale. Seeds a database of
 * its own with COPY (`reads-seed.ts`: by default a million issues, 6 audit entries each, lapses
 * where stages ran late), builds the lists' indexes and counts everything once (the migrations
 * after the seed), boots the API and the worker in-process against it, and times each request
 * of issue 17's table with 1 and 20 clients over HTTP: p50 / p99, 5xx answers, answer size.
 * Appends a dated table with the load average to docs/benchmarks.md and drops the database.
 *
 * Needs PostgreSQL (DATABASE_URL's server) and NATS (NATS_URL); uses the Temporal at
 * TEMPORAL_ADDRESS, or starts the dev server from the CLI `npm test` uses when none answers.
 *
 *   BENCH_ISSUES=20000 npm run bench:reads     a small county, for trying it out
 *   BENCH_KEEP_DB=1                            keep the database afterwards
 *   BENCH_DATABASE=name                        the database's name; one already seeded is used
 *                                              as it is (its new migrations run), not seeded again;
 *                                              a named database is always kept
 *   BENCH_SEED_ONLY=1                          seed (and keep) the database, measure nothing
 *   BENCH_ONLY=regex                           only the requests whose label matches, no recount,
 *                                              no table (while working on a query)
 *   BENCH_EXPLAIN_ONLY=1, BENCH_PLANS=1        only EXPLAIN ANALYZE each request's SQL (no recount,
 *                                              no table); print plans
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@sanbao/config';
import { SEARCH_ATTRIBUTES } from '@sanbao/domain';
import {
  MIGRATIONS,
  checkReadCounts,
  dropDatabase,
  ensureDatabase,
  ENTITIES,
  Database,
} from '@sanbao/persistence';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../../apps/api/src/issues/keyset';
import { ApiStack } from '../support/api-stack';
import { SqlCapture, explainAll, type Explained } from './reads-explain';
import { seedCounty, townshipCode, villageCode, type SeedFigures } from './reads-seed';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 1_000_000);
const tag = Date.now().toString(36);
const base = loadConfig({ ...process.env });
const dbUrl = new URL(base.database.url);
dbUrl.pathname = `/${process.env.BENCH_DATABASE ?? `sanbao_bench_reads_${tag}`}`;
const DATABASE_URL = dbUrl.toString();
const PASSWORD = 'bench-password-2026';

const say = (line: string) => process.stdout.write(`[bench:reads] ${line}\n`);

async function migrate(migrations: Function[]): Promise<number> {
  const source = new DataSource({
    type: 'postgres',
    url: DATABASE_URL,
    entities: ENTITIES,
    migrations,
  });
  await source.initialize();
  try {
    return (await source.runMigrations({ transaction: 'each' })).length;
  } finally {
    await source.destroy();
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The Temporal to use: the configured one, or a dev server started here. */
async function temporal(): Promise<{ address: string; child?: ChildProcess }> {
  const [host, port] = base.temporal.address.split(':');
  if (await canConnect(host, Number(port))) return { address: base.temporal.address };
  const binary =
    process.env.TEMPORAL_CLI ??
    path.join(os.homedir(), '.cache/sanbao/temporal-cli-v1.5.1/temporal');
  if (!fs.existsSync(binary)) throw new Error(`no Temporal at ${base.temporal.address}`);
  const free = await freePort();
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(free), '--headless'];
  args.push('--log-level', 'error');
  // The system's search attributes, as the stack registers them.
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  const child = spawn(binary, args, { stdio: 'ignore' });
  for (let i = 0; i < 120 && !(await canConnect('127.0.0.1', free)); i++) {
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 3000));
  return { address: `127.0.0.1:${free}`, child };
}

interface Sample {
  ms: number;
  /** to the answer's first byte of body */
  firstMs: number;
  status: number;
  bytes: number;
}

interface Measure {
  label: string;
  goal: string;
  one: Sample[];
  twenty: Sample[];
  explained: Explained;
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function run(
  origin: string,
  request: () => { path: string; token: string; method?: string },
  clients: number,
  total: number,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        const { path: url, token, method } = request();
        const t0 = performance.now();
        const res = await fetch(origin + url, {
          method: method ?? 'GET',
          headers: { authorization: `Bearer ${token}` },
        });
        let bytes = 0;
        let firstMs = NaN;
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          if (bytes === 0) firstMs = performance.now() - t0;
          bytes += chunk.value.byteLength;
        }
        samples.push({ ms: performance.now() - t0, firstMs, status: res.status, bytes });
      }
    }),
  );
  return samples;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const fresh = await ensureDatabase(DATABASE_URL);
  let stack: ApiStack | undefined;
  let temporalChild: ChildProcess | undefined;
  const facts: Array<[string, string]> = [];
  try {
    // 1. The tables as the first migrations make them; the county into them with COPY; then
    //    the rest of the migrations: the lists' indexes built over the full tables, and the
    //    counts counted once (read_counts_rebuild, as after any bulk load). A database seeded
    //    before (BENCH_DATABASE) only gets the migrations it has not had yet.
    let seedSeconds = NaN;
    let t = Date.now();
    if (fresh) {
      const split = MIGRATIONS.findIndex((m) => m.name === 'ReadIndexes1767686400000');
      await migrate(MIGRATIONS.slice(0, split));
      const seeded = await seedCounty(DATABASE_URL, ISSUES);
      seedSeconds = (Date.now() - t) / 1000;
      say(`seeded ${JSON.stringify(seeded)} in ${seedSeconds.toFixed(0)} s`);
    }
    t = Date.now();
    await migrate(MIGRATIONS);
    const indexSeconds = (Date.now() - t) / 1000;
    say(`migrations (indexes, counts) in ${indexSeconds.toFixed(0)} s`);
    const admin = new DataSource({ type: 'postgres', url: DATABASE_URL });
    await admin.initialize();
    await admin.query(fresh ? 'VACUUM ANALYZE' : 'ANALYZE');
    if (process.env.BENCH_SEED_ONLY) {
      await admin.destroy();
      say(`seeded ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}, nothing measured`);
      return;
    }
    const seeded = await seedFigures(admin);
    const partial = process.env.BENCH_ONLY !== undefined || Boolean(process.env.BENCH_EXPLAIN_ONLY);
    t = Date.now();
    // A partial run (BENCH_ONLY or BENCH_EXPLAIN_ONLY, while working on a query) skips the
    // recount (minutes at a million issues) and writes no table.
    const differences = partial ? [] : await checkReadCounts(admin);
    const checkSeconds = (Date.now() - t) / 1000;
    say(`recount: ${differences.length} difference(s) in ${checkSeconds.toFixed(0)} s`);
    const deep = await admin.query<Array<{ v: string; k: string }>>(
      `SELECT reported_at::text AS v, ledger_no AS k FROM issue_ledger
        ORDER BY reported_at DESC, ledger_no DESC OFFSET 399999 LIMIT 1`,
    );
    const wide = await admin.query<Array<{ ledger_no: string }>>(
      `SELECT ledger_no FROM issue_ledger WHERE length(ledger_no) > 15 LIMIT 1`,
    );
    facts.push(
      ['issues / audit entries / lapses', `${seeded.issues} / ${seeded.audit} / ${seeded.lapses}`],
      ['open issues / extensions being voted on', `${seeded.open} / ${seeded.voting}`],
      ['seed with COPY (s)', fresh ? seedSeconds.toFixed(0) : 'seeded before (BENCH_DATABASE)'],
      ['migrations after the seed: indexes, first count (s)', indexSeconds.toFixed(0)],
      [
        'kept counts vs full recount',
        `${differences.length === 0 ? 'equal' : `${differences.length} differences`} (check ${checkSeconds.toFixed(0)} s)`,
      ],
    );

    // 2. The API and the worker against it.
    const { address, child } = await temporal();
    temporalChild = child;
    stack = await ApiStack.start('bench-reads', {
      env: {
        DATABASE_URL,
        TEMPORAL_ADDRESS: address,
        NATS_PREFIX: `bench_${tag}`,
        LOG_LEVEL: 'error',
      },
    });
    await stack.createAdmin(`admin${tag}`, PASSWORD);
    const adminToken = await stack.signIn(`admin${tag}`, PASSWORD);
    const people: Record<string, object> = {
      village: { role: 'village', villageCode: villageCode(0, 0) },
      township: { role: 'township', townshipCode: townshipCode(0) },
      bureau: { role: 'bureau', sector: 'education' },
      leader: { role: 'leader' },
      supervisor: { role: 'supervisor' },
    };
    const tokens: Record<string, string> = {};
    for (const [name, scope] of Object.entries(people)) {
      const username = `${name}${tag}`;
      await stack.http
        .post('/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username, displayName: name, password: PASSWORD, ...scope })
        .expect(201);
      tokens[name] = await stack.signIn(username, PASSWORD);
    }
    const server = (await stack.api.listen(0, '127.0.0.1')) as net.Server;
    const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

    // 3. The requests of the issue's table.
    const deepCursor = encodeCursor({
      list: 'ledger:reportedAt:desc',
      value: deep[0]?.v ?? null,
      key: deep[0]?.k ?? '',
      total: 10_001, // what the first page counted (capped), carried from page to page
    });
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const get = (token: string, p: string) => () => ({ path: p, token: tokens[token] });
    const plan: Array<
      [string, string, () => { path: string; token: string; method?: string }, number, number]
    > = [
      [
        'ledger, village: open, by due',
        'p99 < 30 ms',
        get('village', '/issues?status=open&sort=dueAt&order=asc'),
        30,
        200,
      ],
      [
        'ledger, township: one stage',
        'p99 < 30 ms',
        get('township', '/issues?stage=resolution'),
        30,
        200,
      ],
      ['ledger, bureau: red', 'p99 < 30 ms', get('bureau', '/issues?overdueLevel=red'), 30, 200],
      // The other sorts, without the filters that used to be needed for an index.
      [
        'ledger, whole county by due, every status',
        'p99 < 50 ms',
        get('supervisor', '/issues?sort=dueAt&order=asc'),
        30,
        200,
      ],
      [
        'ledger, bureau by ledger number, red, latest first',
        'p99 < 30 ms',
        get('bureau', '/issues?sort=ledgerNo&order=desc&overdueLevel=red'),
        30,
        200,
      ],
      [
        "ledger, township by due, page 5 (an offset, as the console's pages)",
        'p99 < 30 ms',
        get('township', '/issues?sort=dueAt&order=asc&page=5'),
        30,
        200,
      ],
      ['ledger, whole county, default sort', 'p99 < 50 ms', get('supervisor', '/issues'), 30, 200],
      [
        'ledger, deep page (cursor at row 400,000, 200 rows)',
        'p99 < 50 ms',
        get('supervisor', `/issues?pageSize=200&cursor=${deepCursor}`),
        30,
        200,
      ],
      [
        'ledger, exact total of the county (?total=exact)',
        'asked for only',
        get('supervisor', '/issues?total=exact'),
        5,
        20,
      ],
      ['my-work village', 'p99 < 30 ms', get('village', '/my-work'), 30, 200],
      ['my-work township', 'p99 < 30 ms', get('township', '/my-work'), 30, 200],
      ['my-work bureau', 'p99 < 30 ms', get('bureau', '/my-work'), 30, 200],
      ['my-work leader', 'p99 < 30 ms', get('leader', '/my-work'), 30, 200],
      ['my-work supervisor (overdue)', '(no goal)', get('supervisor', '/my-work'), 30, 200],
      ['dashboard', '< 300 ms', get('supervisor', '/console-api/dashboard'), 10, 60],
      // Counted anew on each request: the month running now is never kept (a POST of an ended
      // month keeps it once and answers 409 after, without counting).
      [
        `monthly report, counted (GET /reports/monthly/${thisMonth}, the month running)`,
        '< 1 s',
        get('supervisor', `/reports/monthly/${thisMonth}`),
        5,
        40,
      ],
      [
        '/accountability without a range (92 days, 100 lapses a page)',
        'bounded, paged',
        get('supervisor', '/accountability'),
        10,
        60,
      ],
      [
        'ledger.xlsx, a township since June (streamed)',
        'streamed',
        get(
          'supervisor',
          `/console-api/ledger.xlsx?townshipCode=${townshipCode(1)}&reportedFrom=2026-06-01T00:00:00%2B08:00`,
        ),
        3,
        10,
      ],
      ['GET /auth/me (floor)', '—', get('supervisor', '/auth/me'), 30, 200],
    ];
    // The SQL of each request, captured from the API's and the worker's own connections.
    const capture = new SqlCapture();
    for (const app of [stack.api, stack.worker]) {
      app.get(Database).dataSource.setOptions({ logger: capture });
    }
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
    const results: Measure[] = [];
    for (const [label, goal, request, n1, n20] of plan) {
      if (only && !only.test(label)) continue;
      await run(origin, request, 1, 2); // warm
      const explained = await explainAll(
        admin,
        await capture.during(() => run(origin, request, 1, 1)),
        Boolean(process.env.BENCH_PLANS),
      );
      if (process.env.BENCH_PLANS) say(`${label}:\n${explained.plans.join('\n\n')}`);
      if (process.env.BENCH_EXPLAIN_ONLY) {
        say(
          `${label}: EXPLAIN ANALYZE ${explained.totalMs.toFixed(1)} ms in ${explained.statements}`,
        );
        continue;
      }
      const one = await run(origin, request, 1, n1);
      const twenty = await run(origin, request, label.startsWith('ledger.xlsx') ? 5 : 20, n20);
      results.push({ label, goal, one, twenty, explained });
      const p = (s: Sample[]) =>
        `${pct(
          s.map((x) => x.ms),
          50,
        ).toFixed(0)} / ${pct(
          s.map((x) => x.ms),
          99,
        ).toFixed(0)}`;
      say(
        `${label}: EXPLAIN ANALYZE ${explained.totalMs.toFixed(1)} ms in ${explained.statements}, 1 client ${p(one)} ms, many ${p(twenty)} ms, statuses ${[...new Set([...one, ...twenty].map((x) => x.status))].join(',')}`,
      );
    }
    const xlsx = results.find((r) => r.label.startsWith('ledger.xlsx'));
    if (xlsx) {
      const first = (samples: Sample[], p: number) =>
        pct(
          samples.map((x) => x.firstMs),
          p,
        ).toFixed(0);
      facts.push([
        'ledger.xlsx: first byte p50 / p99 (ms), 1 client; 5 clients',
        `${first(xlsx.one, 50)} / ${first(xlsx.one, 99)}; ${first(xlsx.twenty, 50)} / ${first(xlsx.twenty, 99)}`,
      ]);
    }
    if (wide[0]) {
      const res = await fetch(`${origin}/issues/${wide[0].ledger_no}`, {
        headers: { authorization: `Bearer ${tokens.supervisor}` },
      });
      facts.push([`GET /issues/${wide[0].ledger_no} (seven digits)`, String(res.status)]);
    }
    const after = partial ? undefined : await checkReadCounts(admin);
    await admin.destroy();
    if (!after) return;
    facts.push([
      'kept counts vs full recount after the run',
      after.length === 0 ? 'equal' : `${after.length} differences`,
    ]);
    report(results, facts, seeded.issues, (Date.now() - t0) / 1000);
  } finally {
    await stack?.close().catch(() => undefined);
    temporalChild?.kill('SIGTERM');
    // A database named by BENCH_DATABASE is someone's (seeded for later runs): never dropped.
    const keep =
      process.env.BENCH_KEEP_DB || process.env.BENCH_SEED_ONLY || process.env.BENCH_DATABASE;
    if (!keep) await dropDatabase(DATABASE_URL).catch(() => undefined);
  }
}

/** What the database holds, counted (it may have been seeded by an earlier run). */
async function seedFigures(db: DataSource): Promise<SeedFigures> {
  const [row] = await db.query<Array<Record<keyof SeedFigures, string>>>(
    `SELECT (SELECT count(*) FROM issue_ledger) AS issues,
            (SELECT count(*) FROM issue_audit) AS audit,
            (SELECT count(*) FROM issue_lapse) AS lapses,
            (SELECT count(*) FROM issue_ledger WHERE status = 'open') AS open,
            (SELECT count(*) FROM issue_ledger WHERE extension_status = 'voting') AS voting`,
  );
  return {
    issues: Number(row.issues),
    audit: Number(row.audit),
    lapses: Number(row.lapses),
    open: Number(row.open),
    voting: Number(row.voting),
  };
}

function report(
  results: Measure[],
  facts: Array<[string, string]>,
  issues: number,
  seconds: number,
): void {
  const ms = (s: Sample[], p: number) =>
    pct(
      s.map((x) => x.ms),
      p,
    ).toFixed(0);
  const fivexx = (s: Sample[]) => s.filter((x) => x.status >= 500).length;
  const size = (s: Sample[]) => {
    const b = Math.max(...s.map((x) => x.bytes));
    return b > 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`;
  };
  const lines = [
    '| request | goal | EXPLAIN ANALYZE (ms): all statements / slowest (count) | 1 client p50 / p99 (ms) | 20 clients p50 / p99 (ms) | 5xx (1 / 20) | answer |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.label} | ${r.goal} | ${r.explained.totalMs.toFixed(1)} / ${r.explained.slowestMs.toFixed(1)} (${r.explained.statements}) | ${ms(r.one, 50)} / ${ms(r.one, 99)} | ${ms(r.twenty, 50)} / ${ms(r.twenty, 99)}${r.label.startsWith('ledger.xlsx') ? ' (5 clients)' : ''} | ${fivexx(r.one)} / ${fivexx(r.twenty)} | ${size(r.one)} |`,
    ),
  ];
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  const text = [
    '',
    `### Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${issues.toLocaleString('en')} issues`,
    '',
    `Load average at the end (1 / 5 / 15 min): ${load}; ${os.cpus().length} cores. Whole bench: ${Math.round(seconds)} s.`,
    '',
    '| fact | value |',
    '| --- | --- |',
    ...facts.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    ...lines,
    '',
  ].join('\n');
  process.stdout.write(text);
  // Into the reads' own section of docs/benchmarks.md (after its last run), not the file's end.
  const file = path.join(__dirname, '../../docs/benchmarks.md');
  const doc = fs.readFileSync(file, 'utf8');
  const section = doc.indexOf('\n## Reads at province scale');
  const next = section < 0 ? -1 : doc.indexOf('\n## ', section + 1);
  fs.writeFileSync(
    file,
    next < 0 ? doc + text : `${doc.slice(0, next).trimEnd()}\n${text}${doc.slice(next)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
