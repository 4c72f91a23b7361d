/**
 * The SQL of the incremental counts (migration 1767686400001-read-counts), written once for any
 * row source: the triggers apply it to the rows a statement wrote (its transition tables), the
 * recount to whole tables. One definition means the two cannot drift apart.
 *
 * Counted per county month (in `read_counts_setting.time_zone`), township and sector:
 * - audit entries of the kinds the report and dashboard show, `audit:<kind>` and, for a
 *   decision, closure or extension outcome, `audit:<kind>:<value>`;
 * - lapses: `lapse_due:<stage>` in the month of the limit, `lapse_waiting:<stage>` (month of
 *   the limit) while unsettled, `lapse_resolved:<stage>` (month it was settled) once settled.
 * Audit entries and lapses written before their issue's ledger row exist are filed under
 * township '' and the sector in the issue key; the ledger row's first save moves them.
 */

import { MONTH_SQL, type RecordKind } from '@sanbao/domain';

/**
 * The audit kinds counted by the first kept counts (migration 1767686400001). Written out, not
 * derived from the act catalogue: a migration installs what it installed when it ran.
 */
export const COUNTED_KINDS_V1: readonly RecordKind[] = [
  'opened',
  'verification',
  'townshipDecision',
  'solutionPlan',
  'completion',
  'writeOffCheck',
  'closed',
  'overdue',
  'extension_decided',
];

/**
 * The audit kinds counted now: the report's figures and the dashboard's acts. A kind added
 * here needs a migration that replaces the count functions and recounts (as 1768204800141).
 */
export const COUNTED_KINDS: readonly RecordKind[] = [...COUNTED_KINDS_V1, 'sendBack', 'reroute'];

const zone = `(SELECT time_zone FROM read_counts_setting)`;

/**
 * `src` yields (at, kind, payload, township_code, sector). With `lateEntries` (migration
 * 1768291200000-late-entry-counts on), an `opened` entry whose payload's reportedAt falls in
 * an earlier county month than the entry is also `audit:opened:late` (the one month rule,
 * libs/domain month-rule.ts); without it, the SQL is the earlier migrations', unchanged.
 */
export function auditCounts(
  src: string,
  sign: 1 | -1,
  kinds: readonly string[],
  lateEntries = false,
): string {
  const late = lateEntries
    ? `
           WHEN 'opened' THEN CASE WHEN ${MONTH_SQL.openedLate('a.payload', 'a.at', 'z.zone')}
             THEN 'late' END`
    : '';
  return `SELECT to_char(a.at AT TIME ZONE z.zone, 'YYYY-MM') AS month, a.township_code,
           a.sector, m.metric, ${sign} * count(*) AS n
      FROM ${src} AS a
      CROSS JOIN (SELECT ${zone} AS zone) AS z
      CROSS JOIN LATERAL (VALUES ('audit:' || a.kind),
        ('audit:' || a.kind || ':' || CASE a.kind
           WHEN 'townshipDecision' THEN a.payload->>'decision'
           WHEN 'closed' THEN a.payload->>'closure'
           WHEN 'extension_decided' THEN a.payload->>'status'${late} END)) AS m(metric)
     WHERE m.metric IS NOT NULL
       AND a.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})
     GROUP BY 1, 2, 3, 4`;
}

/** Audit rows of `rows` placed where the ledger files them now (or '' before it exists). */
export function auditPlaced(rows: string): string {
  return `(SELECT a.at, a.kind, a.payload, coalesce(l.township_code, '') AS township_code,
            coalesce(l.sector, split_part(a.issue_key, ':', 2)) AS sector
       FROM ${rows} AS a LEFT JOIN issue_ledger AS l ON l.ledger_no = a.ledger_no)`;
}

/** The audit rows of the ledger rows `ledger`, placed by `ledger`'s codes (or '' for none). */
export function auditOf(ledger: string, placeholder: boolean): string {
  return `(SELECT a.at, a.kind, a.payload,
            ${placeholder ? `''` : 'l.township_code'} AS township_code,
            ${placeholder ? `split_part(a.issue_key, ':', 2)` : 'l.sector'} AS sector
       FROM ${ledger} AS l JOIN issue_audit AS a ON a.ledger_no = l.ledger_no)`;
}

/** `src` is issue_lapse rows. */
export function lapseCounts(src: string, sign: 1 | -1): string {
  return `SELECT m.month, coalesce(p.township_code, '') AS township_code, p.sector, m.metric,
           ${sign} * count(*) AS n
      FROM ${src} AS p
      CROSS JOIN (SELECT ${zone} AS zone) AS z
      CROSS JOIN LATERAL (VALUES
        (to_char(p.due_at AT TIME ZONE z.zone, 'YYYY-MM'), 'lapse_due:' || p.stage),
        (to_char(coalesce(p.resolved_at, p.due_at) AT TIME ZONE z.zone, 'YYYY-MM'),
         CASE WHEN p.resolved_at IS NULL THEN 'lapse_waiting:' ELSE 'lapse_resolved:' END
           || p.stage)) AS m(month, metric)
     GROUP BY 1, 2, 3, 4`;
}

/** `src` is issue_ledger rows: the ledger now, by sector, stage, status and overdue mark. */
export function stockCounts(src: string, sign: 1 | -1): string {
  return `SELECT l.sector, l.stage, l.status, l.overdue_level <> 'none' AS flagged,
           ${sign} * count(*) AS n
      FROM ${src} AS l GROUP BY 1, 2, 3, 4`;
}

/** Adds deltas (a UNION ALL of *Counts) into read_month_count, in key order (no deadlocks). */
export function applyMonthDeltas(deltas: string[]): string {
  return `INSERT INTO read_month_count AS c (month, township_code, sector, metric, n)
    SELECT d.month, d.township_code, d.sector, d.metric, sum(d.n)
      FROM (${deltas.join(' UNION ALL ')}) AS d
     GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (month, township_code, sector, metric) DO UPDATE SET n = c.n + EXCLUDED.n`;
}

export function applyStockDeltas(deltas: string[]): string {
  return `INSERT INTO read_ledger_stock AS c (sector, stage, status, flagged, n)
    SELECT d.sector, d.stage, d.status, d.flagged, sum(d.n)
      FROM (${deltas.join(' UNION ALL ')}) AS d
     GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (sector, stage, status, flagged) DO UPDATE SET n = c.n + EXCLUDED.n`;
}

/**
 * Stage spans for the report's days per stage, as the report has always counted them: a run
 * of entries in one stage ends at its last entry when the next entry is in another stage; it
 * started where the run before it ended (or at the first entry). It counts in the month of its
 * end, if the next entry also falls before that month's end (else no month counts it).
 *
 * `ends` yields (ledger_no, issue_key, seq, stage, at, next_at): the last entry of a run and
 * the at of the entry after it.
 */
export function spanRows(ends: string): string {
  return `SELECT e.ledger_no, e.seq, e.stage,
           coalesce(l.township_code, '') AS township_code,
           coalesce(l.sector, split_part(e.issue_key, ':', 2)) AS sector,
           coalesce(
             (SELECT q.at FROM issue_audit AS q
               WHERE q.ledger_no = e.ledger_no AND q.seq < e.seq AND q.stage <> e.stage
               ORDER BY q.seq DESC LIMIT 1),
             (SELECT f.at FROM issue_audit AS f WHERE f.ledger_no = e.ledger_no
               ORDER BY f.seq LIMIT 1)) AS started_at,
           e.at AS ended_at,
           CASE WHEN e.next_at < (date_trunc('month', e.at AT TIME ZONE z.zone)
                                  + interval '1 month') AT TIME ZONE z.zone
                THEN to_char(e.at AT TIME ZONE z.zone, 'YYYY-MM') END AS month
      FROM ${ends} AS e
      CROSS JOIN (SELECT ${zone} AS zone) AS z
      LEFT JOIN issue_ledger AS l ON l.ledger_no = e.ledger_no`;
}

/** Run ends that the new audit rows `rows` reveal: each new row's predecessor, if its stage differs. */
export function newRunEnds(rows: string): string {
  return `(SELECT p.ledger_no, p.issue_key, p.seq, p.stage, p.at, n.at AS next_at
       FROM ${rows} AS n
       JOIN LATERAL (SELECT * FROM issue_audit AS p
                      WHERE p.ledger_no = n.ledger_no AND p.seq < n.seq
                      ORDER BY p.seq DESC LIMIT 1) AS p ON p.stage <> n.stage)`;
}

/** What a full count of the audit `kinds` says, as the three tables hold it. */
export function fullMonthCounts(kinds: readonly string[], lateEntries = false): string {
  return `SELECT month, township_code, sector, metric, sum(n) AS n FROM (
    ${auditCounts(auditPlaced('issue_audit'), 1, kinds, lateEntries)}
    UNION ALL ${lapseCounts('issue_lapse', 1)}) AS f
  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`;
}
export const FULL_STOCK = stockCounts('issue_ledger', 1);
/** Every span from the whole audit trail, with window functions (one pass, no lookups). */
export const FULL_SPANS = `SELECT e.ledger_no, e.seq, e.stage,
         coalesce(l.township_code, '') AS township_code,
         coalesce(l.sector, split_part(e.issue_key, ':', 2)) AS sector,
         coalesce(lag(e.at) OVER (PARTITION BY e.ledger_no ORDER BY e.seq), e.first_at)
           AS started_at,
         e.at AS ended_at,
         CASE WHEN e.next_at < (date_trunc('month', e.at AT TIME ZONE z.zone)
                                + interval '1 month') AT TIME ZONE z.zone
              THEN to_char(e.at AT TIME ZONE z.zone, 'YYYY-MM') END AS month
    FROM (SELECT w.* FROM (
            SELECT a.ledger_no, a.issue_key, a.seq, a.stage, a.at,
                   lead(a.stage) OVER w AS next_stage, lead(a.at) OVER w AS next_at,
                   first_value(a.at) OVER w AS first_at
              FROM issue_audit AS a WINDOW w AS (PARTITION BY a.ledger_no ORDER BY a.seq)) AS w
          WHERE w.next_stage IS NOT NULL AND w.next_stage <> w.stage) AS e
    CROSS JOIN (SELECT ${zone} AS zone) AS z
    LEFT JOIN issue_ledger AS l ON l.ledger_no = e.ledger_no`;
