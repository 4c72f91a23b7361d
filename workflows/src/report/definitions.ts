/**
 * The monthly report (月报): its shape, the activity that computes it, and the workflow type.
 * Pure types and constants: the worker, the API and the report workflow share them.
 */

import { monthBefore, type MonthlyReport, type ReportCorrection } from '@sanbao/domain';

export const MONTHLY_REPORT_WORKFLOW_TYPE = 'monthlyReportWorkflow';

export type {
  MonthlyFigures,
  MonthlyReport,
  MonthlyReportRow,
  ReportCorrection,
  StageDays,
} from '@sanbao/domain';

export interface MonthlyReportInput {
  /** YYYY-MM; without it, the month before the one the workflow runs in (the schedule's case) */
  month?: string;
  timeZone: string;
  producedBy: 'schedule' | 'on_demand';
  /** keep the month (only once it has ended; a month already kept is returned as kept) */
  keep: boolean;
  /** a new version of a kept month, with who, when and why */
  correction?: ReportCorrection;
}

/** The worker's report activity as the workflow sees it. */
export interface ReportActivities {
  produceMonthlyReport(input: MonthlyReportInput & { month: string }): Promise<MonthlyReport>;
}

/** The month before the given county date (YYYY-MM-DD), as YYYY-MM. */
export function previousMonth(countyDate: string): string {
  return monthBefore(countyDate.slice(0, 7));
}
