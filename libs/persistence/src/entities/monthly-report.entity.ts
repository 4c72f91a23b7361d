import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { MonthlyFigures, MonthlyReportRow } from '@sanbao/domain';
import { timestamp } from './column-types';

/**
 * A kept monthly report: produced on the 1st of each month by the report schedule (or on
 * demand), one row per township and sector. Producing a month again replaces its row.
 */
@Entity({ name: 'monthly_report' })
@Check('ck_monthly_report_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class MonthlyReportEntity {
  /** YYYY-MM in the county's time zone */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_monthly_report' })
  month: string;

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

  /** schedule or on_demand */
  @Column({ name: 'produced_by', type: 'text' })
  producedBy: 'schedule' | 'on_demand';

  @Column({ name: 'generated_at', ...timestamp })
  generatedAt: Date;
}
