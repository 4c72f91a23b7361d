/**
 * The county's deadline policy as data: its shape and the rules shipped by default. Time
 * limits are data, not code: the workflow receives the policy in force at report time and keeps
 * it; tests pass one measured in seconds. The counting rules are in docs/deadline-policy.md.
 */
import type { Severity, Stage } from './types';

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
  /**
   * 退回/转办: how long the level above has to re-route an issue sent back by the unit it was
   * wrongly addressed to. Absent in policies of issues reported before send-back existed: those
   * read the default's.
   */
  sentBack?: PolicyDuration;
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
  /**
   * How far back a report's `reportedAt` (a signal's `observedAt`) may lie, in days: older is
   * refused (422, or a dead letter). Absent in policies kept by issues opened before it
   * existed; read it with `maxBackdateDays()`.
   */
  maxBackdateDays?: number;
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

/** The units of a PolicyDuration, in the order they are added. */
export const DURATION_UNITS = ['months', 'days', 'hours', 'seconds'] as const;

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
    // Our default: the level above re-routes within a day, as the village verifies within one.
    sentBack: { days: 1 },
  },
  reminderEvery: { days: 1 },
  redAfter: { days: 3 },
  leaderQuorum: 3,
  historyLimit: 2000,
  maxBackdateDays: 30,
});

/** The back-date bound of a policy (30 days when a kept policy predates the field). */
export function maxBackdateDays(policy: Pick<DeadlinePolicy, 'maxBackdateDays'>): number {
  return policy.maxBackdateDays ?? 30;
}

/**
 * Why a report time cannot be taken under the policy, or undefined when it can: further back
 * than `maxBackdateDays` before `now` (a report's time is its own; only its age is bounded).
 */
export function backdateProblem(
  policy: Pick<DeadlinePolicy, 'maxBackdateDays'>,
  reportedAt: Date,
  now: Date,
): string | undefined {
  const days = maxBackdateDays(policy);
  if (now.getTime() - reportedAt.getTime() <= days * 86_400_000) return undefined;
  return `must not be more than ${days} days before now (the county's back-date limit)`;
}

/** The level above's limit to re-route an issue sent back (the default's for older policies). */
export function rerouteLimit(policy: DeadlinePolicy): PolicyDuration {
  return policy.limits.sentBack ?? DEFAULT_DEADLINE_POLICY.limits.sentBack ?? { days: 1 };
}

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
