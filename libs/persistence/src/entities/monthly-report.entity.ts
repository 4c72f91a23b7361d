import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  MonthlyFigures,
  MonthlyReport,
  MonthlyReportRow,
  ReportCorrection,
} from '@sanbao/domain';
import { timestamp } from './column-types';

/**
 * A kept monthly report: produced on the 1st of each month by the report schedule (or on
 * demand, once the month has ended), one row per township and sector. A kept month is never
 * replaced: a correction is a new version with a reason, and every version stays (a trigger
 * refuses UPDATE and DELETE).
 */
@Entity({ name: 'monthly_report' })
@Check('ck_monthly_report_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('ck_monthly_report_version', `"version" >= 1 AND ("version" = 1) = ("correction" IS NULL)`)
@Check('ck_monthly_report_produced_by', `"produced_by" IN ('schedule', 'on_demand', 'correction')`)
export class MonthlyReportEntity {
  /** YYYY-MM in the county's time zone */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_monthly_report' })
  month: string;

  /** 1 as produced; each correction the next number */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_monthly_report' })
  version: number;

  /** who corrected the month, when and why (null on version 1) */
  @Column({ type: 'jsonb', nullable: true })
  correction: ReportCorrection | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** the month's first instant and the next month's first instant, in the county's zone */
  @Column({ name: 'from_at', ...timestamp })
  fromAt: Date;

  @Column({ name: 'to_at', ...timestamp })
  toAt: Date;

  @Column({ type: 'jsonb' })
  rows: MonthlyReportRow[];

  @Column({ type: 'jsonb' })
  totals: MonthlyFigures;

  /** schedule, on_demand or correction */
  @Column({ name: 'produced_by', type: 'text' })
  producedBy: 'schedule' | 'on_demand' | 'correction';

  @Column({ name: 'generated_at', ...timestamp })
  generatedAt: Date;
}

/** A kept version as the report it is: served exactly as it was produced. */
export function keptMonthlyReport(row: MonthlyReportEntity): MonthlyReport {
  return {
    month: row.month,
    timeZone: row.timeZone,
    fromAt: row.fromAt.toISOString(),
    toAt: row.toAt.toISOString(),
    rows: row.rows,
    totals: row.totals,
    producedBy: row.producedBy,
    generatedAt: row.generatedAt.toISOString(),
    kept: true,
    provisional: false,
    version: row.version,
    correction: row.correction,
  };
}
