import { Injectable } from '@nestjs/common';
import { MONTH_SQL, STAGE_ENDING_ACTS, STAGES } from '@sanbao/domain';
import { Database } from '@sanbao/persistence';

export interface MonthRange {
  month: string;
  timeZone: string;
}

/**
 * Read-only aggregate queries behind the console's dashboard. They read the counts PostgreSQL
 * keeps per month, township and sector (read_month_count, read_ledger_stock: see the
 * read-counts migration), a few hundred rows, when those are kept in the dashboard's time
 * zone; else (`full: true`) they count from the tables as they always did.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly database: Database) {}

  private rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.database.source.query(sql, params);
  }

  /** Whether the kept counts are in months of this time zone. */
  async countsIn(timeZone: string): Promise<boolean> {
    const rows = await this.rows<{ time_zone: string }>(
      `SELECT time_zone FROM read_counts_setting`,
    );
    return rows[0]?.time_zone === timeZone;
  }

  /**
   * Issues now, by sector, stage, status and overdue: the kept stock, with the open issues past
   * their limit that the workflow has not marked yet moved to overdue (a partial index holds
   * just those).
   */
  snapshot() {
    return this.rows<SnapshotRow>(
      `WITH due AS (
         SELECT sector, stage, count(*) AS n FROM issue_ledger
          WHERE status = 'open' AND overdue_level = 'none' AND current_due_at <= now()
          GROUP BY 1, 2)
       SELECT sector, stage, status, overdue, sum(n) AS count FROM (
         SELECT sector, stage, status, flagged AND status = 'open' AS overdue, n
           FROM read_ledger_stock
         UNION ALL SELECT sector, stage, 'open', false, -n FROM due
         UNION ALL SELECT sector, stage, 'open', true, n FROM due) AS s
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    );
  }

  /** The acts that end a stage, done in the month, by township, sector and act. */
  stageEndingActs({ month }: MonthRange) {
    return this.rows<ActRow>(
      `SELECT township_code, sector, substr(metric, 7) AS kind, sum(n) AS count
         FROM read_month_count
        WHERE month = $1 AND township_code <> '' AND metric = ANY($2)
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
      [month, STAGE_ENDING_ACTS.map((kind) => `audit:${kind}`)],
    );
  }

  /**
   * Lapses that count against the month: late acts done in it (resolved) and limits that fell
   * in it and still wait (unresolved).
   */
  lapses({ month }: MonthRange) {
    return this.rows<LapseRow>(
      `SELECT nullif(township_code, '') AS township_code, sector,
              split_part(metric, ':', 2) AS stage, metric LIKE 'lapse_resolved:%' AS resolved,
              sum(n) AS count
         FROM read_month_count
        WHERE month = $1 AND (metric LIKE 'lapse_resolved:%' OR metric LIKE 'lapse_waiting:%')
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
      [month],
    );
  }

  /**
   * New issues, write-offs and lapses per month for the `months` months up to `month`: the
   * three figures' counters of those months only (`ix_read_month_count_metric`), not a join
   * over every month kept.
   */
  monthOnMonth({ month }: MonthRange, months: number) {
    return this.rows<TrendRow>(
      `WITH months AS (
         SELECT to_char(g, 'YYYY-MM') AS month
           FROM generate_series(($1 || '-01')::date - ($2 - 1) * interval '1 month',
                                ($1 || '-01')::date, interval '1 month') AS g),
       counted AS (
         SELECT c.month,
                sum(c.n) FILTER (WHERE c.metric = 'audit:opened') AS opened,
                sum(c.n) FILTER (WHERE c.metric = 'audit:opened:late') AS late_entries,
                sum(c.n) FILTER (WHERE c.metric = 'audit:closed:written_off') AS written_off,
                sum(c.n) FILTER (WHERE c.metric LIKE 'lapse_due:%') AS lapses
           FROM read_month_count AS c
          WHERE c.metric = ANY($3)
            AND c.month >= to_char(($1 || '-01')::date - ($2 - 1) * interval '1 month', 'YYYY-MM')
            AND c.month <= $1
          GROUP BY c.month)
       SELECT m.month, coalesce(c.opened, 0) AS opened,
              coalesce(c.late_entries, 0) AS late_entries,
              coalesce(c.written_off, 0) AS written_off, coalesce(c.lapses, 0) AS lapses
         FROM months AS m LEFT JOIN counted AS c ON c.month = m.month
        ORDER BY m.month`,
      [month, months, TREND_METRICS],
    );
  }

  // ----- counted from the tables: when the kept counts are in another zone's months -----

  snapshotFull() {
    return this.rows<SnapshotRow>(
      `SELECT sector, stage, status,
              (status = 'open' AND (overdue_level <> 'none' OR current_due_at <= now())) AS overdue,
              count(*) AS count
         FROM issue_ledger GROUP BY 1, 2, 3, 4`,
    );
  }

  stageEndingActsFull({ month, timeZone }: MonthRange) {
    return this.rows<ActRow>(
      `SELECT l.township_code, l.sector, a.kind, count(*) AS count
         FROM issue_audit a JOIN issue_ledger l ON l.ledger_no = a.ledger_no
        WHERE a.kind = ANY($3::text[])
          AND a.at >= ($1 || '-01')::timestamp AT TIME ZONE $2
          AND a.at < (($1 || '-01')::timestamp + interval '1 month') AT TIME ZONE $2
        GROUP BY 1, 2, 3`,
      [month, timeZone, STAGE_ENDING_ACTS],
    );
  }

  lapsesFull({ month, timeZone }: MonthRange) {
    return this.rows<LapseRow>(
      `WITH m AS (SELECT ($1 || '-01')::timestamp AT TIME ZONE $2 AS from_at,
                         (($1 || '-01')::timestamp + interval '1 month') AT TIME ZONE $2 AS to_at)
       SELECT p.township_code, p.sector, p.stage, p.resolved_at IS NOT NULL AS resolved,
              count(*) AS count
         FROM issue_lapse p, m
        WHERE (p.resolved_at >= m.from_at AND p.resolved_at < m.to_at)
           OR (p.resolved_at IS NULL AND p.due_at >= m.from_at AND p.due_at < m.to_at)
        GROUP BY 1, 2, 3, 4`,
      [month, timeZone],
    );
  }

  monthOnMonthFull({ month, timeZone }: MonthRange, months: number) {
    return this.rows<TrendRow>(
      `WITH months AS (
         SELECT to_char(g, 'YYYY-MM') AS month,
                g AT TIME ZONE $2 AS from_at,
                (g + interval '1 month') AT TIME ZONE $2 AS to_at
           FROM generate_series(($1 || '-01')::timestamp - ($3 - 1) * interval '1 month',
                                ($1 || '-01')::timestamp, interval '1 month') AS g)
       SELECT m.month,
              (SELECT count(*) FROM issue_audit a
                WHERE a.kind = 'opened' AND a.at >= m.from_at AND a.at < m.to_at) AS opened,
              (SELECT count(*) FROM issue_audit a
                WHERE a.kind = 'opened' AND a.at >= m.from_at AND a.at < m.to_at
                  AND ${MONTH_SQL.openedLate('a.payload', 'a.at', '$2::text')}) AS late_entries,
              (SELECT count(*) FROM issue_audit a
                WHERE a.kind = 'closed' AND a.payload->>'closure' = 'written_off'
                  AND a.at >= m.from_at AND a.at < m.to_at) AS written_off,
              (SELECT count(*) FROM issue_lapse p
                WHERE p.due_at >= m.from_at AND p.due_at < m.to_at) AS lapses
         FROM months m ORDER BY m.month`,
      [month, timeZone, months],
    );
  }
}

/** The counters of the month-on-month figures: new issues, write-offs, lapses by due month. */
const TREND_METRICS = [
  'audit:opened',
  'audit:opened:late',
  'audit:closed:written_off',
  ...STAGES.map((stage) => `lapse_due:${stage}`),
];

export interface SnapshotRow {
  sector: string;
  stage: string;
  status: string;
  overdue: boolean;
  count: string;
}

export interface ActRow {
  township_code: string;
  sector: string;
  kind: string;
  count: string;
}

export interface LapseRow {
  township_code: string | null;
  sector: string;
  stage: string;
  resolved: boolean;
  count: string;
}

export interface TrendRow {
  month: string;
  opened: string;
  late_entries: string;
  written_off: string;
  lapses: string;
}
