/**
 * When a stage is due, when it turns red and when its unit is reminded, under a deadline
 * policy. Pure and deterministic (workflows run it).
 */
import { isMidnight, toInstant, toLocal } from './calendar';
import {
  DEADLINE_STAGES,
  stageLimit,
  type DeadlinePolicy,
  type DeadlineStage,
} from './policy-data';
import { addPolicyDuration, isZeroDuration, scaleDuration } from './policy-duration';
import type { OverdueLevel, Severity } from './types';

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
  if (isMidnight(local)) return due;
  const nextMidnight = local.toPlainDate().add({ days: 1 }).toPlainDateTime();
  return new Date(toInstant(nextMidnight, policy.timeZone) - 1);
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
