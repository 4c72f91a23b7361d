/**
 * The monthly report's figures (月报): what the report workflow returns, the worker computes
 * and the database keeps. Types only.
 */

/** Per township and sector, counted from the audit trail for one month of the county's calendar. */
export interface MonthlyFigures {
  new: number;
  /** of `new`: late entries, reports back-dated into an earlier county month (month-rule.ts) */
  lateEntries: number;
  verified: number;
  forwarded: number;
  persuaded: number;
  unfounded: number;
  planned: number;
  resolved: number;
  writtenOff: number;
  /**
   * duplicates merged into another issue in the month (closed, neither written off nor open):
   * the month's new problems are `new - merged`
   */
  merged: number;
  overdue: number;
  extended: number;
  /** issues sent back (退回) by the unit they reached */
  sentBack: number;
  /** issues re-routed (转办) by the level above */
  rerouted: number;
  stillOpen: number;
  /** stages that ended in the month: how many, median and worst time in days */
  stageDays: Record<string, StageDays>;
}

export interface StageDays {
  count: number;
  medianDays: number | null;
  worstDays: number | null;
}

export interface MonthlyReportRow {
  townshipCode: string;
  townshipName: string;
  /** a sector name (education, medical, housing, water) */
  sector: string;
  figures: MonthlyFigures;
}

/** A correction of a closed month: a new version of its report, signed and with a reason. */
export interface ReportCorrection {
  reason: string;
  by: { id: string; name: string; role: string };
  /** ISO 8601: when it was asked for */
  at: string;
  /** the request id that asked for it: the same id answers with the same version */
  requestId: string;
}

/** The monthly report of one county month. */
export interface MonthlyReport {
  /** YYYY-MM */
  month: string;
  timeZone: string;
  fromAt: string;
  toAt: string;
  rows: MonthlyReportRow[];
  totals: MonthlyFigures;
  producedBy: 'schedule' | 'on_demand' | 'correction';
  generatedAt: string;
  /** true when the report was stored (the schedule's, an ended month kept on demand, a correction) */
  kept: boolean;
  /** the month is still running: counted now, and counted again on every read until it ends */
  provisional: boolean;
  /** the kept version (1 as produced, then one per correction); null when counted now */
  version: number | null;
  /** who corrected the month, when and why; null unless this version is a correction */
  correction: ReportCorrection | null;
}
