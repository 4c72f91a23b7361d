// Policies and time helpers shared by the deadline policy's specs (not shipped: the build
// leaves out *.spec-support.ts).
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from './deadline-policy';

/** A wall-clock time in Beijing, e.g. bj('2026-03-06T10:00'). */
export const bj = (local: string) => new Date(`${local}+08:00`);
export const iso = (d: Date) => d.toISOString();
export const MS = { second: 1000, hour: 3_600_000, day: 86_400_000 };

export const calendar: DeadlinePolicy = DEFAULT_DEADLINE_POLICY;
export const working: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, dayKind: 'working' };
export const fromReport: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, countFrom: 'report' };

/** The kind of policy the workflow tests run a whole issue life with. */
export const seconds: DeadlinePolicy = {
  ...DEFAULT_DEADLINE_POLICY,
  version: 'test-seconds',
  limits: {
    verification: { seconds: 2 },
    townshipDecision: { seconds: 3 },
    solutionPlan: { seconds: 5 },
    generalResolution: { seconds: 7 },
    majorResolution: { seconds: 30 },
    writeOff: { seconds: 7 },
    extensionVote: { seconds: 3 },
  },
  reminderEvery: { seconds: 5 },
  redAfter: { seconds: 12 },
};
