import {
  FIGURE_SOURCES,
  type MonthlyFigures,
  type MonthlyReportRow,
  type StageDays,
} from '@sanbao/domain';
import type { DataSource } from 'typeorm';
import { REPORT_STAGES, emptyFigures } from './report-figures';

/**
 * The monthly report from the counts PostgreSQL keeps per month, township and sector
 * (read_month_count and read_stage_span, see the read-counts migration): the same figures
 * `monthlyFigures` counts from the audit trail, read from a few thousand counter rows and the
 * month's stage spans instead of every entry of every issue open in the month.
 */

type Count = Exclude<keyof MonthlyFigures, 'stageDays' | 'stillOpen'>;

/**
 * The kept metric of each figure's source (`audit:<kind>`, or `audit:<kind>:<value>` for a
 * choice, as read-counts.sql.ts files them): the acts' from the act catalogue, then the
 * entries the workflow writes by itself.
 */
export const FIGURE_METRICS: ReadonlyArray<readonly [metric: string, figure: Count]> = [
  ['audit:opened', 'new'],
  ['audit:opened:late', 'lateEntries'],
  ...FIGURE_SOURCES.map(
    (s) => [s.choice ? `audit:${s.act}:${s.choice.value}` : `audit:${s.act}`, s.figure] as const,
  ),
  ['audit:closed:written_off', 'writtenOff'],
  ['audit:closed:merged', 'merged'],
  ['audit:overdue', 'overdue'],
  ['audit:extension_decided:approved', 'extended'],
];
const FIGURE_OF = new Map<string, Count>(FIGURE_METRICS);

/** Whether the kept counts are in months of this time zone (else count from the trail). */
export async function countsKeptIn(source: DataSource, timeZone: string): Promise<boolean> {
  const rows = await source.query<Array<{ time_zone: string }>>(
    `SELECT time_zone FROM read_counts_setting`,
  );
  return rows[0]?.time_zone === timeZone;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

function days(row: { n: number; median: number; worst: number }): StageDays {
  return { count: row.n, medianDays: round(row.median), worstDays: round(row.worst) };
}

export async function countedFigures(
  source: DataSource,
  month: string,
  townships: Array<{ code: string; name: string }>,
  sectors: readonly string[],
): Promise<{ rows: MonthlyReportRow[]; totals: MonthlyFigures }> {
  // Issues not yet in the ledger (township '') are left out, as the count from the trail,
  // which joins the ledger, leaves them out.
  const [counts, balances, spans] = await Promise.all([
    source.query<Array<{ township_code: string; sector: string; metric: string; n: number }>>(
      `SELECT township_code, sector, metric, sum(n)::int AS n FROM read_month_count
        WHERE month = $1 AND township_code <> '' AND metric = ANY($2)
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
      [month, [...FIGURE_OF.keys()]],
    ),
    // Still open at the month's end: opened up to then, less closed up to then.
    source.query<Array<{ township_code: string; sector: string; n: number }>>(
      `SELECT township_code, sector,
              sum(CASE metric WHEN 'audit:opened' THEN n ELSE -n END)::int AS n
         FROM read_month_count
        WHERE month <= $1 AND township_code <> '' AND metric IN ('audit:opened', 'audit:closed')
        GROUP BY 1, 2 HAVING sum(CASE metric WHEN 'audit:opened' THEN n ELSE -n END) <> 0`,
      [month],
    ),
    source.query<
      Array<{
        township_code: string | null;
        sector: string | null;
        stage: string;
        n: number;
        median: number;
        worst: number;
      }>
    >(
      `SELECT township_code, sector, stage, count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, max(days) AS worst
         FROM (SELECT township_code, sector, stage,
                      (extract(epoch FROM ended_at) - extract(epoch FROM started_at))::float8
                        / 86400 AS days
                 FROM read_stage_span
                WHERE month = $1 AND stage = ANY($2) AND township_code <> '') AS s
        GROUP BY GROUPING SETS ((township_code, sector, stage), (stage))`,
      [month, [...REPORT_STAGES]],
    ),
  ]);

  const names = new Map(townships.map((t) => [t.code, t.name]));
  const cells = new Map<string, MonthlyReportRow>();
  const cell = (townshipCode: string, sector: string) => {
    const id = `${townshipCode}/${sector}`;
    let row = cells.get(id);
    if (!row) {
      row = {
        townshipCode,
        townshipName: names.get(townshipCode) ?? townshipCode,
        sector,
        figures: emptyFigures(),
      };
      cells.set(id, row);
    }
    return row;
  };
  for (const township of townships) for (const sector of sectors) cell(township.code, sector);

  const totals = emptyFigures();
  for (const c of counts) {
    const figure = FIGURE_OF.get(c.metric);
    if (!figure) continue;
    cell(c.township_code, c.sector).figures[figure] += c.n;
    totals[figure] += c.n;
  }
  for (const b of balances) {
    cell(b.township_code, b.sector).figures.stillOpen += b.n;
    totals.stillOpen += b.n;
  }
  for (const s of spans) {
    if (s.township_code === null || s.sector === null) totals.stageDays[s.stage] = days(s);
    else cell(s.township_code, s.sector).figures.stageDays[s.stage] = days(s);
  }
  const rows = [...cells.values()].sort(
    (a, b) => a.townshipCode.localeCompare(b.townshipCode) || a.sector.localeCompare(b.sector),
  );
  return { rows, totals };
}
