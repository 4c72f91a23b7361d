/**
 * The issue read models' schema: the migrations build it, match the entities, and upgrade
 * older data in place.
 * Against the real PostgreSQL (the stack's migrated test database, and databases of its own).
 */
import type { AppConfig } from '@sanbao/config';
import {
  createDataSource,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  MIGRATIONS,
} from '@sanbao/persistence';
import { execFile } from 'child_process';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { promisify } from 'util';
import { uniqueId } from '../../support/env';
import { useActivitiesSuite } from '../../support/issue-activities';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

const suite = useActivitiesSuite('acts_schema');
const { query } = suite;
let config: AppConfig;
beforeAll(() => {
  config = suite.config;
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
