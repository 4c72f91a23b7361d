import { MigrationInterface, QueryRunner } from 'typeorm';
import { countFunctions } from './read-count-functions';
import { COUNTED_KINDS_V1 } from './read-counts.sql';

/**
 * Counts the monthly report and the dashboard read, kept by PostgreSQL itself: statement
 * triggers on the audit trail, the ledger and the lapses update them in the transaction of the
 * write, whoever writes (the worker's activities, a migration, a repair by hand). A report then
 * reads a few thousand counter rows instead of the whole audit trail.
 *
 * `read_counts_check()` compares them with a full count from the tables; `read_counts_rebuild()`
 * rebuilds them (after a bulk load with the triggers off, or a change of time zone). Both are
 * behind `npm run counts:check` (see docs/data-model.md).
 */
export class ReadCounts1767686400001 implements MigrationInterface {
  name = 'ReadCounts1767686400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "read_counts_setting" (
        "id" boolean NOT NULL DEFAULT true,
        "time_zone" text NOT NULL,
        CONSTRAINT "pk_read_counts_setting" PRIMARY KEY ("id"),
        CONSTRAINT "ck_read_counts_setting_one" CHECK ("id")
      )`);
    await q.query(`INSERT INTO "read_counts_setting" ("time_zone") VALUES ('Asia/Shanghai')`);
    await q.query(`
      CREATE TABLE "read_month_count" (
        "month" text NOT NULL,
        "township_code" text NOT NULL,
        "sector" text NOT NULL,
        "metric" text NOT NULL,
        "n" bigint NOT NULL,
        CONSTRAINT "pk_read_month_count" PRIMARY KEY ("month", "township_code", "sector", "metric")
      )`);
    await q.query(`
      CREATE TABLE "read_ledger_stock" (
        "sector" text NOT NULL,
        "stage" text NOT NULL,
        "status" text NOT NULL,
        "flagged" boolean NOT NULL,
        "n" bigint NOT NULL,
        CONSTRAINT "pk_read_ledger_stock" PRIMARY KEY ("sector", "stage", "status", "flagged")
      )`);
    await q.query(`
      CREATE TABLE "read_stage_span" (
        "ledger_no" text NOT NULL,
        "seq" integer NOT NULL,
        "stage" text NOT NULL,
        "township_code" text NOT NULL,
        "sector" text NOT NULL,
        "started_at" timestamp with time zone NOT NULL,
        "ended_at" timestamp with time zone NOT NULL,
        "month" text,
        CONSTRAINT "pk_read_stage_span" PRIMARY KEY ("ledger_no", "seq")
      )`);
    await q.query(
      `CREATE INDEX "ix_read_stage_span_month" ON "read_stage_span" ("month", "stage") WHERE "month" IS NOT NULL`,
    );

    for (const sql of countFunctions(COUNTED_KINDS_V1)) await q.query(sql);
    // Counting in another zone's months: set it and count again.
    await q.query(`
      CREATE FUNCTION "read_counts_set_zone"(zone text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM now() AT TIME ZONE zone;
        UPDATE read_counts_setting SET time_zone = zone;
        PERFORM read_counts_rebuild();
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM read_counts_rebuild();
        RETURN NULL;
      END $$`);

    for (const [table, event, fn, transition] of TRIGGERS) {
      await q.query(`
        CREATE TRIGGER "${fn}" AFTER ${event} ON "${table}"
        ${transition ? `REFERENCING ${transition}` : ''}
        FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    }
    await q.query(`SELECT read_counts_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, , fn] of TRIGGERS) await q.query(`DROP TRIGGER "${fn}" ON "${table}"`);
    for (const fn of [...new Set(TRIGGERS.map(([, , fn]) => fn))]) {
      await q.query(`DROP FUNCTION "${fn}"()`);
    }
    await q.query(`DROP FUNCTION "read_counts_set_zone"(text)`);
    await q.query(`DROP FUNCTION "read_counts_check"()`);
    await q.query(`DROP FUNCTION "read_counts_rebuild"()`);
    await q.query(`DROP TABLE "read_stage_span"`);
    await q.query(`DROP TABLE "read_ledger_stock"`);
    await q.query(`DROP TABLE "read_month_count"`);
    await q.query(`DROP TABLE "read_counts_setting"`);
  }
}

/** [table, event, function, transition tables]: one trigger per event (PostgreSQL's rule). */
const TRIGGERS: Array<[string, string, string, string?]> = [
  ['issue_audit', 'INSERT', 'read_counts_audit_inserted', 'NEW TABLE AS new_rows'],
  ['issue_ledger', 'INSERT', 'read_counts_ledger_inserted', 'NEW TABLE AS new_rows'],
  [
    'issue_ledger',
    'UPDATE',
    'read_counts_ledger_updated',
    'OLD TABLE AS old_rows NEW TABLE AS new_rows',
  ],
  ['issue_ledger', 'DELETE', 'read_counts_ledger_deleted', 'OLD TABLE AS old_rows'],
  ['issue_lapse', 'INSERT', 'read_counts_lapse_inserted', 'NEW TABLE AS new_rows'],
  [
    'issue_lapse',
    'UPDATE',
    'read_counts_lapse_updated',
    'OLD TABLE AS old_rows NEW TABLE AS new_rows',
  ],
  ['issue_lapse', 'DELETE', 'read_counts_lapse_deleted', 'OLD TABLE AS old_rows'],
  ['issue_audit', 'TRUNCATE', 'read_counts_truncated'],
  ['issue_ledger', 'TRUNCATE', 'read_counts_truncated'],
  ['issue_lapse', 'TRUNCATE', 'read_counts_truncated'],
];
