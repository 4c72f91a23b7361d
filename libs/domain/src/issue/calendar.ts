/**
 * Civil dates and wall-clock time in a named time zone, with Intl.DateTimeFormat as the only
 * source of zone rules. Pure and deterministic: every Date method used here is a UTC one, so
 * the result never depends on the host's TZ (workflows run this code).
 */

export const MS_PER_DAY = 86_400_000;

/** A wall-clock moment in some zone: a civil day (days since 1970-01-01) and ms into that day. */
export interface LocalDateTime {
  day: number;
  msOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (an IANA name such as Asia/Shanghai, or UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `instant`, read as if it were UTC, in whole seconds. */
function wallClockSeconds(instant: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  utc.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  utc.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return utc.getTime();
}

/** The zone's offset from UTC at `instant`, in ms (e.g. +8 h for Asia/Shanghai). */
export function offsetMs(instant: number, timeZone: string): number {
  const wholeSeconds = instant - mod(instant, 1000);
  return wallClockSeconds(wholeSeconds, timeZone) - wholeSeconds;
}

export function toLocal(instant: number, timeZone: string): LocalDateTime {
  const wall = instant + offsetMs(instant, timeZone);
  const day = Math.floor(wall / MS_PER_DAY);
  return { day, msOfDay: wall - day * MS_PER_DAY };
}

/**
 * The instant a wall-clock time names. A time repeated when clocks go back is the earlier of
 * the two; a time skipped when they go forward is read with the old offset (so it lands just
 * after the jump), as Temporal's and java.time's "compatible" rule does. Asia/Shanghai has
 * neither since 1991; the rule matters only for counties configured with another zone.
 */
export function toInstant(local: LocalDateTime, timeZone: string): number {
  const wall = local.day * MS_PER_DAY + local.msOfDay;
  const before = offsetMs(wall - MS_PER_DAY, timeZone);
  const after = offsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - before, wall - after].filter(
    (t) => t + offsetMs(t, timeZone) === wall,
  );
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function civil(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

function dayOf(year: number, month: number, date: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, date);
  return Math.floor(d.getTime() / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return civil(dayOf(year, month + 1, 1) - 1).date;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return mod(day + 4, 7);
}

/** YYYY-MM-DD of a civil day. */
export function isoDate(day: number): string {
  const { year, month, date } = civil(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The civil day of a YYYY-MM-DD string, or undefined when it is not a real date. */
export function parseIsoDate(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return undefined;
  return dayOf(year, month, date);
}

/** The same date `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDay(day: number, months: number): number {
  const { year, month, date } = civil(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = mod(index, 12) + 1;
  return dayOf(y, m, Math.min(date, daysInMonth(y, m)));
}

/** Which civil days are working days: Monday to Friday, minus holidays, plus make-up days. */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly makeUpWorkdays: ReadonlySet<string>;

  constructor(holidays: readonly string[], makeUpWorkdays: readonly string[]) {
    this.holidays = new Set(holidays);
    this.makeUpWorkdays = new Set(makeUpWorkdays);
  }

  isWorkingDay(day: number): boolean {
    const iso = isoDate(day);
    if (this.makeUpWorkdays.has(iso)) return true;
    if (this.holidays.has(iso)) return false;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: number): number {
    let d = day + 1;
    while (!this.isWorkingDay(d)) d += 1;
    return d;
  }

  /**
   * `n` working days after a wall-clock moment. From a working day at time t: time t on the
   * n-th working day after it. From a non-working day (or exactly midnight): the count starts
   * with the next working day (that day itself when at midnight), and the result is the end
   * of the n-th working day, i.e. midnight after it. Either way exactly n x 24 hours that lie
   * on working days separate the start from the result.
   */
  addWorkingDays(start: LocalDateTime, n: number): LocalDateTime {
    if (n === 0) return start;
    let day = start.day;
    let msOfDay = start.msOfDay;
    if (!this.isWorkingDay(day)) {
      day = this.nextWorkingDay(day);
      msOfDay = 0;
    }
    if (msOfDay === 0) {
      for (let k = 1; k < n; k += 1) day = this.nextWorkingDay(day);
      return { day: day + 1, msOfDay: 0 };
    }
    for (let k = 0; k < n; k += 1) day = this.nextWorkingDay(day);
    return { day, msOfDay };
  }
}
