import { PaperWorkbook } from '../../apps/api/src/papers/paper-writers';
import type { Principal } from '@sanbao/auth';
import { SECTORS, countyMonthBounds } from '@sanbao/domain';
import {
  Database,
  ENTITIES,
  MIGRATIONS,
  TownshipEntity,
  checkReadCounts,
  dropDatabase,
  ensureDatabase,
} from '@sanbao/persistence';
import { Client } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import { ConsoleViewsService } from '../../apps/api/src/console/console-views.service';
import { DashboardRepository } from '../../apps/api/src/console/dashboard.repository';
import { IssueReadsService } from '../../apps/api/src/issues/issue-reads.service';
import { LedgerRepository } from '../../apps/api/src/issues/ledger.repository';
import { countedFigures } from '../../apps/worker/src/activities/report-counts';
import { ReportActivitiesService } from '../../apps/worker/src/activities/report-activities.service';
import { monthlyFigures } from '../../apps/worker/src/activities/report-figures';
import { seedCounty, townshipCode, villageCode } from '../bench/reads-seed';
import { testConfig, uniqueId } from '../support/env';

/**
 * The read paths' SQL as the API runs it, on a county of 40,000 issues seeded with COPY: every
 * list query must read an index in its order (no sequential scan, no sort of more rows than a
 * page), and the counts PostgreSQL keeps must equal a full recount and give the monthly report
 * the figures the full count from the audit trail gives.
 */
const ISSUES = 40_000;

/** Every SQL statement the repository sends, with its parameters. */
class Capture implements Logger {
  queries: Array<{ sql: string; params: unknown[] }> = [];
  logQuery(sql: string, params?: unknown[]) {
    this.queries.push({ sql, params: params ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

async function migrate(url: string, migrations: Function[]): Promise<void> {
  const source = new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations });
  await source.initialize();
  await source.runMigrations({ transaction: 'each' });
  await source.destroy();
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Every path below reaches a Limit before any scan: what it sorts is a page or a few. */
function bounded(plan: PlanNode): boolean {
  if (plan['Node Type'] === 'Limit') return true;
  if (!plan.Plans || plan.Plans.length === 0) return false;
  return plan.Plans.every(bounded);
}

/** A sort of at most this many rows (estimated) sorts a page or a village's few, not a scope. */
const SMALL_SORT = 500;

/**
 * What is wrong with a list query's plan, if anything: a sequential scan, no index, or a sort of
 * more than `smallSort` rows that no limit bounds (a ledger page: no more than the page).
 */
function planProblems(plan: PlanNode, smallSort = SMALL_SORT): string[] {
  const all = nodes(plan);
  const problems: string[] = [];
  if (!all.some((n) => /Index/.test(n['Node Type']))) problems.push('no index scan');
  for (const scan of all.filter((n) => n['Node Type'] === 'Seq Scan')) {
    problems.push(`sequential scan of ${scan['Relation Name']}`);
  }
  // An incremental sort orders the rows an index gives in the list's first key by the rest
  // (ties of a due time by ledger number): a few rows at a time, never the scope.
  for (const sort of all.filter((n) => /^Sort$/.test(n['Node Type']))) {
    if (!(sort.Plans ?? []).every(bounded) && sort['Plan Rows'] > smallSort) {
      problems.push(`sorts ${sort['Plan Rows']} rows`);
    }
  }
  if (problems.length > 0) problems.push(shape(plan));
  return problems;
}

/** The plan in one line, to see what the planner did. */
function shape(plan: PlanNode): string {
  const name = `${plan['Node Type']}${plan['Index Name'] ? ` ${plan['Index Name']}` : ''} (${plan['Plan Rows']})`;
  return plan.Plans ? `${name} [${plan.Plans.map(shape).join(', ')}]` : name;
}

describe('read plans and kept counts at scale', () => {
  const base = testConfig();
  const url = new URL(base.database.url);
  url.pathname = `/${uniqueId('plans').replace(/-/g, '_')}`;
  const databaseUrl = url.toString();
  const capture = new Capture();
  let database: Database;
  let reads: IssueReadsService;
  let ledger: LedgerRepository;
  let pg: Client;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    // The tables, the county with COPY, then the indexes and the counts over the full tables.
    const split = MIGRATIONS.findIndex((m) => m.name === 'ReadIndexes1767686400000');
    await migrate(databaseUrl, MIGRATIONS.slice(0, split));
    await seedCounty(databaseUrl, ISSUES);
    await migrate(databaseUrl, MIGRATIONS);
    const config = { ...base, database: { ...base.database, url: databaseUrl } };
    database = new Database(config);
    await database.dataSource.initialize();
    await database.dataSource.query('ANALYZE');
    database.dataSource.setOptions({ logger: capture });
    ledger = new LedgerRepository(database);
    reads = new IssueReadsService(ledger);
    pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    await pg.query('SET enable_seqscan = off');
    // As at a million rows, where sorting a scope never pays: at 40,000 the planner may sort a
    // few dozen matches rather than read an index in order; with sorts priced out, a plan that
    // still sorts more than a page shows there is no index in that order.
    await pg.query('SET enable_sort = off');
  }, 300_000);

  afterAll(async () => {
    await pg?.end();
    if (database?.dataSource.isInitialized) await database.dataSource.destroy();
    await dropDatabase(databaseUrl);
  });

  const person = (role: string, scope: object = {}) =>
    ({ userId: `u-${role}`, username: role, name: role, role, ...scope }) as Principal;
  const village = person('village', { villageCode: villageCode(0, 0) });
  const township = person('township', { townshipCode: townshipCode(0) });
  const bureau = person('bureau', { sector: 'education' });
  const leader = person('leader');
  const supervisor = person('supervisor');

  /** The list SQL (the statements with ORDER BY) a call sends. */
  async function listQueries(call: () => Promise<unknown>) {
    capture.queries = [];
    await call();
    return capture.queries.filter((q) => /ORDER BY/i.test(q.sql));
  }

  /** What is wrong with the plans of the list queries a call sends, if anything. */
  async function plansProblems(
    label: string,
    call: () => Promise<unknown>,
    smallSort = SMALL_SORT,
  ): Promise<string[]> {
    const queries = await listQueries(call);
    if (queries.length === 0) return [`${label}: no list query`];
    const problems: string[] = [];
    for (const q of queries) {
      const result = await pg.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (FORMAT JSON) ${q.sql}`,
        q.params,
      );
      const plan = result.rows[0]['QUERY PLAN'][0].Plan;
      problems.push(...planProblems(plan, smallSort).map((p) => `${label}: ${p}`));
    }
    return problems;
  }

  async function expectIndexedPlans(
    label: string,
    call: () => Promise<unknown>,
    smallSort = SMALL_SORT,
  ) {
    expect(await plansProblems(label, call, smallSort)).toEqual([]);
  }

  it('reads each ledger page from an index in its order, first and next pages alike', async () => {
    const cases: Array<[string, Principal, object]> = [
      ['village: open, by due', village, { status: 'open', sort: 'dueAt', order: 'asc' }],
      ['village: default order', village, {}],
      ['township: one stage', township, { stage: 'resolution' }],
      ['township: default order', township, {}],
      ['bureau: red', bureau, { overdueLevel: 'red' }],
      ['bureau: open, by due', bureau, { status: 'open', sort: 'dueAt', order: 'asc' }],
      ['county: default order', supervisor, {}],
      ['county: oldest first', supervisor, { order: 'asc' }],
      ['county: by ledger number', supervisor, { sort: 'ledgerNo', order: 'asc' }],
      ['county: open, by due', supervisor, { status: 'open', sort: 'dueAt', order: 'asc' }],
      // Latest due first: the same indexes read backward, the issues without a due time last.
      [
        'village: open, latest due first',
        village,
        { status: 'open', sort: 'dueAt', order: 'desc' },
      ],
      [
        'township: open, latest due first',
        township,
        { status: 'open', sort: 'dueAt', order: 'desc' },
      ],
      ['bureau: open, latest due first', bureau, { status: 'open', sort: 'dueAt', order: 'desc' }],
      [
        'county: open, latest due first',
        supervisor,
        { status: 'open', sort: 'dueAt', order: 'desc' },
      ],
      ['county: 200 a page', supervisor, { pageSize: 200 }],
      // A filter that a small part of a scope matches: its own partial index, in order.
      ['village: one stage', village, { stage: 'verification' }],
      ['bureau: one stage, oldest first', bureau, { stage: 'resolution', order: 'asc' }],
      ['county: one stage', supervisor, { stage: 'township_decision' }],
      ['village: red', village, { overdueLevel: 'red' }],
      ['township: red', township, { overdueLevel: 'red' }],
      ['county: red, oldest first', supervisor, { overdueLevel: 'red', order: 'asc' }],
      ['village: open', village, { status: 'open' }],
      ['township: open, oldest first', township, { status: 'open', order: 'asc' }],
      ['bureau: open', bureau, { status: 'open' }],
      ['county: open, oldest first', supervisor, { status: 'open', order: 'asc' }],
      // The export's pages: a township since a date, a thousand rows at a time.
      [
        'export: township since June',
        supervisor,
        {
          townshipCode: townshipCode(1),
          reportedFrom: '2026-06-01T00:00:00+08:00',
          pageSize: 1000,
        },
      ],
    ];
    for (const [label, principal, query] of cases) {
      // No sort of more than a page: a page's rows come from an index in the page's order.
      const page = ((query as { pageSize?: number }).pageSize ?? 20) + 1;
      await expectIndexedPlans(label, () => reads.list(principal, query), page);
      const first = await reads.list(principal, query);
      if (first.nextCursor) {
        await expectIndexedPlans(
          `${label}, next page`,
          () => reads.list(principal, { ...query, cursor: first.nextCursor as string }),
          page,
        );
        // The next page continues exactly where the first stopped.
        const offset = await reads.list(principal, { ...query, page: 2 });
        capture.queries = [];
        const next = await reads.list(principal, { ...query, cursor: first.nextCursor });
        expect(next.items.map((i) => i.ledgerNo)).toEqual(offset.items.map((i) => i.ledgerNo));
        // Its total is the first page's, carried in the cursor: nothing is counted again.
        const counts = capture.queries.filter((q) => /count\(/i.test(q.sql));
        expect([label, next.total, next.totalExact, counts.length]).toEqual([
          label,
          first.total,
          first.totalExact,
          0,
        ]);
      }
    }
  });

  it('reads every sort, in every scope and with every filter, from an index in its order', async () => {
    const scopes: Array<[string, Principal, object]> = [
      ['village', village, {}],
      ['township', township, {}],
      ['bureau', bureau, {}],
      ['county', supervisor, {}],
      // Two scopes at once: the planner reads one's index and filters the other along it.
      ['bureau, one township', bureau, { townshipCode: townshipCode(2) }],
    ];
    const dueSoon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const filters: Array<[string, object]> = [
      ['all', {}],
      ['open', { status: 'open' }],
      ['closed', { status: 'closed' }],
      ['one stage', { stage: 'resolution' }],
      ['stage closed', { stage: 'closed' }],
      ['red', { overdueLevel: 'red' }],
      ['not overdue', { overdueLevel: 'none' }],
      ['red, closed', { overdueLevel: 'red', status: 'closed' }],
      ['one stage, red', { stage: 'solution_plan', overdueLevel: 'red' }],
      ['due within 3 days', { dueBefore: dueSoon }],
      ['reported since June', { reportedFrom: '2026-06-01T00:00:00+08:00' }],
    ];
    type Item = { ledgerNo: string | null; reportedAt: string; currentDueAt: string | null };
    /**
     * a not after b in the list's order: by the sort's value, nulls last in both directions
     * (ties go by ledger number in the database's collation: the offset page checks those)
     */
    const inOrder = (sort: string, order: string, a: Item, b: Item): boolean => {
      if (sort === 'ledgerNo') return true;
      const value = (i: Item) => (sort === 'dueAt' ? i.currentDueAt : i.reportedAt);
      const [va, vb] = [value(a), value(b)];
      if (va === null || vb === null) return vb === null;
      return (order === 'asc' ? 1 : -1) * (Date.parse(va) - Date.parse(vb)) <= 0;
    };
    const problems: string[] = [];
    for (const sort of ['reportedAt', 'dueAt', 'ledgerNo'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        for (const [scopeLabel, principal, scopeQuery] of scopes) {
          for (const [filterLabel, filter] of filters) {
            const label = `${scopeLabel}: ${filterLabel}, by ${sort} ${order}`;
            const query = { ...scopeQuery, ...filter, sort, order };
            problems.push(...(await plansProblems(label, () => reads.list(principal, query), 21)));
            const first = await reads.list(principal, query);
            if (!first.nextCursor) continue;
            const cursor = first.nextCursor;
            for (const [page, next] of [
              ['next page', { cursor }],
              ['page 2', { page: 2 }],
            ] as const) {
              problems.push(
                ...(await plansProblems(
                  `${label}, ${page}`,
                  () => reads.list(principal, { ...query, ...next }),
                  21,
                )),
              );
            }
            const next = await reads.list(principal, { ...query, cursor });
            const offset = await reads.list(principal, { ...query, page: 2 });
            const numbers = (items: Item[]) => items.map((i) => i.ledgerNo);
            if (numbers(offset.items).join() !== numbers(next.items).join()) {
              problems.push(`${label}: page 2 by offset is not the page after the cursor`);
            }
            const rows = [...first.items, ...next.items] as Item[];
            const unordered = rows.findIndex(
              (r, i) => i > 0 && !inOrder(sort, order, rows[i - 1], r),
            );
            if (unordered >= 0) problems.push(`${label}: row ${unordered} out of order`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads each work list and the register a page at a time from indexes', async () => {
    for (const [label, principal] of [
      ['village', village],
      ['township', township],
      ['bureau', bureau],
      ['leader', leader],
      ['supervisor', supervisor],
    ] as const) {
      await expectIndexedPlans(`my-work ${label}`, () => reads.myWork(principal, { limit: 20 }));
      const first = await reads.myWork(principal, { limit: 20 });
      if (first.nextCursor) {
        await expectIndexedPlans(`my-work ${label}, next page`, () =>
          reads.myWork(principal, { limit: 20, cursor: first.nextCursor as string }),
        );
      }
    }
    const now = new Date().toISOString();
    const yearAgo = new Date(Date.now() - 360 * 86_400_000).toISOString();
    for (const [label, filter] of [
      ['register', {}],
      ['register of a sector', { sector: 'water' as const }],
      ['register of a township', { townshipCode: townshipCode(3) }],
    ] as const) {
      await expectIndexedPlans(label, () =>
        reads.accountability({ ...filter, from: yearAgo, to: now }),
      );
    }
    await expectIndexedPlans('dashboard overdue list', () => ledger.overdue(100));
  });

  it('streams the ledger export a keyset page at a time: every row, in order, dates as dates', async () => {
    const views = new ConsoleViewsService(ledger, undefined as never, undefined as never, base);
    const filter = { townshipCode: townshipCode(1) }; // about 2,000 rows: pages of 1,000
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    capture.queries = [];
    const paper = new PaperWorkbook(out);
    await views.ledgerPaper(supervisor, filter, (layout) => paper.sheet(layout));
    await paper.end();
    // Pages of a thousand rows, each from an index in order (no sort of the township).
    const pages = capture.queries.filter((q) => /ORDER BY/i.test(q.sql));
    expect(pages.length).toBeGreaterThan(1);
    const expected: string[] = [];
    for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
      const page = await reads.list(supervisor, { ...filter, pageSize: 200, cursor });
      expected.push(...page.items.map((i) => String(i.ledgerNo)));
      cursor = page.nextCursor ?? undefined;
    }
    const book = new Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const numbers: string[] = [];
    // A printed paper: title, unit, period, made at, the headings (row 5), then the rows.
    sheet.eachRow((row, i) => {
      if (i > 5) numbers.push(row.getCell(1).text);
    });
    expect(numbers).toEqual([...expected, '合计']);
    const reported = sheet.getRow(6).getCell(14);
    expect([reported.value instanceof Date, reported.numFmt]).toEqual([true, 'yyyy-mm-dd hh:mm']);
  });

  it("gives the dashboard's figures from the kept counts as counting the tables gives them", async () => {
    const dashboards = new DashboardRepository(database);
    const sorted = (rows: object[]) =>
      rows
        .map((row) =>
          JSON.stringify(
            Object.entries(row as Record<string, unknown>).map(([k, v]): [string, unknown] => [
              k,
              typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
            ]),
          ),
        )
        .sort();
    expect(sorted(await dashboards.snapshot())).toEqual(sorted(await dashboards.snapshotFull()));
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    for (const month of ['2025-03', '2026-01', thisMonth]) {
      const range = { month, timeZone: 'Asia/Shanghai' };
      const pairs: Array<[string, object[], object[]]> = [
        [
          'acts',
          await dashboards.stageEndingActs(range),
          await dashboards.stageEndingActsFull(range),
        ],
        ['lapses', await dashboards.lapses(range), await dashboards.lapsesFull(range)],
        [
          'month on month',
          await dashboards.monthOnMonth(range, 6),
          await dashboards.monthOnMonthFull(range, 6),
        ],
      ];
      for (const [label, kept, full] of pairs) {
        expect([month, label, sorted(kept)]).toEqual([month, label, sorted(full)]);
      }
      expect((await dashboards.monthOnMonth(range, 6)).map((m) => m.month)).toHaveLength(6);
    }
  });

  it('keeps counts equal to a full recount, and the report from them equals the full count', async () => {
    expect(await checkReadCounts(database.dataSource)).toEqual([]);
    const source = database.dataSource;
    const full = new ReportActivitiesService(database);
    const townships = await source
      .getRepository(TownshipEntity)
      .find({ select: { code: true, name: true }, order: { code: 'ASC' } });
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    for (const month of ['2025-03', '2026-01', thisMonth]) {
      const { from, to } = countyMonthBounds(month, 'Asia/Shanghai');
      const counted = await countedFigures(source, month, townships, SECTORS);
      const reference = monthlyFigures({
        issues: await full.issuesOfMonth(from, to),
        townships,
        sectors: SECTORS,
        from,
        to,
      });
      expect([month, counted]).toEqual([month, reference]);
    }
  });
});
