/**
 * The county's deadline policy: time limits are data, not code. The workflow receives the
 * policy in force at report time and keeps it; tests pass one measured in seconds.
 * Everything here is pure and deterministic (workflows run it): no clock, no I/O, no host TZ.
 * The counting rules are explained in docs/deadline-policy.md.
 */
import {
  addMonthsToDay,
  isKnownTimeZone,
  isoDate,
  LocalDateTime,
  parseIsoDate,
  toInstant,
  toLocal,
  weekday,
  WorkingCalendar,
} from './calendar';
import type { OverdueLevel, Severity, Stage } from './types';

/** A length of time. `seconds` is for tests and sub-day limits; days follow `dayKind`. */
export interface PolicyDuration {
  months?: number;
  days?: number;
  hours?: number;
  seconds?: number;
}

export interface StageLimits {
  verification: PolicyDuration; // 1 day
  townshipDecision: PolicyDuration; // 3 days
  solutionPlan: PolicyDuration; // 5 days
  generalResolution: PolicyDuration; // 7 days
  majorResolution: PolicyDuration; // 1 month
  writeOff: PolicyDuration; // the township's check with the household
  extensionVote: PolicyDuration; // leaders' voting window
}

export interface DeadlinePolicy {
  /** shown in the ledger so a reader knows which rules an issue ran under */
  version: string;
  /** IANA time zone of the county, e.g. Asia/Shanghai */
  timeZone: string;
  /** count each stage from its hand-over, or every stage from the report */
  countFrom: 'handover' | 'report';
  /** calendar days, or working days (weekends, holidays and make-up working days) */
  dayKind: 'calendar' | 'working';
  /** official days off, YYYY-MM-DD in the county's time zone */
  holidays: string[];
  /** weekend days that are working days (调休), YYYY-MM-DD */
  makeUpWorkdays: string[];
  limits: StageLimits;
  /** how often an overdue stage's unit is reminded again */
  reminderEvery: PolicyDuration;
  /** overdue longer than this turns yellow into red: leaders and supervisors are told */
  redAfter: PolicyDuration;
  /** approvals (or rejections) of county leaders that decide an extension */
  leaderQuorum: number;
  /** continue-as-new once the history holds this many events */
  historyLimit: number;
}

/** The stages that have a time limit (every stage but `closed`). */
export type DeadlineStage = Exclude<Stage, 'closed'>;

/** The order in which an issue passes the stages; counting from the report adds them up in it. */
export const DEADLINE_STAGES: readonly DeadlineStage[] = [
  'verification',
  'township_decision',
  'solution_plan',
  'resolution',
  'write_off',
];

const DURATION_UNITS = ['months', 'days', 'hours', 'seconds'] as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The county's rules ("135" triage, "710" resolution) as shipped. A county overrides any part
 * of it with DEADLINE_POLICY_FILE; holidays and make-up working days are the State Council's
 * 2026 calendar (国务院办公厅关于2026年部分节假日安排的通知, 4 Nov 2025) and must be extended in
 * that file every year once the next calendar is published.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = deepFreeze({
  version: 'county-default-2026',
  timeZone: 'Asia/Shanghai',
  countFrom: 'handover',
  dayKind: 'calendar',
  holidays: [
    // 元旦
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  makeUpWorkdays: [
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
  limits: {
    verification: { days: 1 },
    townshipDecision: { days: 3 },
    solutionPlan: { days: 5 },
    generalResolution: { days: 7 },
    majorResolution: { months: 1 },
    // The policy sets no limit for 销号; a week for the township's check with the household.
    writeOff: { days: 7 },
    extensionVote: { days: 3 },
  },
  reminderEvery: { days: 1 },
  redAfter: { days: 3 },
  leaderQuorum: 3,
  historyLimit: 2000,
});

/** The limit of a stage; resolution depends on the plan's severity (general unless told). */
export function stageLimit(
  policy: DeadlinePolicy,
  stage: DeadlineStage,
  severity: Severity = 'general',
): PolicyDuration {
  switch (stage) {
    case 'verification':
      return policy.limits.verification;
    case 'township_decision':
      return policy.limits.townshipDecision;
    case 'solution_plan':
      return policy.limits.solutionPlan;
    case 'resolution':
      return severity === 'major' ? policy.limits.majorResolution : policy.limits.generalResolution;
    case 'write_off':
      return policy.limits.writeOff;
  }
}

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
    let local: LocalDateTime = toLocal(t, policy.timeZone);
    if (months !== 0) {
      local = { day: addMonthsToDay(local.day, months), msOfDay: local.msOfDay };
      if (working && !working.isWorkingDay(local.day)) {
        local = { day: working.nextWorkingDay(local.day), msOfDay: local.msOfDay };
      }
    }
    if (days !== 0) {
      local = working
        ? working.addWorkingDays(local, days)
        : { day: local.day + days, msOfDay: local.msOfDay };
    }
    t = toInstant(local, policy.timeZone);
  }
  t += Math.round((d.hours ?? 0) * 3_600_000 + (d.seconds ?? 0) * 1000);
  return new Date(t);
}

/**
 * When a stage is due.
 * - countFrom 'handover': the stage's own limit, counted from the moment it was handed over.
 * - countFrom 'report': every limit is laid end to end from the report, each counted from the
 *   previous stage's due time: verification report+1d, decision +3d after that, plan +5d,
 *   resolution +7d (general) or +1 month (major), write-off + its limit. An early stage does
 *   not give the later ones more time, and a late one does not push them back.
 */
export function stageDueAt(
  policy: DeadlinePolicy,
  args: { stage: DeadlineStage; severity?: Severity; handedOverAt: Date; reportedAt: Date },
): Date {
  if (policy.countFrom === 'handover') {
    return addPolicyDuration(
      policy,
      args.handedOverAt,
      stageLimit(policy, args.stage, args.severity),
    );
  }
  let due = args.reportedAt;
  for (const stage of DEADLINE_STAGES) {
    due = addPolicyDuration(policy, due, stageLimit(policy, stage, args.severity));
    if (stage === args.stage) break;
  }
  return due;
}

/**
 * The latest completion date a solution plan may set: the resolution limit for its severity
 * counted from the plan. A limit in days or months allows any time on its last day (a plan
 * names a date, however the date is encoded); a limit in hours or seconds is exact.
 */
export function maxCompletionDate(policy: DeadlinePolicy, severity: Severity, planAt: Date): Date {
  const limit = stageLimit(policy, 'resolution', severity);
  const due = addPolicyDuration(policy, planAt, limit);
  if (!limit.months && !limit.days) return due;
  const local = toLocal(due.getTime(), policy.timeZone);
  // A limit that ends at midnight already ends a day (the working-day rule); keep it.
  if (local.msOfDay === 0) return due;
  return new Date(toInstant({ day: local.day + 1, msOfDay: 0 }, policy.timeZone) - 1);
}

/** When an overdue stage turns red: `redAfter` past its deadline. */
export function redAt(policy: DeadlinePolicy, dueAt: Date): Date {
  return addPolicyDuration(policy, dueAt, policy.redAfter);
}

/** 'none' before the deadline; 'yellow' from the deadline on; 'red' from redAt on. */
export function overdueLevel(policy: DeadlinePolicy, dueAt: Date, now: Date): OverdueLevel {
  if (now.getTime() < dueAt.getTime()) return 'none';
  return now.getTime() < redAt(policy, dueAt).getTime() ? 'yellow' : 'red';
}

/**
 * The next reminder strictly after `now`. Reminders fall at dueAt + k x reminderEvery (k = 1,
 * 2, ...), each counted from the deadline rather than from the previous reminder, so monthly
 * reminders from 31 January stay on month ends and a late-running worker does not drift. The
 * overdue notice at the deadline itself is not a reminder.
 */
export function nextReminderAt(policy: DeadlinePolicy, dueAt: Date, now: Date): Date {
  const every = policy.reminderEvery;
  if (isZeroDuration(every)) throw new RangeError('reminderEvery must be longer than zero');
  const at = (k: number) => addPolicyDuration(policy, dueAt, scaleDuration(every, k));
  const target = now.getTime();
  if (at(1).getTime() > target) return at(1);
  // Reminder times grow with k: bracket the answer by doubling, then bisect.
  let low = 1;
  let high = 2;
  while (at(high).getTime() <= target) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (at(mid).getTime() <= target) low = mid;
    else high = mid;
  }
  return at(high);
}

/** The county's civil date (YYYY-MM-DD) of an instant: which day a report or act falls on. */
export function localDate(policy: Pick<DeadlinePolicy, 'timeZone'>, instant: Date): string {
  return isoDate(toLocal(instant.getTime(), policy.timeZone).day);
}

/** The first instant of a county date (YYYY-MM-DD): where the county's day (or month) begins. */
export function startOfLocalDate(policy: Pick<DeadlinePolicy, 'timeZone'>, date: string): Date {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return new Date(toInstant({ day, msOfDay: 0 }, policy.timeZone));
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

// ---------------------------------------------------------------------------------------------
// Validation: a policy comes from a file a county edits by hand, so every problem is named by
// its field path and the rule it breaks.

/** A partial policy laid over another: top-level fields replace, `limits` merge per stage. */
export type DeadlinePolicyOverride = Partial<Omit<DeadlinePolicy, 'limits'>> & {
  limits?: Partial<StageLimits>;
};

export function mergeDeadlinePolicy(
  base: DeadlinePolicy,
  override: DeadlinePolicyOverride,
): DeadlinePolicy {
  const limits = isPlainObject(override.limits)
    ? { ...base.limits, ...override.limits }
    : (override.limits ?? base.limits);
  return { ...base, ...override, limits };
}

const POLICY_FIELDS: readonly (keyof DeadlinePolicy)[] = [
  'version',
  'timeZone',
  'countFrom',
  'dayKind',
  'holidays',
  'makeUpWorkdays',
  'limits',
  'reminderEvery',
  'redAfter',
  'leaderQuorum',
  'historyLimit',
];

const LIMIT_FIELDS: readonly (keyof StageLimits)[] = [
  'verification',
  'townshipDecision',
  'solutionPlan',
  'generalResolution',
  'majorResolution',
  'writeOff',
  'extensionVote',
];

/** Temporal refuses a workflow history past 51,200 events; continue-as-new well before that. */
export const HISTORY_LIMIT_RANGE = { min: 10, max: 50_000 } as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function validateDuration(
  value: unknown,
  path: string,
  mustBePositive: boolean,
  problems: string[],
): void {
  if (!isPlainObject(value)) {
    problems.push(`${path}: must be a duration object such as {"days": 1}`);
    return;
  }
  const before = problems.length;
  for (const [unit, amount] of Object.entries(value)) {
    if (!(DURATION_UNITS as readonly string[]).includes(unit)) {
      problems.push(`${path}.${unit}: unknown unit (use months, days, hours or seconds)`);
    } else if (unit === 'months' || unit === 'days') {
      if (!isWholeNumber(amount, 0)) problems.push(`${path}.${unit}: must be a whole number >= 0`);
    } else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      problems.push(`${path}.${unit}: must be a number >= 0`);
    }
  }
  if (mustBePositive && problems.length === before && isZeroDuration(value)) {
    problems.push(`${path}: must be longer than zero`);
  }
}

/** The valid dates of a list, each with its index for messages. */
function validateDates(value: unknown, path: string, problems: string[]): Array<[number, string]> {
  if (!Array.isArray(value)) {
    problems.push(`${path}: must be a list of YYYY-MM-DD dates`);
    return [];
  }
  const dates: Array<[number, string]> = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || parseIsoDate(item) === undefined) {
      problems.push(`${path}[${i}]: must be a real date written YYYY-MM-DD`);
    } else {
      dates.push([i, item]);
    }
  });
  return dates;
}

/** Every problem with a policy as "field.path: rule"; empty when the policy is valid. */
export function validateDeadlinePolicy(value: unknown): string[] {
  if (!isPlainObject(value)) return ['policy: must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(POLICY_FIELDS as readonly string[]).includes(key)) problems.push(`${key}: unknown field`);
  }
  const v = value as Record<keyof DeadlinePolicy, unknown>;

  if (typeof v.version !== 'string' || v.version.trim() === '' || v.version.length > 64) {
    problems.push('version: must be a non-empty string of at most 64 characters');
  }
  if (typeof v.timeZone !== 'string' || !isKnownTimeZone(v.timeZone)) {
    problems.push('timeZone: must be an IANA time zone such as Asia/Shanghai');
  }
  if (v.countFrom !== 'handover' && v.countFrom !== 'report') {
    problems.push('countFrom: must be "handover" or "report"');
  }
  if (v.dayKind !== 'calendar' && v.dayKind !== 'working') {
    problems.push('dayKind: must be "calendar" or "working"');
  }

  const holidays = new Set(validateDates(v.holidays, 'holidays', problems).map(([, d]) => d));
  for (const [i, date] of validateDates(v.makeUpWorkdays, 'makeUpWorkdays', problems)) {
    if (holidays.has(date)) {
      problems.push(`makeUpWorkdays[${i}]: ${date} is also listed in holidays`);
    }
    const wd = weekday(parseIsoDate(date) as number);
    if (wd !== 0 && wd !== 6) {
      problems.push(
        `makeUpWorkdays[${i}]: ${date} is a weekday; make-up working days are weekends`,
      );
    }
  }

  if (!isPlainObject(v.limits)) {
    problems.push('limits: must be an object with a duration per stage');
  } else {
    const limits = v.limits;
    for (const key of Object.keys(limits)) {
      if (!(LIMIT_FIELDS as readonly string[]).includes(key)) {
        problems.push(`limits.${key}: unknown stage limit`);
      }
    }
    for (const key of LIMIT_FIELDS) {
      if (limits[key] === undefined) problems.push(`limits.${key}: required`);
      else validateDuration(limits[key], `limits.${key}`, true, problems);
    }
  }
  validateDuration(v.reminderEvery, 'reminderEvery', true, problems);
  // Zero is allowed: an overdue stage is then red at once.
  validateDuration(v.redAfter, 'redAfter', false, problems);

  if (!isWholeNumber(v.leaderQuorum, 1)) {
    problems.push('leaderQuorum: must be a whole number >= 1');
  }
  const { min, max } = HISTORY_LIMIT_RANGE;
  if (!isWholeNumber(v.historyLimit, min) || v.historyLimit > max) {
    problems.push(`historyLimit: must be a whole number between ${min} and ${max}`);
  }
  return problems;
}
