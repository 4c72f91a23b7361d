import {
  FULL_SPANS,
  FULL_STOCK,
  applyMonthDeltas,
  applyStockDeltas,
  auditCounts,
  auditOf,
  auditPlaced,
  fullMonthCounts,
  lapseCounts,
  newRunEnds,
  spanRows,
  stockCounts,
} from './read-counts.sql';

/**
 * The kept counts' functions (the triggers', the recount's and the check's) for the audit
 * kinds `kinds` (and, with `lateEntries`, the one month rule's late entries): the read-counts
 * migration created them; a migration that counts more replaces them (CREATE OR REPLACE) and
 * recounts. The SQL pieces are in read-counts.sql.ts.
 */
export function countFunctions(kinds: readonly string[], lateEntries = false): string[] {
  const audit = (src: string, sign: 1 | -1) => auditCounts(src, sign, kinds, lateEntries);
  const moved = (from: string, to: string) => `(SELECT ${to}.* FROM ${from}
        JOIN ${to} ON ${to}.ledger_no = ${from}.ledger_no
       WHERE (old_rows.township_code, old_rows.sector)
             IS DISTINCT FROM (new_rows.township_code, new_rows.sector))`;
  return [
    `
      CREATE OR REPLACE FUNCTION "read_counts_audit_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([audit(auditPlaced('new_rows'), 1)])};
        INSERT INTO read_stage_span (ledger_no, seq, stage, township_code, sector, started_at,
                                     ended_at, month)
          ${spanRows(newRunEnds('new_rows'))}
          ORDER BY 1, 2
          ON CONFLICT (ledger_no, seq) DO NOTHING;
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_ledger_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('new_rows', 1)])};
        ${applyMonthDeltas([audit(auditOf('new_rows', true), -1), audit(auditOf('new_rows', false), 1)])};
        UPDATE read_stage_span AS s SET township_code = l.township_code, sector = l.sector
          FROM new_rows AS l
         WHERE s.ledger_no = l.ledger_no
           AND (s.township_code, s.sector) IS DISTINCT FROM (l.township_code, l.sector);
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_ledger_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('old_rows', -1), stockCounts('new_rows', 1)])};
        ${applyMonthDeltas([
          audit(auditOf(moved('new_rows', 'old_rows'), false), -1),
          audit(auditOf(moved('old_rows', 'new_rows'), false), 1),
        ])};
        UPDATE read_stage_span AS s SET township_code = l.township_code, sector = l.sector
          FROM new_rows AS l
         WHERE s.ledger_no = l.ledger_no
           AND (s.township_code, s.sector) IS DISTINCT FROM (l.township_code, l.sector);
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_ledger_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyStockDeltas([stockCounts('old_rows', -1)])};
        ${applyMonthDeltas([audit(auditOf('old_rows', false), -1), audit(auditOf('old_rows', true), 1)])};
        UPDATE read_stage_span AS s SET township_code = '', sector = split_part(l.issue_key, ':', 2)
          FROM old_rows AS l WHERE s.ledger_no = l.ledger_no;
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_lapse_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('new_rows', 1)])};
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_lapse_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('old_rows', -1), lapseCounts('new_rows', 1)])};
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_lapse_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyMonthDeltas([lapseCounts('old_rows', -1)])};
        RETURN NULL;
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE read_month_count, read_ledger_stock, read_stage_span;
        INSERT INTO read_month_count (month, township_code, sector, metric, n) ${fullMonthCounts(kinds, lateEntries)};
        INSERT INTO read_ledger_stock (sector, stage, status, flagged, n) ${FULL_STOCK};
        INSERT INTO read_stage_span (ledger_no, seq, stage, township_code, sector, started_at,
                                     ended_at, month) ${FULL_SPANS};
      END $$`,
    `
      CREATE OR REPLACE FUNCTION "read_counts_check"()
      RETURNS TABLE ("what" text, "key" text, "kept" text, "counted" text)
      LANGUAGE sql STABLE AS $$
        SELECT 'month_count', concat_ws('/', coalesce(k.month, f.month),
                 coalesce(k.township_code, f.township_code), coalesce(k.sector, f.sector),
                 coalesce(k.metric, f.metric)),
               coalesce(k.n, 0)::text, coalesce(f.n, 0)::text
          FROM (SELECT * FROM read_month_count WHERE n <> 0) AS k
          FULL JOIN (${fullMonthCounts(kinds, lateEntries)}) AS f
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
      $$`,
  ];
}
