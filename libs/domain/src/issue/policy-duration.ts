/**
 * Durations of the deadline policy and adding them on the county's calendar. Pure and
 * deterministic (workflows run it): no clock, no I/O, no host TZ.
 */
import { toInstant, toLocal, WorkingCalendar } from './calendar';
import { DURATION_UNITS, type DeadlinePolicy, type PolicyDuration } from './policy-data';

/** True when the duration adds no time at all. */
export function isZeroDuration(d: PolicyDuration): boolean {
  return DURATION_UNITS.every((unit) => !d[unit]);
}

/** The duration `factor` times over (reminder k is `reminderEvery` k times after the deadline). */
export function scaleDuration(d: PolicyDuration, factor: number): PolicyDuration {
  const scaled: PolicyDuration = {};
  for (const unit of DURATION_UNITS) {
    const amount = d[unit];
    if (amount) scaled[unit] = amount * factor;
  }
  return scaled;
}

/** A short English reading of a duration for messages, e.g. "1 month", "7 days", "30 seconds". */
export function describeDuration(d: PolicyDuration): string {
  const parts = DURATION_UNITS.filter((unit) => d[unit]).map((unit) => {
    const amount = d[unit] as number;
    return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
  });
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

type CalendarRules = Pick<DeadlinePolicy, 'timeZone' | 'dayKind' | 'holidays' | 'makeUpWorkdays'>;

/**
 * `from` plus a duration, in the order months, days, hours, seconds.
 * - months: calendar months on the county's wall clock, same local time of day, clamped to the
 *   month's last day (31 Jan 10:00 + 1 month = 28 Feb 10:00, or 29 Feb in a leap year). With
 *   working days, a month that ends on a non-working day moves to the same time on the next
 *   working day (as 民法典 art. 203 moves a period's last day off a holiday).
 * - days: calendar days keeping the local time of day; or working days (see
 *   WorkingCalendar.addWorkingDays: a hand-over on a non-working day starts counting at the
 *   next working day's midnight, so its deadline is the end of the n-th working day).
 * - hours, seconds: plain elapsed time (sub-day limits and tests).
 */
export function addPolicyDuration(policy: CalendarRules, from: Date, d: PolicyDuration): Date {
  let t = from.getTime();
  if (!Number.isFinite(t)) throw new RangeError('addPolicyDuration: the start is not a valid date');
  const months = d.months ?? 0;
  const days = d.days ?? 0;
  if (months !== 0 || days !== 0) {
    const working =
      policy.dayKind === 'working'
        ? new WorkingCalendar(policy.holidays, policy.makeUpWorkdays)
        : undefined;
    let local = toLocal(t, policy.timeZone);
    if (months !== 0) {
      // Temporal's default overflow ('constrain') clamps to the month's last day.
      local = local.add({ months });
      if (working && !working.isWorkingDay(local.toPlainDate())) {
        local = working.nextWorkingDay(local.toPlainDate()).toPlainDateTime(local.toPlainTime());
      }
    }
    if (days !== 0) {
      local = working ? working.addWorkingDays(local, days) : local.add({ days });
    }
    t = toInstant(local, policy.timeZone);
  }
  t += Math.round((d.hours ?? 0) * 3_600_000 + (d.seconds ?? 0) * 1000);
  return new Date(t);
}
