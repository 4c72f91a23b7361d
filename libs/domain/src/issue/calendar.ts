/**
 * The county's calendar: wall-clock time in its time zone and which days are working days.
 * Zone rules and date arithmetic come from temporal-polyfill (the TC39 Temporal API, imported
 * as a module: no global is touched), which reads the zone rules through Intl like the rest of
 * the system. Pure and deterministic, never the host's TZ: workflows run this code.
 */
import { Temporal } from 'temporal-polyfill';
import type { DeadlinePolicy } from './policy-data';

const MIDNIGHT = new Temporal.PlainTime();

/**
 * True for a zone name (IANA, such as Asia/Shanghai, or UTC) that both Temporal and Intl know.
 * Temporal alone also takes a bare offset such as +08:00, which Node 20's Intl refuses; the API
 * and the console format the county's times with Intl, so such a zone is refused here.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = KNOWN_ZONES.get(timeZone);
  if (known === undefined) {
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (KNOWN_ZONES.size < 64) KNOWN_ZONES.set(timeZone, known);
  }
  return known;
}

/**
 * The answers so far: every new issue checks its policy's zone, and an Intl formatter costs a
 * millisecond (issue 16). What a zone name is does not change while a process runs, so one
 * workflow's answer is good for the next; bounded, as names come from configuration.
 */
const KNOWN_ZONES = new Map<string, boolean>();

/** The zone's wall clock at an instant (ms since the epoch). */
export function toLocal(instant: number, timeZone: string): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime();
}

/**
 * The instant a wall-clock time names, in ms. Temporal's "compatible" rule: a time repeated
 * when clocks go back is the earlier of the two; a time skipped when they go forward is read
 * with the old offset, so it lands just after the jump. Asia/Shanghai has neither since 1991;
 * the rule matters only for counties configured with another zone.
 */
export function toInstant(local: Temporal.PlainDateTime, timeZone: string): number {
  return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

export function isMidnight(local: Temporal.PlainDateTime): boolean {
  return local.toPlainTime().equals(MIDNIGHT);
}

/** The date of a YYYY-MM-DD string, or undefined when it is not a real date. */
export function parseIsoDate(value: string): Temporal.PlainDate | undefined {
  // Temporal would also take other ISO 8601 spellings (20260101, +002026-01-01): a county's
  // file must say YYYY-MM-DD.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  try {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

/** Saturday or Sunday. */
export function isWeekend(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek >= 6; // ISO: 1 = Monday ... 7 = Sunday
}

/** Which days are working days: Monday to Friday, minus holidays, plus make-up days. */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly makeUpWorkdays: ReadonlySet<string>;

  constructor(holidays: readonly string[], makeUpWorkdays: readonly string[]) {
    this.holidays = new Set(holidays);
    this.makeUpWorkdays = new Set(makeUpWorkdays);
  }

  isWorkingDay(date: Temporal.PlainDate): boolean {
    const iso = date.toString();
    if (this.makeUpWorkdays.has(iso)) return true;
    if (this.holidays.has(iso)) return false;
    return !isWeekend(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: Temporal.PlainDate): Temporal.PlainDate {
    let d = date.add({ days: 1 });
    while (!this.isWorkingDay(d)) d = d.add({ days: 1 });
    return d;
  }

  /**
   * `n` working days after a wall-clock moment. From a working day at time t: time t on the
   * n-th working day after it. From a non-working day (or exactly midnight): the count starts
   * with the next working day (that day itself when at midnight), and the result is the end
   * of the n-th working day, i.e. midnight after it. Either way exactly n x 24 hours that lie
   * on working days separate the start from the result.
   */
  addWorkingDays(start: Temporal.PlainDateTime, n: number): Temporal.PlainDateTime {
    if (n === 0) return start;
    let date = start.toPlainDate();
    let time = start.toPlainTime();
    if (!this.isWorkingDay(date)) {
      date = this.nextWorkingDay(date);
      time = MIDNIGHT;
    }
    if (time.equals(MIDNIGHT)) {
      for (let k = 1; k < n; k += 1) date = this.nextWorkingDay(date);
      return date.add({ days: 1 }).toPlainDateTime();
    }
    for (let k = 0; k < n; k += 1) date = this.nextWorkingDay(date);
    return date.toPlainDateTime(time);
  }
}

/** The county's civil date (YYYY-MM-DD) of an instant: which day a report or act falls on. */
export function localDate(policy: Pick<DeadlinePolicy, 'timeZone'>, instant: Date): string {
  return toLocal(instant.getTime(), policy.timeZone).toPlainDate().toString();
}

/** The first instant of a county date (YYYY-MM-DD): where the county's day (or month) begins. */
export function startOfLocalDate(policy: Pick<DeadlinePolicy, 'timeZone'>, date: string): Date {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  // Midnight by the 'compatible' rule, not PlainDate.toZonedDateTime or startOfDay: those
  // search for the zone's next transition with a bound read from the clock.
  return new Date(toInstant(day.toPlainDateTime(), policy.timeZone));
}

/** Whether a county date (YYYY-MM-DD) is a working day under the policy's holiday calendar. */
export function isWorkingDay(
  policy: Pick<DeadlinePolicy, 'holidays' | 'makeUpWorkdays'>,
  date: string,
): boolean {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`isWorkingDay: ${date} is not a YYYY-MM-DD date`);
  return new WorkingCalendar(policy.holidays, policy.makeUpWorkdays).isWorkingDay(day);
}
