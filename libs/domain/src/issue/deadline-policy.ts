/**
 * The county's deadline policy, in rooms side by side:
 * - policy-data.ts: its shape and the default rules ("135" triage, "710" resolution);
 * - policy-duration.ts: durations and adding them on the county's calendar;
 * - policy-deadlines.ts: when a stage is due, turns red, is reminded;
 * - calendar.ts: the zone's wall clock and working days (on temporal-polyfill);
 * - policy-validation.ts: checking and merging a county's policy file;
 * - policy-coverage.ts: which years the holiday lists cover, and when that must warn.
 * Everything is pure and deterministic (workflows run it). The counting rules are explained
 * in docs/deadline-policy.md.
 */
export {
  backdateProblem,
  DEADLINE_STAGES,
  DEFAULT_DEADLINE_POLICY,
  maxBackdateDays,
  rerouteLimit,
  stageLimit,
  type DeadlinePolicy,
  type DeadlineStage,
  type PolicyDuration,
  type StageLimits,
} from './policy-data';
export {
  addPolicyDuration,
  describeDuration,
  isZeroDuration,
  scaleDuration,
} from './policy-duration';
export {
  maxCompletionDate,
  nextReminderAt,
  overdueLevel,
  redAt,
  stageDueAt,
} from './policy-deadlines';
export { isWorkingDay, localDate, startOfLocalDate } from './calendar';
export {
  HISTORY_LIMIT_RANGE,
  MAX_BACKDATE_DAYS,
  mergeDeadlinePolicy,
  validateDeadlinePolicy,
  type DeadlinePolicyOverride,
} from './policy-validation';
export {
  calendarCoverage,
  calendarWarning,
  NEXT_YEAR_DUE_FROM_MONTH,
  uncoveredYears,
  type CalendarCoverage,
  type CalendarWarning,
} from './policy-coverage';
