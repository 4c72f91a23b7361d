import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  FULL_MONTH_COUNTS,
  FULL_SPANS,
  FULL_STOCK,
  applyMonthDeltas,
  applyStockDeltas,
  auditCounts,
  auditOf,
  auditPlaced,
  lapseCounts,
  newRunEnds,
  spanRows,
  stockCounts,
} from './read-counts.sql';

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

    await q.query(`
      CREATE FUNCTION "read_counts_audit_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([auditCounts(auditPlaced('new_rows'), 1)])};
        INSERT INTO read_stage_span (ledger_no, seq, stage, township_code, sector, started_at,
                                     ended_at, month)
          ${spanRows(newRunEnds('new_rows'))}
          ORDER BY 1, 2
          ON CONFLICT (ledger_no, seq) DO NOTHING;
        RETURN NULL;
      END $$`);
    // A ledger row's first save (or a change of its codes) moves its audit entries' counts
    // and stage spans from where they were filed to the row's township and sector.
    await q.query(`
      CREATE FUNCTION "read_counts_ledger_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('new_rows', 1)])};
        ${applyMonthDeltas([auditCounts(auditOf('new_rows', true), -1), auditCounts(auditOf('new_rows', false), 1)])};
        UPDATE read_stage_span AS s SET township_code = l.township_code, sector = l.sector
          FROM new_rows AS l
         WHERE s.ledger_no = l.ledger_no
           AND (s.township_code, s.sector) IS DISTINCT FROM (l.township_code, l.sector);
        RETURN NULL;
      END $$`);
    const moved = (from: string, to: string) => `(SELECT ${to}.* FROM ${from}
        JOIN ${to} ON ${to}.ledger_no = ${from}.ledger_no
       WHERE (old_rows.township_code, old_rows.sector)
             IS DISTINCT FROM (new_rows.township_code, new_rows.sector))`;
    await q.query(`
      CREATE FUNCTION "read_counts_ledger_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('old_rows', -1), stockCounts('new_rows', 1)])};
        ${applyMonthDeltas([
          auditCounts(auditOf(moved('new_rows', 'old_rows'), false), -1),
          auditCounts(auditOf(moved('old_rows', 'new_rows'), false), 1),
        ])};
        UPDATE read_stage_span AS s SET township_code = l.township_code, sector = l.sector
          FROM new_rows AS l
         WHERE s.ledger_no = l.ledger_no
           AND (s.township_code, s.sector) IS DISTINCT FROM (l.township_code, l.sector);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_ledger_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('old_rows', -1)])};
        ${applyMonthDeltas([auditCounts(auditOf('old_rows', false), -1), auditCounts(auditOf('old_rows', true), 1)])};
        UPDATE read_stage_span AS s SET township_code = '', sector = split_part(l.issue_key, ':', 2)
          FROM old_rows AS l WHERE s.ledger_no = l.ledger_no;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_lapse_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('new_rows', 1)])};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_lapse_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('old_rows', -1), lapseCounts('new_rows', 1)])};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_lapse_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('old_rows', -1)])};
        RETURN NULL;
      END $$`);

    // The recount: what a full count says, and the differences from what is kept.
    await q.query(`
      CREATE FUNCTION "read_counts_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE read_month_count, read_ledger_stock, read_stage_span;
        INSERT INTO read_month_count (month, township_code, sector, metric, n) ${FULL_MONTH_COUNTS};
        INSERT INTO read_ledger_stock (sector, stage, status, flagged, n) ${FULL_STOCK};
        INSERT INTO read_stage_span (ledger_no, seq, stage, township_code, sector, started_at,
                                     ended_at, month) ${FULL_SPANS};
      END $$`);
    await q.query(`
      CREATE FUNCTION "read_counts_check"()
      RETURNS TABLE ("what" text, "key" text, "kept" text, "counted" text)
      LANGUAGE sql STABLE AS $$
        SELECT 'month_count', concat_ws('/', coalesce(k.month, f.month),
                 coalesce(k.township_code, f.township_code), coalesce(k.sector, f.sector),
                 coalesce(k.metric, f.metric)),
               coalesce(k.n, 0)::text, coalesce(f.n, 0)::text
          FROM (SELECT * FROM read_month_count WHERE n <> 0) AS k
          FULL JOIN (${FULL_MONTH_COUNTS}) AS f
            ON (k.month, k.township_code, k.sector, k.metric)
             = (f.month, f.township_code, f.sector, f.metric)
         WHERE coalesce(k.n, 0) <> coalesce(f.n, 0)
        UNION ALL
        SELECT 'ledger_stock', concat_ws('/', coalesce(k.sector, f.sector),
                 coalesce(k.stage, f.stage), coalesce(k.status, f.status),
                 coalesce(k.flagged, f.flagged)),
               coalesce(k.n, 0)::text, coalesce(f.n, 0)::text
          FROM (SELECT * FROM read_ledger_stock WHERE n <> 0) AS k
          FULL JOIN (${FULL_STOCK}) AS f
            ON (k.sector, k.stage, k.status, k.flagged) = (f.sector, f.stage, f.status, f.flagged)
         WHERE coalesce(k.n, 0) <> coalesce(f.n, 0)
        UNION ALL
        SELECT 'stage_span', coalesce(k.ledger_no, f.ledger_no) || '/' || coalesce(k.seq, f.seq),
               row(k.stage, k.township_code, k.sector, k.started_at, k.ended_at, k.month)::text,
               row(f.stage, f.township_code, f.sector, f.started_at, f.ended_at, f.month)::text
          FROM read_stage_span AS k
          FULL JOIN (${FULL_SPANS}) AS f ON (k.ledger_no, k.seq) = (f.ledger_no, f.seq)
         WHERE row(k.stage, k.township_code, k.sector, k.started_at, k.ended_at, k.month)
               IS DISTINCT FROM
               row(f.stage, f.township_code, f.sector, f.started_at, f.ended_at, f.month)
      $$`);
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
