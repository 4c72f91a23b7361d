/**
 * The one month rule (月报, 责任追究, the dashboard): an event counts in the county month in
 * which it happened in the system, on the county's clock (the policy's time zone). Written
 * once here; the monthly report, the accountability register and the dashboard read months
 * through these functions, and the kept counts' SQL (`MONTH_SQL` below) is the same rule.
 *
 * Which instant is "when it happened":
 * - a new issue: its entry, the `opened` record's time (when the county got it), not the
 *   `reportedAt` it was given; a report whose `reportedAt` falls in an earlier county month
 *   than its entry is a **late entry**, counted as new (and as late) in the month it arrived;
 * - an act, an extension decision, a closure: its record's time;
 * - a lapse (a missed limit): the limit's due time; its settling: when it was settled.
 *
 * A month is **running** until its last instant has passed; the report of a running month is
 * provisional (counted again on every read) and cannot be kept. An ended month is kept once
 * (closed) and then changed only by a correction, a new version with a reason.
 */
import { startOfLocalDate, toLocal } from './issue/calendar';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a string is a month written YYYY-MM. */
export function isCountyMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The county month (YYYY-MM) an instant falls in. */
export function countyMonth(at: Date, timeZone: string): string {
  const local = toLocal(at.getTime(), timeZone);
  return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}`;
}

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before a YYYY-MM month. */
export function monthBefore(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${month.slice(0, 4)}-${String(m - 1).padStart(2, '0')}`;
}

/** The month's first instant and the next month's first instant: the month is [from, to). */
export function countyMonthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  if (!isCountyMonth(month)) throw new RangeError(`${month} is not a YYYY-MM month`);
  return {
    from: startOfLocalDate({ timeZone }, `${month}-01`),
    to: startOfLocalDate({ timeZone }, `${nextMonth(month)}-01`),
  };
}

/** Whether the month has ended at `now`: only then may it be kept (closed). */
export function monthEnded(month: string, timeZone: string, now: Date): boolean {
  return countyMonthBounds(month, timeZone).to.getTime() <= now.getTime();
}

/** A late entry: reported (back-dated) in an earlier county month than the one it arrived in. */
export function isLateEntry(reportedAt: Date, enteredAt: Date, timeZone: string): boolean {
  return countyMonth(reportedAt, timeZone) < countyMonth(enteredAt, timeZone);
}

/**
 * The same rule in SQL, for the kept counts' triggers and the register's queries: `zone` is an
 * SQL expression naming the time zone.
 */
export const MONTH_SQL = {
  /** the county month (text YYYY-MM) of the timestamptz expression `at` */
  of: (at: string, zone: string) => `to_char((${at}) AT TIME ZONE ${zone}, 'YYYY-MM')`,
  /** true when `reportedAt` falls in an earlier county month than `enteredAt` */
  lateEntry: (reportedAt: string, enteredAt: string, zone: string) =>
    `(${MONTH_SQL.of(reportedAt, zone)} < ${MONTH_SQL.of(enteredAt, zone)})`,
  /**
   * Whether an `opened` audit entry (its `payload` and `at`) is a late entry: its payload's
   * reportedAt (recorded since limits-from-entry) falls in an earlier month than the entry.
   * False without one; the text is read as a time only once it looks like one.
   */
  openedLate: (payload: string, at: string, zone: string) =>
    `CASE WHEN ${payload}->>'reportedAt' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' THEN ${MONTH_SQL.lateEntry(
      `(${payload}->>'reportedAt')::timestamptz`,
      at,
      zone,
    )} ELSE false END`,
} as const;
