import { Injectable } from '@nestjs/common';
import { STAGE_ENDING_ACTS } from '@sanbao/domain';
import { Database } from '@sanbao/persistence';

export interface MonthRange {
  month: string;
  timeZone: string;
}

/** Read-only aggregate queries behind the console's dashboard. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly database: Database) {}

  private rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.database.source.query(sql, params);
  }

  /** Issues now, by sector, stage, status and overdue level. */
  snapshot() {
    return this.rows<{
      sector: string;
      stage: string;
      status: string;
      overdue: boolean;
      count: string;
    }>(
      `SELECT sector, stage, status,
              (status = 'open' AND (overdue_level <> 'none' OR current_due_at <= now())) AS overdue,
              count(*) AS count
         FROM issue_ledger GROUP BY 1, 2, 3, 4`,
    );
  }

  /** The acts that end a stage, done in the month, by township, sector and act. */
  stageEndingActs({ month, timeZone }: MonthRange) {
    return this.rows<{ township_code: string; sector: string; kind: string; count: string }>(
      `SELECT l.township_code, l.sector, a.kind, count(*) AS count
         FROM issue_audit a JOIN issue_ledger l ON l.ledger_no = a.ledger_no
        WHERE a.kind = ANY($3::text[])
          AND a.at >= ($1 || '-01')::timestamp AT TIME ZONE $2
          AND a.at < (($1 || '-01')::timestamp + interval '1 month') AT TIME ZONE $2
        GROUP BY 1, 2, 3`,
      [month, timeZone, STAGE_ENDING_ACTS],
    );
  }

  /**
   * Lapses that count against the month: late acts done in it (resolved) and limits that fell
   * in it and still wait (unresolved).
   */
  lapses({ month, timeZone }: MonthRange) {
    return this.rows<{
      township_code: string | null;
      sector: string;
      stage: string;
      resolved: boolean;
      count: string;
    }>(
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

  /** New issues, write-offs and lapses per month for the `months` months up to `month`. */
  monthOnMonth({ month, timeZone }: MonthRange, months: number) {
    return this.rows<{ month: string; opened: string; written_off: string; lapses: string }>(
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
                WHERE a.kind = 'closed' AND a.payload->>'closure' = 'written_off'
                  AND a.at >= m.from_at AND a.at < m.to_at) AS written_off,
              (SELECT count(*) FROM issue_lapse p
                WHERE p.due_at >= m.from_at AND p.due_at < m.to_at) AS lapses
         FROM months m ORDER BY m.month`,
      [month, timeZone, months],
    );
  }
}
