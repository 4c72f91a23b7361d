// Checking and merging a county's policy file.
import {
  backdateProblem,
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  validateDeadlinePolicy,
} from './deadline-policy';
import { seconds } from './deadline-policy.spec-support';

describe('validateDeadlinePolicy', () => {
  it('accepts the default policy and a seconds-scale test policy', () => {
    expect(validateDeadlinePolicy(DEFAULT_DEADLINE_POLICY)).toEqual([]);
    expect(validateDeadlinePolicy(seconds)).toEqual([]);
  });

  it('refuses anything that is not an object', () => {
    for (const value of [null, undefined, 'policy', 7, []]) {
      expect(validateDeadlinePolicy(value)).toEqual(['policy: must be an object']);
    }
  });

  it('names each bad field with its rule', () => {
    const problems = validateDeadlinePolicy({
      ...DEFAULT_DEADLINE_POLICY,
      version: '',
      timeZone: 'Beijing',
      countFrom: 'reported',
      dayKind: 'workdays',
      holidays: ['2026-02-30', '2026/10/01', '2026-10-01'],
      makeUpWorkdays: ['2026-10-01', '2026-10-10'],
      reminderEvery: { seconds: 0 },
      redAfter: { days: -1 },
      leaderQuorum: 0,
      historyLimit: 1_000_000,
      maxBackdateDays: 400,
      holiday: ['2026-12-25'],
    });
    expect(problems).toEqual([
      'holiday: unknown field',
      'version: must be a non-empty string of at most 64 characters',
      'timeZone: must be an IANA time zone such as Asia/Shanghai',
      'countFrom: must be "handover" or "report"',
      'dayKind: must be "calendar" or "working"',
      'holidays[0]: must be a real date written YYYY-MM-DD',
      'holidays[1]: must be a real date written YYYY-MM-DD',
      'makeUpWorkdays[0]: 2026-10-01 is also listed in holidays',
      'makeUpWorkdays[0]: 2026-10-01 is a weekday; make-up working days are weekends',
      'reminderEvery: must be longer than zero',
      'redAfter.days: must be a whole number >= 0',
      'leaderQuorum: must be a whole number >= 1',
      'historyLimit: must be a whole number between 10 and 50000',
      'maxBackdateDays: must be a whole number between 0 and 366',
    ]);
  });

  it('bounds back-dated reports by maxBackdateDays: 30 by default, optional in kept policies', () => {
    expect(DEFAULT_DEADLINE_POLICY.maxBackdateDays).toBe(30);
    const { maxBackdateDays: _none, ...kept } = DEFAULT_DEADLINE_POLICY;
    expect(validateDeadlinePolicy(kept)).toEqual([]);
    expect(validateDeadlinePolicy({ ...kept, maxBackdateDays: 1.5 })).toEqual([
      'maxBackdateDays: must be a whole number between 0 and 366',
    ]);
    const now = new Date('2026-12-01T02:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    expect(backdateProblem({}, daysAgo(30), now)).toBeUndefined();
    expect(backdateProblem({}, daysAgo(30.01), now)).toMatch(/more than 30 days/);
    expect(backdateProblem({ maxBackdateDays: 0 }, daysAgo(0.01), now)).toMatch(/more than 0 days/);
  });

  it('checks every stage limit: present, known units, whole days and months, longer than zero', () => {
    const { writeOff: _missing, ...limits } = DEFAULT_DEADLINE_POLICY.limits;
    const problems = validateDeadlinePolicy({
      ...DEFAULT_DEADLINE_POLICY,
      limits: {
        ...limits,
        verification: { days: 0 },
        townshipDecision: { weeks: 1 },
        solutionPlan: { days: 2.5 },
        majorResolution: 'one month',
        extensionVote: { hours: -3 },
        appeal: { days: 3 },
      },
    });
    expect(problems).toEqual([
      'limits.appeal: unknown stage limit',
      'limits.verification: must be longer than zero',
      'limits.townshipDecision.weeks: unknown unit (use months, days, hours or seconds)',
      'limits.solutionPlan.days: must be a whole number >= 0',
      'limits.majorResolution: must be a duration object such as {"days": 1}',
      'limits.writeOff: required',
      'limits.extensionVote.hours: must be a number >= 0',
    ]);
  });

  it('refuses a policy without limits or date lists', () => {
    const { limits: _l, holidays: _h, ...rest } = DEFAULT_DEADLINE_POLICY;
    expect(validateDeadlinePolicy(rest)).toEqual([
      'holidays: must be a list of YYYY-MM-DD dates',
      'limits: must be an object with a duration per stage',
    ]);
  });
});

describe('mergeDeadlinePolicy', () => {
  it('replaces top-level fields and merges limits stage by stage', () => {
    const merged = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'county-2027',
      dayKind: 'working',
      limits: { verification: { hours: 12 } },
    });
    expect(merged.version).toBe('county-2027');
    expect(merged.dayKind).toBe('working');
    expect(merged.limits.verification).toEqual({ hours: 12 });
    expect(merged.limits.solutionPlan).toEqual({ days: 5 });
    expect(DEFAULT_DEADLINE_POLICY.limits.verification).toEqual({ days: 1 });
  });
});
