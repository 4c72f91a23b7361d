/**
 * Which years a deadline policy's holiday lists cover. The State Council publishes each year's
 * list in November or December; a policy without next year's list would count 元旦 and the
 * Spring Festival as working days. This file says which years are covered, whether a deadline
 * was counted over an uncovered day, and when the apps must warn. Pure and deterministic
 * (workflows run it).
 */
import { isMidnight, parseIsoDate, toLocal } from './calendar';
import type { DeadlinePolicy } from './policy-data';

type CalendarRules = Pick<DeadlinePolicy, 'timeZone' | 'dayKind' | 'holidays'>;

export interface CalendarCoverage {
  /** the years (ascending) whose holiday list the policy holds */
  years: number[];
  /** whether a county date (YYYY-MM-DD) lies in a covered year */
  covers(date: string): boolean;
}

/**
 * A year is covered when the policy lists at least one holiday in it: every State Council list
 * makes days off in its own year (元旦, 春节, 国庆 at least). A list may reach one day into the
 * year before (元旦 2023 began on 2022-12-31); that year's own list came out a year earlier, so
 * the stray day never hides a missing year in practice.
 */
export function calendarCoverage(policy: Pick<DeadlinePolicy, 'holidays'>): CalendarCoverage {
  const years = new Set<number>();
  for (const holiday of policy.holidays) {
    const date = parseIsoDate(holiday);
    if (date) years.add(date.year);
  }
  const sorted = [...years].sort((a, b) => a - b);
  return {
    years: sorted,
    covers(date: string) {
      const day = parseIsoDate(date);
      return day !== undefined && years.has(day.year);
    },
  };
}

/**
 * The years between two instants (county time, both included) that the holiday lists do not
 * cover, when the policy counts working days; none when it counts calendar days (the lists are
 * not read). A deadline that falls exactly at midnight ends the day before it, so
 * 2027-01-01T00:00 after a count over 2026's last working days reads no 2027 day.
 */
export function uncoveredYears(policy: CalendarRules, from: Date, to: Date): number[] {
  if (policy.dayKind !== 'working') return [];
  const start = toLocal(Math.min(from.getTime(), to.getTime()), policy.timeZone).toPlainDate();
  const endLocal = toLocal(Math.max(from.getTime(), to.getTime()), policy.timeZone);
  const end = isMidnight(endLocal) ? endLocal.toPlainDate().subtract({ days: 1 }) : endLocal;
  const covered = new Set(calendarCoverage(policy).years);
  const missing: number[] = [];
  for (let year = start.year; year <= Math.max(start.year, end.year); year += 1) {
    if (!covered.has(year)) missing.push(year);
  }
  return missing;
}

/** Why the apps warn about the calendar now, or undefined when nothing is missing. */
export interface CalendarWarning {
  /** the years that should be listed and are not (this year, and from November next year) */
  missingYears: number[];
  coveredYears: number[];
  /** a short English sentence for logs and /health (the console has its own catalogue) */
  message: string;
}

/** From November (county time) on, next year's list is due: the State Council has published it. */
export const NEXT_YEAR_DUE_FROM_MONTH = 11;

/**
 * The warning the apps show at `now`: this year's list missing, or from November on next
 * year's. None when the policy counts calendar days, since deadlines then never read the lists.
 */
export function calendarWarning(policy: CalendarRules, now: Date): CalendarWarning | undefined {
  if (policy.dayKind !== 'working') return undefined;
  const today = toLocal(now.getTime(), policy.timeZone);
  const coveredYears = calendarCoverage(policy).years;
  const wanted = [today.year];
  if (today.month >= NEXT_YEAR_DUE_FROM_MONTH) wanted.push(today.year + 1);
  const missingYears = wanted.filter((year) => !coveredYears.includes(year));
  if (missingYears.length === 0) return undefined;
  const covered = coveredYears.length > 0 ? coveredYears.join(', ') : 'no year';
  return {
    missingYears,
    coveredYears,
    message:
      `the deadline policy's holiday lists cover ${covered}, not ${missingYears.join(', ')}: ` +
      'working-day deadlines in those years count holidays as working days. Add the State ' +
      "Council's list to DEADLINE_POLICY_FILE (docs/deadline-policy.md).",
  };
}
