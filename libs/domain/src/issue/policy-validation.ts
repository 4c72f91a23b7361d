/**
 * Validation of a deadline policy. A policy comes from a file a county edits by hand, so every
 * problem is named by its field path and the rule it breaks.
 */
import type { Temporal } from 'temporal-polyfill';
import { isKnownTimeZone, isWeekend, parseIsoDate } from './calendar';
import {
  DEFAULT_DEADLINE_POLICY,
  DURATION_UNITS,
  type DeadlinePolicy,
  type StageLimits,
} from './policy-data';
import { isZeroDuration } from './policy-duration';

/** A partial policy laid over another: top-level fields replace, `limits` are combined per stage. */
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
  'maxBackdateDays',
];

/** The limits a policy must set: exactly those of the county default. */
const LIMIT_FIELDS = Object.keys(DEFAULT_DEADLINE_POLICY.limits) as (keyof StageLimits)[];

/** A back-date bound longer than a year would let a report land in last year's books. */
export const MAX_BACKDATE_DAYS = 366;

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
    if (!isWeekend(parseIsoDate(date) as Temporal.PlainDate)) {
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
      // A policy kept from before send-back existed reads the default's limit for it.
      if (limits[key] === undefined) {
        if (key !== 'sentBack') problems.push(`limits.${key}: required`);
      } else validateDuration(limits[key], `limits.${key}`, true, problems);
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
  // Optional: policies kept by issues opened before it existed have none.
  if (
    v.maxBackdateDays !== undefined &&
    (!isWholeNumber(v.maxBackdateDays, 0) || v.maxBackdateDays > MAX_BACKDATE_DAYS)
  ) {
    problems.push(`maxBackdateDays: must be a whole number between 0 and ${MAX_BACKDATE_DAYS}`);
  }
  return problems;
}
