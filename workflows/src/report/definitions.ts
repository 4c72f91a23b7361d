/**
 * The monthly report (月报): its shape, the activity that computes it, and the workflow type.
 * Pure types and constants: the worker, the API and the report workflow share them.
 */

import type { MonthlyFigures, MonthlyReportRow } from '@sanbao/domain';

export const MONTHLY_REPORT_WORKFLOW_TYPE = 'monthlyReportWorkflow';

export type { MonthlyFigures, MonthlyReportRow, StageDays } from '@sanbao/domain';

export interface MonthlyReport {
  /** YYYY-MM */
  month: string;
  timeZone: string;
  fromAt: string;
  toAt: string;
  rows: MonthlyReportRow[];
  totals: MonthlyFigures;
  producedBy: 'schedule' | 'on_demand';
  generatedAt: string;
  /** true when the report was stored (the schedule's, or an on-demand one asked to be kept) */
  kept: boolean;
}

export interface MonthlyReportInput {
  /** YYYY-MM; without it, the month before the one the workflow runs in (the schedule's case) */
  month?: string;
  timeZone: string;
  producedBy: 'schedule' | 'on_demand';
  keep: boolean;
}

/** The worker's report activity as the workflow sees it. */
export interface ReportActivities {
  produceMonthlyReport(input: Required<MonthlyReportInput>): Promise<MonthlyReport>;
}

/** The month before the given county date (YYYY-MM-DD), as YYYY-MM. */
export function previousMonth(countyDate: string): string {
  const year = Number(countyDate.slice(0, 4));
  const month = Number(countyDate.slice(5, 7));
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}
