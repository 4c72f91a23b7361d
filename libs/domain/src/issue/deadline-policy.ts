/**
 * The county's deadline policy: time limits are data, not code. The workflow receives the
 * policy in force at report time and keeps it; tests pass one measured in seconds.
 */

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
