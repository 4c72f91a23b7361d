// Deadline policies for tests, counted in seconds.
import {
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  type DeadlinePolicy,
  type DeadlinePolicyOverride,
} from '@sanbao/domain';

/** Seconds for every limit: a test waits for a limit to pass in a few seconds. */
export function fastPolicy(override: DeadlinePolicyOverride = {}): DeadlinePolicy {
  return mergeDeadlinePolicy(
    mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'test-fast',
      limits: {
        verification: { seconds: 2 },
        townshipDecision: { seconds: 2 },
        solutionPlan: { seconds: 2 },
        generalResolution: { seconds: 2 },
        majorResolution: { seconds: 3 },
        writeOff: { seconds: 2 },
        extensionVote: { seconds: 3 },
      },
      reminderEvery: { seconds: 2 },
      redAfter: { seconds: 3 },
      leaderQuorum: 2,
    }),
    override,
  );
}

/** Still counted in seconds, but ten minutes per limit: nothing falls due while a test acts. */
export function calmPolicy(override: DeadlinePolicyOverride = {}): DeadlinePolicy {
  const tenMinutes = { seconds: 600 };
  return mergeDeadlinePolicy(
    mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'test-calm',
      limits: {
        verification: tenMinutes,
        townshipDecision: tenMinutes,
        solutionPlan: tenMinutes,
        generalResolution: tenMinutes,
        majorResolution: { seconds: 1200 },
        writeOff: tenMinutes,
        extensionVote: tenMinutes,
      },
      reminderEvery: tenMinutes,
      redAfter: tenMinutes,
      leaderQuorum: 2,
    }),
    override,
  );
}
