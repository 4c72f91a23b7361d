import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import type { ActRecord, Actor, IssueEvent, IssueState, Lapse } from '@sanbao/domain';
import { deleteStreams, NatsService, usesNats } from '@sanbao/messaging';
import {
  createDataSource,
  Database,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  MIGRATIONS,
  usesPostgres,
} from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { ApplicationFailure } from '@temporalio/common';
import { execFile } from 'child_process';
import { DataSource } from 'typeorm';
import * as path from 'path';
import { promisify } from 'util';
import { IssueActivitiesModule, IssueActivitiesService } from '../../apps/worker/src/activities';
import { testConfig, uniqueId } from '../support/env';
import { waitForHealthy } from '../support/health';

/**
 * The worker's issue activities against the real PostgreSQL (the stack's migrated test
 * database) and NATS JetStream: each one run twice has one effect.
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

async function boot(config: AppConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ...infrastructure(config, [usesPostgres(), usesNats()], { imports: [IssueActivitiesModule] }),
      IssueActivitiesModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const village: Actor = { id: 'cadre-7', name: 'Li Ming', role: 'village', villageCode: 'V01' };
const township: Actor = {
  id: 'officer-3',
  name: 'Zhao Lan',
  role: 'township',
  townshipCode: 'T01',
};

function record(
  seq: number,
  act: ActRecord['act'],
  stage: ActRecord['stage'],
  at: string,
): ActRecord {
  return {
    seq,
    requestId: `req-${seq}`,
    act,
    actor: act === 'townshipDecision' ? township : village,
    at,
    stage,
    summary: `${act} in ${stage}`,
    payload: { note: `entry ${seq}` },
  };
}

/** A snapshot of an education issue as the workflow's query returns it. */
function snapshot(issueKey: string, overrides: Partial<IssueState> = {}): IssueState {
  return {
    issueKey,
    ledgerNo: ledgerNoFor(issueKey),
    sector: 'education',
    kind: 'not_enrolled',
    subject: {
      kind: 'household',
      id: 'HH-0042',
      personRef: 'child-1',
      villageCode: 'V01',
      townshipCode: 'T01',
    },
    summary: 'a child aged 9 not enrolled after term start',
    channel: 'sector_signal',
    flags: {},
    reportedAt: '2031-03-01T01:00:00.000Z',
    stage: 'verification',
    stageSince: '2031-03-01T01:00:00.000Z',
    deadlines: { verification: '2031-03-02T01:00:00.000Z' },
    currentDueAt: '2031-03-02T01:00:00.000Z',
    overdueLevel: 'none',
    extensions: [],
    lapses: [],
    reminders: 0,
    acts: [record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z')],
    evidence: [],
    reopenCount: 0,
    ...overrides,
  };
}

function newIssueKey(label: string): string {
  return `issue:education:${uniqueId(label)}:not_enrolled`;
}

/** The first run id of an issue's workflow chain, as the workflow passes it. */
const FIRST_RUN = 'first-run-of-the-chain';

/** A ledger number per issue key for the tests that do not allocate one. */
const ledgerNos = new Map<string, string>();
function ledgerNoFor(issueKey: string): string {
  if (!ledgerNos.has(issueKey)) ledgerNos.set(issueKey, uniqueId('2031-EDU'));
  return ledgerNos.get(issueKey)!;
}

/** Expects a Temporal failure that tells the worker not to retry. */
async function expectNonRetryable(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect((error as ApplicationFailure).nonRetryable).toBe(true);
  expect((error as ApplicationFailure).message).toMatch(message);
}

describe('issue activities on the real PostgreSQL and NATS', () => {
  const prefix = `acts_${Date.now().toString(36)}`;
  let config: AppConfig;
  let app: INestApplication;
  let activities: IssueActivitiesService;
  let database: Database;
  let nats: NatsService;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    database.source.query<T[]>(sql, params);
  /** One read model's rows about an issue key. */
  const rowsAbout = (table: string, issueKey: string) =>
    query(`SELECT * FROM ${table} WHERE issue_key = $1`, [issueKey]);

  /** Every message of this suite's issue-event stream about one issue, in stream order. */
  async function eventsOf(
    issueKey: string,
  ): Promise<Array<{ subject: string; id: string; event: IssueEvent }>> {
    const jsm = await nats.jetstreamManager();
    const stream = streamNames(prefix).issueEvents;
    const { state } = await jsm.streams.info(stream);
    const found: Array<{ subject: string; id: string; event: IssueEvent }> = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      const event = message.json<IssueEvent>();
      if (event.issueKey === issueKey) {
        found.push({ subject: message.subject, id: message.header.get('Nats-Msg-Id'), event });
      }
    }
    return found;
  }

  beforeAll(async () => {
    config = testConfig({ NATS_PREFIX: prefix });
    app = await boot(config);
    await waitForHealthy(app, 60_000);
    activities = app.get(IssueActivitiesService);
    database = app.get(Database);
    nats = app.get(NatsService);
  });

  afterAll(async () => {
    if (nats?.isConnected) await deleteStreams(await nats.jetstreamManager(), prefix);
    await app?.close();
  });

  describe('the schema', () => {
    it('has every table of the issue read models, created by the migration', async () => {
      const tables = await query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          'issue_ledger',
          'issue_audit',
          'issue_lapse',
          'issue_notification',
          'ledger_sequence',
          'issue_ledger_no',
        ]),
      );
      const migrations = await query<{ name: string }>(`SELECT name FROM migrations`);
      expect(migrations.map((row) => row.name)).toContain('IssueLedger1767225600000');
    });

    it('matches the issue entities exactly (nothing left for synchronize to change)', async () => {
      const source = createDataSource(config.database.url);
      await source.initialize();
      try {
        const pending = await source.driver.createSchemaBuilder().log();
        // Other contexts' tables are theirs to check: only the issue read models count here.
        const ours = pending.upQueries
          .map((q) => q.query)
          .filter((sql) => /issue_|ledger_sequence/.test(sql));
        expect(ours).toEqual([]);
      } finally {
        await source.destroy();
      }
    });

    it('`npm run migrate` builds a new database, and a second run changes nothing', async () => {
      const url = new URL(config.database.url);
      url.pathname = `/${uniqueId('migrate').replace(/-/g, '_')}`;
      const migrate = async () =>
        (
          await run('npm', ['run', '--silent', 'migrate'], {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: url.toString() },
          })
        ).stdout;
      try {
        const first = await migrate();
        expect(first).toContain('created the database');
        expect(first).toContain(`${MIGRATIONS.length} migration(s) applied`);
        expect(await migrate()).toContain('0 migration(s) applied');
      } finally {
        await dropDatabase(url.toString());
      }
    });
    it('upgrades issues stored before openings were named, keeping every row under its number', async () => {
      const url = new URL(config.database.url);
      url.pathname = `/${uniqueId('upgrade').replace(/-/g, '_')}`;
      const openings = MIGRATIONS.findIndex((m) => m.name === 'IssueOpenings1767484800000');
      expect(openings).toBeGreaterThan(0);
      await ensureDatabase(url.toString());
      const before = new DataSource({
        ...dataSourceOptions(url.toString()),
        migrations: MIGRATIONS.slice(0, openings),
      });
      await before.initialize();
      try {
        await before.runMigrations();
        const key = 'issue:education:HH-9/child-9:not_enrolled';
        await before.query(
          `INSERT INTO issue_ledger_no (issue_key, ledger_no, year, sector_code, number)
           VALUES ($1, '2026-EDU-000009', 2026, 'EDU', 9)`,
          [key],
        );
        await before.query(
          `INSERT INTO issue_ledger (issue_key, ledger_no, sector, kind, subject_kind, subject_id,
             village_code, township_code, channel, summary, stage, status, reported_at,
             stage_since, last_seq)
           VALUES ($1, '2026-EDU-000009', 'education', 'not_enrolled', 'household', 'HH-9',
             'V01', 'T01', 'sector_signal', 's', 'verification', 'open', now(), now(), 3)`,
          [key],
        );
        for (const seq of [1, 2, 3]) {
          await before.query(
            `INSERT INTO issue_audit (issue_key, seq, request_id, kind, actor, at, stage, summary)
             VALUES ($1, $2, $3, 'opened', '{}', now(), 'verification', 's')`,
            [key, seq, `r${seq}`],
          );
        }
        await before.query(
          `INSERT INTO issue_lapse (issue_key, sector, stage, unit, due_at, detected_at, level)
           VALUES ($1, 'education', 'verification', 'V01', now(), now(), 'yellow')`,
          [key],
        );
        await before.query(
          `INSERT INTO issue_notification (issue_key, seq, event, stage, level, responsible_unit,
             notify, due_at, at)
           VALUES ($1, 2, 'reminded', 'verification', 'yellow', 'V01', '{village}', now(), now())`,
          [key],
        );
      } finally {
        await before.destroy();
      }

      const after = createDataSource(url.toString());
      await after.initialize();
      try {
        await after.runMigrations();
        const numbered = async (table: string) =>
          after.query<Array<{ ledger_no: string }>>(`SELECT ledger_no FROM ${table}`);
        for (const table of ['issue_ledger', 'issue_lapse', 'issue_notification']) {
          expect(await numbered(table)).toEqual([{ ledger_no: '2026-EDU-000009' }]);
        }
        expect(await numbered('issue_audit')).toEqual(
          Array(3).fill({ ledger_no: '2026-EDU-000009' }),
        );
        // The audit trail is append-only again once the upgrade has numbered it.
        await expect(after.query(`UPDATE issue_audit SET summary = 'x'`)).rejects.toThrow(
          /append-only/,
        );
      } finally {
        await after.destroy();
        await dropDatabase(url.toString());
      }
    });
  });

  describe('allocateLedgerNo', () => {
    it('gives the same number to the same issue every time', async () => {
      const issueKey = newIssueKey('same');
      const input = {
        issueKey,
        openingId: FIRST_RUN,
        sector: 'water' as const,
        reportedAt: '2033-06-01T08:00:00Z',
      };
      const first = await activities.allocateLedgerNo(input);
      const again = await activities.allocateLedgerNo(input);
      expect(first).toMatch(/^2033-WAT-\d{6}$/);
      expect(again).toBe(first);
      const mapped = await rowsAbout('issue_ledger_no', issueKey);
      expect(mapped).toHaveLength(1);
    });

    it('gives a new opening of a written-off key a number of its own', async () => {
      const issueKey = newIssueKey('reopened');
      const input = { issueKey, sector: 'water' as const, reportedAt: '2033-07-01T08:00:00Z' };
      const first = await activities.allocateLedgerNo({ ...input, openingId: 'chain-1' });
      const second = await activities.allocateLedgerNo({ ...input, openingId: 'chain-2' });
      expect(second).not.toBe(first);
      // Each opening's retries get its own number back.
      expect(await activities.allocateLedgerNo({ ...input, openingId: 'chain-1' })).toBe(first);
      expect(await activities.allocateLedgerNo({ ...input, openingId: 'chain-2' })).toBe(second);
      const mapped = await query<{ opening_id: string; ledger_no: string }>(
        `SELECT opening_id, ledger_no FROM issue_ledger_no WHERE issue_key = $1 ORDER BY number`,
        [issueKey],
      );
      expect(mapped).toEqual([
        { opening_id: 'chain-1', ledger_no: first },
        { opening_id: 'chain-2', ledger_no: second },
      ]);
    });

    it('refuses an allocation without the opening for good', async () => {
      const issueKey = newIssueKey('noopening');
      await expectNonRetryable(
        activities.allocateLedgerNo({
          issueKey,
          sector: 'water',
          reportedAt: '2033-07-01T08:00:00Z',
        } as never),
        /openingId/,
      );
    });

    it('numbers each sector and year from 1 without gaps, retries burning none', async () => {
      const reportedAt = '2034-04-10T02:00:00Z';
      const education: string[] = [];
      for (let i = 0; i < 3; i++) {
        const issueKey = newIssueKey(`seq${i}`);
        education.push(
          await activities.allocateLedgerNo({
            openingId: FIRST_RUN,
            issueKey,
            sector: 'education',
            reportedAt,
          }),
        );
        // A retried activity: must not take the next number.
        await activities.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'education',
          reportedAt,
        });
      }
      const housing = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey: `issue:housing:${uniqueId('hh')}:house_grade_d`,
        sector: 'housing',
        reportedAt,
      });
      const nextYear = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey: newIssueKey('next-year'),
        sector: 'education',
        reportedAt: '2035-01-05T02:00:00Z',
      });
      expect(education).toEqual(['2034-EDU-000001', '2034-EDU-000002', '2034-EDU-000003']);
      expect(housing).toBe('2034-HOU-000001');
      expect(nextYear).toBe('2035-EDU-000001');
    });

    it("counts the year in the county's time zone (Asia/Shanghai)", async () => {
      // 16:30 UTC on 31 December is 00:30 on 1 January in Beijing time.
      const number = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey: newIssueKey('new-year'),
        sector: 'medical',
        reportedAt: '2036-12-31T16:30:00Z',
      });
      expect(number).toBe('2037-MED-000001');
    });

    it('hands out distinct consecutive numbers under concurrent allocations', async () => {
      const reportedAt = '2038-05-01T00:00:00Z';
      const keys = Array.from({ length: 8 }, (_, i) => newIssueKey(`par${i}`));
      // Every key asked for twice at once, as two racing retries would.
      const numbers = await Promise.all(
        [...keys, ...keys].map((issueKey) =>
          activities.allocateLedgerNo({
            openingId: FIRST_RUN,
            issueKey,
            sector: 'education',
            reportedAt,
          }),
        ),
      );
      const byKey = new Map<string, string>();
      numbers.forEach((number, i) => {
        const key = [...keys, ...keys][i];
        if (byKey.has(key)) expect(byKey.get(key)).toBe(number);
        byKey.set(key, number);
      });
      const distinct = [...new Set(numbers)].sort();
      expect(distinct).toEqual(
        Array.from({ length: 8 }, (_, i) => `2038-EDU-${String(i + 1).padStart(6, '0')}`),
      );
    });

    it('refuses an unknown sector or a bad date for good, allocating nothing', async () => {
      const issueKey = newIssueKey('bad');
      await expectNonRetryable(
        activities.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'forestry' as never,
          reportedAt: '2031-01-01T00:00:00Z',
        }),
        /unknown sector/,
      );
      await expectNonRetryable(
        activities.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'education',
          reportedAt: 'yesterday',
        }),
        /reportedAt/,
      );
      expect(await rowsAbout('issue_ledger_no', issueKey)).toHaveLength(0);
    });
  });

  describe('saveLedgerRow', () => {
    it('keeps one row per issue with the snapshot in it, whatever the number of saves', async () => {
      const issueKey = newIssueKey('row');
      const ledgerNo = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'education',
        reportedAt: '2031-03-01T01:00:00Z',
      });
      await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo, openingId: FIRST_RUN }));
      await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo, openingId: FIRST_RUN }));
      const rows = await rowsAbout('issue_ledger', issueKey);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        ledger_no: ledgerNo,
        opening_id: FIRST_RUN,
        sector: 'education',
        kind: 'not_enrolled',
        subject_kind: 'household',
        subject_id: 'HH-0042',
        person_ref: 'child-1',
        village_code: 'V01',
        township_code: 'T01',
        stage: 'verification',
        status: 'open',
        overdue_level: 'none',
        last_seq: 1,
        deadlines: { verification: '2031-03-02T01:00:00.000Z' },
      });
      expect((rows[0].current_due_at as Date).toISOString()).toBe('2031-03-02T01:00:00.000Z');
    });

    it('never lets an older snapshot overwrite a newer one', async () => {
      const issueKey = newIssueKey('order');
      const opened = snapshot(issueKey);
      const planned = snapshot(issueKey, {
        ledgerNo: opened.ledgerNo,
        stage: 'resolution',
        stageSince: '2031-03-04T01:00:00.000Z',
        severity: 'general',
        currentDueAt: '2031-03-11T01:00:00.000Z',
        plan: {
          responsiblePerson: 'Sun Wei',
          responsibleUnit: '县教科局',
          measures: ['enrol at the village school', 'apply for student aid'],
          completionDate: '2031-03-10T00:00:00.000Z',
          severity: 'general',
        },
        acts: [
          ...opened.acts,
          record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
          record(3, 'townshipDecision', 'township_decision', '2031-03-02T05:00:00.000Z'),
          record(4, 'solutionPlan', 'solution_plan', '2031-03-04T01:00:00.000Z'),
        ],
      });
      await activities.saveLedgerRow(planned);
      // The earlier snapshot's save arrives late (a retried activity): it must lose.
      await activities.saveLedgerRow(opened);
      const [row] = await rowsAbout('issue_ledger', issueKey);
      expect(row).toMatchObject({
        ledger_no: opened.ledgerNo,
        stage: 'resolution',
        severity: 'general',
        last_seq: 4,
        responsible_unit: '县教科局',
        responsible_person: 'Sun Wei',
        measures: ['enrol at the village school', 'apply for student aid'],
      });
    });

    it('marks a closed issue closed with its closure', async () => {
      const issueKey = newIssueKey('closed');
      await activities.saveLedgerRow(
        snapshot(issueKey, {
          stage: 'closed',
          closure: 'persuaded',
          closedAt: '2031-03-02T03:00:00.000Z',
          acts: [
            record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
            record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
            record(3, 'townshipDecision', 'township_decision', '2031-03-02T03:00:00.000Z'),
          ],
        }),
      );
      const [row] = await query<Record<string, unknown>>(
        `SELECT status, closure, closed_at, current_due_at FROM issue_ledger WHERE issue_key = $1`,
        [issueKey],
      );
      expect(row).toMatchObject({ status: 'closed', closure: 'persuaded', current_due_at: null });
      expect((row.closed_at as Date).toISOString()).toBe('2031-03-02T03:00:00.000Z');
    });

    it('keeps a row per opening: a key written off and reported again has two, one open', async () => {
      const issueKey = newIssueKey('twice');
      const closed = snapshot(issueKey, {
        ledgerNo: uniqueId('2031-EDU'),
        openingId: 'chain-1',
        stage: 'closed',
        closure: 'written_off',
        closedAt: '2031-03-20T03:00:00.000Z',
      });
      await activities.saveLedgerRow(closed);
      const reopened = snapshot(issueKey, {
        ledgerNo: uniqueId('2031-EDU'),
        openingId: 'chain-2',
        reportedAt: '2031-04-01T01:00:00.000Z',
      });
      await activities.saveLedgerRow(reopened);
      const rows = await query<Record<string, unknown>>(
        `SELECT ledger_no, opening_id, status FROM issue_ledger WHERE issue_key = $1
         ORDER BY reported_at`,
        [issueKey],
      );
      expect(rows).toEqual([
        { ledger_no: closed.ledgerNo, opening_id: 'chain-1', status: 'closed' },
        { ledger_no: reopened.ledgerNo, opening_id: 'chain-2', status: 'open' },
      ]);
      // A late save of the first opening changes only its own row.
      await activities.saveLedgerRow({ ...closed, acts: [...closed.acts] });
      expect(
        await query(`SELECT ledger_no FROM issue_ledger WHERE issue_key = $1 AND status = 'open'`, [
          issueKey,
        ]),
      ).toEqual([{ ledger_no: reopened.ledgerNo }]);
    });

    it('refuses a snapshot without a ledger number for good, writing nothing', async () => {
      const issueKey = newIssueKey('nonumber');
      await expectNonRetryable(
        activities.saveLedgerRow({ ...snapshot(issueKey), ledgerNo: undefined }),
        /ledgerNo/,
      );
      expect(await rowsAbout('issue_ledger', issueKey)).toHaveLength(0);
    });

    it('refuses a snapshot without a subject for good, writing nothing', async () => {
      const issueKey = newIssueKey('nosubject');
      await expectNonRetryable(
        activities.saveLedgerRow({ ...snapshot(issueKey), subject: undefined as never }),
        /subject/,
      );
      expect(await rowsAbout('issue_ledger', issueKey)).toHaveLength(0);
    });
  });

  describe('appendAudit', () => {
    it('stores each entry once, keeping the first version of an entry', async () => {
      const issueKey = newIssueKey('audit');
      const first = [
        record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
        record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
      ];
      await activities.appendAudit({ issueKey, ledgerNo: ledgerNoFor(issueKey), records: first });
      await activities.appendAudit({ issueKey, ledgerNo: ledgerNoFor(issueKey), records: first });
      // The next batch overlaps the first; a changed copy of entry 2 must not replace it.
      await activities.appendAudit({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        records: [
          { ...first[1], summary: 'rewritten' },
          record(3, 'townshipDecision', 'township_decision', '2031-03-02T05:00:00.000Z'),
        ],
      });
      const rows = await query<Record<string, unknown>>(
        `SELECT seq, request_id, kind, actor, stage, summary, payload FROM issue_audit
         WHERE issue_key = $1 ORDER BY seq`,
        [issueKey],
      );
      expect(rows).toEqual([
        {
          seq: 1,
          request_id: 'req-1',
          kind: 'opened',
          actor: village,
          stage: 'verification',
          summary: 'opened in verification',
          payload: { note: 'entry 1' },
        },
        expect.objectContaining({
          seq: 2,
          kind: 'verification',
          summary: 'verification in verification',
        }),
        expect.objectContaining({ seq: 3, kind: 'townshipDecision', actor: township }),
      ]);
    });

    it('keeps only who and which scope of the actor', async () => {
      const issueKey = newIssueKey('actor');
      const actor = { ...village, phone: '13800000000', idNumber: '110101199001011234' } as Actor;
      await activities.appendAudit({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        records: [{ ...record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'), actor }],
      });
      const [row] = await query<{ actor: Record<string, unknown> }>(
        `SELECT actor FROM issue_audit WHERE issue_key = $1`,
        [issueKey],
      );
      expect(row.actor).toEqual(village);
    });

    it('is kept for ever: the database refuses to change or delete an entry', async () => {
      const issueKey = newIssueKey('forever');
      await activities.appendAudit({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        records: [record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z')],
      });
      await expect(
        query(`UPDATE issue_audit SET summary = 'x' WHERE issue_key = $1`, [issueKey]),
      ).rejects.toThrow(/append-only/);
      await expect(
        query(`DELETE FROM issue_audit WHERE issue_key = $1`, [issueKey]),
      ).rejects.toThrow(/append-only/);
      expect(await rowsAbout('issue_audit', issueKey)).toHaveLength(1);
    });

    it('refuses an entry of an unknown stage for good, storing none of the batch', async () => {
      const issueKey = newIssueKey('badaudit');
      await expectNonRetryable(
        activities.appendAudit({
          issueKey,
          ledgerNo: ledgerNoFor(issueKey),
          records: [
            record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
            {
              ...record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
              stage: 'limbo' as never,
            },
          ],
        }),
        /records\[1\]\.stage/,
      );
      expect(await rowsAbout('issue_audit', issueKey)).toHaveLength(0);
    });
  });

  describe('recordLapse', () => {
    const lapse: Lapse = {
      stage: 'verification',
      unit: 'V01',
      dueAt: '2031-03-02T01:00:00.000Z',
      detectedAt: '2031-03-02T01:00:02.000Z',
      level: 'yellow',
    };

    it('records a lapse once against the unit, with the issue codes, and settles days late when the stage is done', async () => {
      const issueKey = newIssueKey('lapse');
      const ledgerNo = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'education',
        reportedAt: '2031-03-01T01:00:00Z',
      });
      await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo }));
      await activities.recordLapse({ issueKey, ledgerNo, lapse });
      await activities.recordLapse({ issueKey, ledgerNo, lapse });
      // Red later: the same lapse, now at the higher level.
      await activities.recordLapse({ issueKey, ledgerNo, lapse: { ...lapse, level: 'red' } });
      await activities.recordLapse({ issueKey, ledgerNo, lapse: { ...lapse, level: 'yellow' } });
      let rows = await rowsAbout('issue_lapse', issueKey);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        ledger_no: ledgerNo,
        sector: 'education',
        township_code: 'T01',
        village_code: 'V01',
        stage: 'verification',
        unit: 'V01',
        level: 'red',
        resolved_at: null,
        days_late: null,
      });

      // The verification comes 1.5 days after the limit: the lapse is settled with its lateness.
      await activities.saveLedgerRow(
        snapshot(issueKey, {
          ledgerNo,
          stage: 'township_decision',
          stageSince: '2031-03-03T13:00:00.000Z',
          lapses: [lapse],
          acts: [
            record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
            record(2, 'overdue', 'verification', '2031-03-02T01:00:02.000Z'),
            record(3, 'verification', 'verification', '2031-03-03T13:00:00.000Z'),
          ],
        }),
      );
      rows = await query(`SELECT resolved_at, days_late FROM issue_lapse WHERE issue_key = $1`, [
        issueKey,
      ]);
      expect((rows[0].resolved_at as Date).toISOString()).toBe('2031-03-03T13:00:00.000Z');
      expect(Number(rows[0].days_late)).toBe(1.5);
    });

    it('records a lapse that comes before the ledger row, and fills its codes when the row is saved', async () => {
      const issueKey = newIssueKey('early');
      await activities.recordLapse({ issueKey, ledgerNo: '2031-EDU-900777', lapse });
      let [row] = await rowsAbout('issue_lapse', issueKey);
      expect(row).toMatchObject({
        ledger_no: '2031-EDU-900777',
        sector: 'education',
        township_code: null,
      });
      await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo: '2031-EDU-900777' }));
      [row] = await rowsAbout('issue_lapse', issueKey);
      expect(row).toMatchObject({
        ledger_no: '2031-EDU-900777',
        township_code: 'T01',
        village_code: 'V01',
      });
    });

    it('refuses a lapse without a due time for good', async () => {
      const issueKey = newIssueKey('badlapse');
      await expectNonRetryable(
        activities.recordLapse({
          issueKey,
          ledgerNo: ledgerNoFor(issueKey),
          lapse: { ...lapse, dueAt: 'soon' },
        }),
        /dueAt/,
      );
      expect(await rowsAbout('issue_lapse', issueKey)).toHaveLength(0);
    });
  });

  describe('publishIssueEvent', () => {
    it('puts one message on <prefix>.issue.<event> however often it is published', async () => {
      const issueKey = newIssueKey('event');
      const event: IssueEvent = {
        issueKey,
        ledgerNo: '2031-EDU-000321',
        event: 'opened',
        seq: 1,
        at: '2031-03-01T01:00:00.000Z',
        sector: 'education',
        townshipCode: 'T01',
        villageCode: 'V01',
        stage: 'verification',
        data: { kind: 'not_enrolled' },
      };
      await activities.publishIssueEvent(event);
      await activities.publishIssueEvent(event);
      await activities.publishIssueEvent({
        ...event,
        event: 'stage_changed',
        seq: 2,
        stage: 'township_decision',
      });
      const messages = await eventsOf(issueKey);
      expect(messages).toEqual([
        { subject: `${prefix}.issue.opened`, id: '2031-EDU-000321:opened:1', event },
        expect.objectContaining({
          subject: `${prefix}.issue.stage_changed`,
          id: '2031-EDU-000321:stage_changed:2',
        }),
      ]);
    });

    it('publishes only the fields of the event contract', async () => {
      const issueKey = newIssueKey('fields');
      const event = {
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        event: 'written_off',
        seq: 9,
        at: '2031-03-20T01:00:00.000Z',
        sector: 'education',
        townshipCode: 'T01',
        villageCode: 'V01',
        stage: 'closed',
        data: {},
        subject: { personRef: 'child-1', phone: '13800000000' },
      } as IssueEvent;
      await activities.publishIssueEvent(event);
      const [message] = await eventsOf(issueKey);
      expect(Object.keys(message.event).sort()).toEqual(
        [
          'at',
          'data',
          'event',
          'issueKey',
          'ledgerNo',
          'sector',
          'seq',
          'stage',
          'townshipCode',
          'villageCode',
        ].sort(),
      );
    });

    it('refuses an event name outside the contract for good', async () => {
      const issueKey = newIssueKey('badevent');
      await expectNonRetryable(
        activities.publishIssueEvent({
          issueKey,
          ledgerNo: ledgerNoFor(issueKey),
          event: 'vanished' as never,
          seq: 1,
          at: '2031-03-01T01:00:00.000Z',
          sector: 'education',
          townshipCode: 'T01',
          villageCode: 'V01',
          stage: 'verification',
          data: {},
        }),
        /unknown event/,
      );
      expect(await eventsOf(issueKey)).toEqual([]);
    });
  });

  describe('notifyEscalation', () => {
    it('stores one notification and publishes one event per reminder or escalation', async () => {
      const issueKey = newIssueKey('notify');
      const ledgerNo = await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'education',
        reportedAt: '2031-03-01T01:00:00Z',
      });
      await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo }));
      const reminder = {
        issueKey,
        ledgerNo,
        seq: 2,
        stage: 'verification' as const,
        level: 'yellow' as const,
        responsibleUnit: 'V01',
        notify: ['village' as const, 'township' as const],
        dueAt: '2031-03-02T01:00:00.000Z',
        at: '2031-03-02T01:00:02.000Z',
      };
      await activities.notifyEscalation(reminder);
      await activities.notifyEscalation(reminder);
      const escalation = {
        ...reminder,
        seq: 4,
        level: 'red' as const,
        notify: ['village' as const, 'township' as const, 'leader' as const, 'supervisor' as const],
        at: '2031-03-04T01:00:00.000Z',
      };
      await activities.notifyEscalation(escalation);
      await activities.notifyEscalation(escalation);

      const rows = await query<Record<string, unknown>>(
        `SELECT seq, event, level, responsible_unit, notify FROM issue_notification
         WHERE issue_key = $1 ORDER BY seq`,
        [issueKey],
      );
      expect(rows).toEqual([
        {
          seq: 2,
          event: 'reminded',
          level: 'yellow',
          responsible_unit: 'V01',
          notify: ['village', 'township'],
        },
        {
          seq: 4,
          event: 'escalated',
          level: 'red',
          responsible_unit: 'V01',
          notify: ['village', 'township', 'leader', 'supervisor'],
        },
      ]);
      const messages = await eventsOf(issueKey);
      expect(messages.map((m) => [m.subject, m.id])).toEqual([
        [`${prefix}.issue.reminded`, `${ledgerNo}:reminded:2`],
        [`${prefix}.issue.escalated`, `${ledgerNo}:escalated:4`],
      ]);
      expect(messages[1].event).toEqual({
        issueKey,
        ledgerNo,
        event: 'escalated',
        seq: 4,
        at: '2031-03-04T01:00:00.000Z',
        sector: 'education',
        townshipCode: 'T01',
        villageCode: 'V01',
        stage: 'verification',
        data: {
          level: 'red',
          responsibleUnit: 'V01',
          notify: ['village', 'township', 'leader', 'supervisor'],
          dueAt: '2031-03-02T01:00:00.000Z',
        },
      });
    });

    it('refuses to notify nobody, for good', async () => {
      const issueKey = newIssueKey('nobody');
      await expectNonRetryable(
        activities.notifyEscalation({
          issueKey,
          ledgerNo: ledgerNoFor(issueKey),
          seq: 2,
          stage: 'verification',
          level: 'yellow',
          responsibleUnit: 'V01',
          notify: [],
          dueAt: '2031-03-02T01:00:00.000Z',
          at: '2031-03-02T01:00:02.000Z',
        }),
        /notify/,
      );
      expect(await rowsAbout('issue_notification', issueKey)).toHaveLength(0);
    });
  });

  describe('when PostgreSQL and NATS are away', () => {
    it('fails with a retryable error, so Temporal tries again later', async () => {
      const away = await boot(
        testConfig({
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sanbao',
          NATS_URL: 'nats://127.0.0.1:1',
          NATS_PREFIX: prefix,
        }),
      );
      try {
        const service = away.get(IssueActivitiesService);
        const issueKey = newIssueKey('away');
        const outcomes = await Promise.allSettled([
          service.allocateLedgerNo({
            openingId: FIRST_RUN,
            issueKey,
            sector: 'education',
            reportedAt: '2031-03-01T01:00:00Z',
          }),
          service.saveLedgerRow(snapshot(issueKey)),
          service.publishIssueEvent({
            issueKey,
            ledgerNo: ledgerNoFor(issueKey),
            event: 'opened',
            seq: 1,
            at: '2031-03-01T01:00:00.000Z',
            sector: 'education',
            townshipCode: 'T01',
            villageCode: 'V01',
            stage: 'verification',
            data: {},
          }),
        ]);
        for (const outcome of outcomes) {
          expect(outcome.status).toBe('rejected');
          const reason = (outcome as PromiseRejectedResult).reason as Error;
          expect(reason.message).toMatch(/not reachable/);
          expect(reason instanceof ApplicationFailure && reason.nonRetryable).toBe(false);
        }
      } finally {
        await away.close();
      }
    });
  });
});
