/**
 * The monthly report's figures (月报): what the report workflow returns, the worker computes
 * and the database keeps. Types only.
 */

/** Per township and sector, counted from the audit trail for one month of the county's calendar. */
export interface MonthlyFigures {
  new: number;
  verified: number;
  forwarded: number;
  persuaded: number;
  unfounded: number;
  planned: number;
  resolved: number;
  writtenOff: number;
  overdue: number;
  extended: number;
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
