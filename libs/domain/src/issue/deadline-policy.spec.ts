import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  addPolicyDuration,
  DeadlinePolicy,
  DEFAULT_DEADLINE_POLICY,
  describeDuration,
  isWorkingDay,
  localDate,
  maxCompletionDate,
  mergeDeadlinePolicy,
  nextReminderAt,
  overdueLevel,
  redAt,
  stageDueAt,
  validateDeadlinePolicy,
} from './deadline-policy';

/** A wall-clock time in Beijing, e.g. bj('2026-03-06T10:00'). */
const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();
const MS = { second: 1000, hour: 3_600_000, day: 86_400_000 };

const calendar: DeadlinePolicy = DEFAULT_DEADLINE_POLICY;
const working: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, dayKind: 'working' };
const fromReport: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, countFrom: 'report' };

/** The kind of policy the workflow tests run a whole issue life with. */
const seconds: DeadlinePolicy = {
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

describe('DEFAULT_DEADLINE_POLICY', () => {
  it('is the county\'s "135" and "710" rules, counted per stage in calendar days in Beijing time', () => {
    expect(validateDeadlinePolicy(DEFAULT_DEADLINE_POLICY)).toEqual([]);
    expect(DEFAULT_DEADLINE_POLICY).toMatchObject({
      timeZone: 'Asia/Shanghai',
      countFrom: 'handover',
      dayKind: 'calendar',
      limits: {
        verification: { days: 1 },
        townshipDecision: { days: 3 },
        solutionPlan: { days: 5 },
        generalResolution: { days: 7 },
        majorResolution: { months: 1 },
      },
    });
  });

  it('cannot be changed by a caller that mutates it (every issue would change its rules)', () => {
    expect(() => DEFAULT_DEADLINE_POLICY.holidays.push('2026-12-25')).toThrow(TypeError);
    expect(() => {
      (DEFAULT_DEADLINE_POLICY.limits.verification as { days: number }).days = 2;
    }).toThrow(TypeError);
    expect(DEFAULT_DEADLINE_POLICY.limits.verification).toEqual({ days: 1 });
  });

  it('knows the 2026 Spring Festival holiday and its make-up working days', () => {
    expect(isWorkingDay(DEFAULT_DEADLINE_POLICY, '2026-02-16')).toBe(false); // Monday, holiday
    expect(isWorkingDay(DEFAULT_DEADLINE_POLICY, '2026-02-14')).toBe(true); // Saturday, 调休
    expect(isWorkingDay(DEFAULT_DEADLINE_POLICY, '2026-03-07')).toBe(false); // plain Saturday
    expect(isWorkingDay(DEFAULT_DEADLINE_POLICY, '2026-03-09')).toBe(true); // plain Monday
  });
});

describe('addPolicyDuration with calendar days', () => {
  it('counts weekends and holidays like any day, keeping the time of day', () => {
    // Friday 10:00 + 1 day = Saturday 10:00
    expect(iso(addPolicyDuration(calendar, bj('2026-03-06T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-03-07T10:00')),
    );
    // across the Spring Festival holiday
    expect(iso(addPolicyDuration(calendar, bj('2026-02-13T10:00'), { days: 3 }))).toBe(
      iso(bj('2026-02-16T10:00')),
    );
  });

  it('adds hours and seconds as plain elapsed time', () => {
    const from = bj('2026-03-06T23:30');
    expect(addPolicyDuration(calendar, from, { hours: 1 }).getTime()).toBe(
      from.getTime() + MS.hour,
    );
    expect(addPolicyDuration(calendar, from, { seconds: 2.5 }).getTime()).toBe(
      from.getTime() + 2500,
    );
    expect(addPolicyDuration(calendar, from, {}).getTime()).toBe(from.getTime());
  });

  it('takes a month from 31 January to the last day of February, in a common and a leap year', () => {
    expect(iso(addPolicyDuration(calendar, bj('2026-01-31T10:00'), { months: 1 }))).toBe(
      iso(bj('2026-02-28T10:00')),
    );
    expect(iso(addPolicyDuration(calendar, bj('2028-01-31T10:00'), { months: 1 }))).toBe(
      iso(bj('2028-02-29T10:00')),
    );
    expect(iso(addPolicyDuration(calendar, bj('2026-01-28T10:00'), { months: 1 }))).toBe(
      iso(bj('2026-02-28T10:00')),
    );
  });

  it('keeps the day of the month when it exists, across a year end, and anchors on the start', () => {
    expect(iso(addPolicyDuration(calendar, bj('2026-01-15T08:00'), { months: 1 }))).toBe(
      iso(bj('2026-02-15T08:00')),
    );
    expect(iso(addPolicyDuration(calendar, bj('2026-03-31T08:00'), { months: 1 }))).toBe(
      iso(bj('2026-04-30T08:00')),
    );
    expect(iso(addPolicyDuration(calendar, bj('2026-12-31T08:00'), { months: 2 }))).toBe(
      iso(bj('2027-02-28T08:00')),
    );
    // two months at once is 31 March, not 28 March
    expect(iso(addPolicyDuration(calendar, bj('2026-01-31T08:00'), { months: 2 }))).toBe(
      iso(bj('2026-03-31T08:00')),
    );
  });

  it('applies months before days', () => {
    expect(iso(addPolicyDuration(calendar, bj('2026-01-31T10:00'), { months: 1, days: 1 }))).toBe(
      iso(bj('2026-03-01T10:00')),
    );
  });

  it('keeps the local time of day across a daylight-saving change in a zone that has one', () => {
    const berlin: DeadlinePolicy = { ...calendar, timeZone: 'Europe/Berlin' };
    // 28 March 2026 10:00 CET (+01:00) + 1 day = 29 March 10:00 CEST (+02:00): 23 hours later
    const result = addPolicyDuration(berlin, new Date('2026-03-28T10:00:00+01:00'), { days: 1 });
    expect(iso(result)).toBe(iso(new Date('2026-03-29T10:00:00+02:00')));
  });

  it('refuses an invalid start date', () => {
    expect(() => addPolicyDuration(calendar, new Date('not a date'), { days: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('addPolicyDuration with working days', () => {
  it('skips the weekend', () => {
    // Friday 10:00 + 1 working day = Monday 10:00; Thursday + 2 = Monday
    expect(iso(addPolicyDuration(working, bj('2026-03-06T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-03-09T10:00')),
    );
    expect(iso(addPolicyDuration(working, bj('2026-03-05T10:00'), { days: 2 }))).toBe(
      iso(bj('2026-03-09T10:00')),
    );
    // Monday + 5 working days = next Monday
    expect(iso(addPolicyDuration(working, bj('2026-03-09T10:00'), { days: 5 }))).toBe(
      iso(bj('2026-03-16T10:00')),
    );
  });

  it('skips a public holiday (清明节 4-6 April 2026)', () => {
    // Friday 3 April + 1 working day: Sat, Sun, Mon (holiday) are skipped
    expect(iso(addPolicyDuration(working, bj('2026-04-03T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-04-07T10:00')),
    );
    // the holidays are data: without them Monday 6 April is a working day
    const noHolidays: DeadlinePolicy = { ...working, holidays: [], makeUpWorkdays: [] };
    expect(iso(addPolicyDuration(noHolidays, bj('2026-04-03T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-04-06T10:00')),
    );
  });

  it('counts a make-up working day (调休) on a Saturday', () => {
    // Friday 13 Feb + 1 = Saturday 14 Feb (make-up day); + 2 jumps the Spring Festival to the 24th
    expect(iso(addPolicyDuration(working, bj('2026-02-13T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-02-14T10:00')),
    );
    expect(iso(addPolicyDuration(working, bj('2026-02-13T10:00'), { days: 2 }))).toBe(
      iso(bj('2026-02-24T10:00')),
    );
    // Friday 27 Feb + 1 = Saturday 28 Feb (make-up day), not Monday 2 March
    expect(iso(addPolicyDuration(working, bj('2026-02-27T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-02-28T10:00')),
    );
  });

  it('counts a hand-over on a non-working day from the next working day: due at the end of the n-th', () => {
    // Saturday 10:00 + 1 working day: all of Monday, i.e. Tuesday 00:00
    expect(iso(addPolicyDuration(working, bj('2026-03-07T10:00'), { days: 1 }))).toBe(
      iso(bj('2026-03-10T00:00')),
    );
    expect(iso(addPolicyDuration(working, bj('2026-03-08T23:30'), { days: 1 }))).toBe(
      iso(bj('2026-03-10T00:00')),
    );
    // a holiday Monday (16 Feb, Spring Festival) + 3: the 24th, 25th and 26th, i.e. the 27th 00:00
    expect(iso(addPolicyDuration(working, bj('2026-02-16T09:00'), { days: 3 }))).toBe(
      iso(bj('2026-02-27T00:00')),
    );
  });

  it('treats midnight as the start of that day and keeps the boundary just before it', () => {
    // Friday 00:00 + 1 = the end of Friday; Friday 23:59:59.999 + 1 = Monday 23:59:59.999
    expect(iso(addPolicyDuration(working, bj('2026-03-06T00:00'), { days: 1 }))).toBe(
      iso(bj('2026-03-07T00:00')),
    );
    expect(iso(addPolicyDuration(working, bj('2026-03-06T23:59:59.999'), { days: 1 }))).toBe(
      iso(bj('2026-03-09T23:59:59.999')),
    );
  });

  it('moves a month that ends on a non-working day to the same time on the next working day', () => {
    // 1 September + 1 month = 1 October, inside the National Day holiday (1-7 October)
    expect(iso(addPolicyDuration(calendar, bj('2026-09-01T10:00'), { months: 1 }))).toBe(
      iso(bj('2026-10-01T10:00')),
    );
    expect(iso(addPolicyDuration(working, bj('2026-09-01T10:00'), { months: 1 }))).toBe(
      iso(bj('2026-10-08T10:00')),
    );
  });
});

describe('stageDueAt', () => {
  const reportedAt = bj('2026-03-02T09:00'); // Monday

  it('counts each stage from its hand-over by default', () => {
    // verification finished early, at 15:00 the same day: the township has 3 days from then
    expect(
      iso(
        stageDueAt(calendar, {
          stage: 'township_decision',
          handedOverAt: bj('2026-03-02T15:00'),
          reportedAt,
        }),
      ),
    ).toBe(iso(bj('2026-03-05T15:00')));
    expect(
      iso(stageDueAt(calendar, { stage: 'verification', handedOverAt: reportedAt, reportedAt })),
    ).toBe(iso(bj('2026-03-03T09:00')));
  });

  it('uses the general limit for resolution unless the plan says major', () => {
    const handedOverAt = bj('2026-01-31T11:00');
    expect(iso(stageDueAt(calendar, { stage: 'resolution', handedOverAt, reportedAt }))).toBe(
      iso(bj('2026-02-07T11:00')),
    );
    expect(
      iso(
        stageDueAt(calendar, { stage: 'resolution', severity: 'major', handedOverAt, reportedAt }),
      ),
    ).toBe(iso(bj('2026-02-28T11:00')));
  });

  it('counts from the report by laying the limits end to end (1, 1+3, 1+3+5, then 7 days or 1 month)', () => {
    const due = (stage: Parameters<typeof stageDueAt>[1]['stage'], severity?: 'major') =>
      iso(
        stageDueAt(fromReport, {
          stage,
          severity,
          // the hand-over time is ignored when counting from the report
          handedOverAt: bj('2026-03-04T17:00'),
          reportedAt,
        }),
      );
    expect(due('verification')).toBe(iso(bj('2026-03-03T09:00')));
    expect(due('township_decision')).toBe(iso(bj('2026-03-06T09:00')));
    expect(due('solution_plan')).toBe(iso(bj('2026-03-11T09:00')));
    expect(due('resolution')).toBe(iso(bj('2026-03-18T09:00')));
    expect(due('resolution', 'major')).toBe(iso(bj('2026-04-11T09:00')));
    expect(due('write_off')).toBe(iso(bj('2026-03-25T09:00')));
  });

  it('counts from the report in working days too', () => {
    const policy: DeadlinePolicy = { ...fromReport, dayKind: 'working' };
    // Thursday 2 April report: verification Friday 3 April, then 3 working days after 清明
    // (4-6 April): the 7th, 8th and 9th
    expect(
      iso(
        stageDueAt(policy, {
          stage: 'township_decision',
          handedOverAt: bj('2026-04-02T09:00'),
          reportedAt: bj('2026-04-02T09:00'),
        }),
      ),
    ).toBe(iso(bj('2026-04-09T09:00')));
  });

  it('runs a seconds-scale test policy in seconds', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    expect(
      stageDueAt(seconds, { stage: 'solution_plan', handedOverAt: at, reportedAt: at }).getTime(),
    ).toBe(at.getTime() + 5 * MS.second);
  });
});

describe('maxCompletionDate', () => {
  it('allows any time on the 7th day after the plan for a general issue', () => {
    expect(iso(maxCompletionDate(calendar, 'general', bj('2026-03-03T15:00')))).toBe(
      iso(bj('2026-03-10T23:59:59.999')),
    );
    expect(iso(maxCompletionDate(calendar, 'general', bj('2026-03-03T07:00')))).toBe(
      iso(bj('2026-03-10T23:59:59.999')),
    );
  });

  it('allows up to the end of the same day next month for a major issue (31 Jan -> 28 Feb)', () => {
    expect(iso(maxCompletionDate(calendar, 'major', bj('2026-01-31T10:00')))).toBe(
      iso(bj('2026-02-28T23:59:59.999')),
    );
  });

  it('is exact for a limit in seconds', () => {
    const planAt = new Date('2026-03-02T01:00:00Z');
    expect(maxCompletionDate(seconds, 'general', planAt).getTime()).toBe(
      planAt.getTime() + 7 * MS.second,
    );
  });
});

describe('overdueLevel', () => {
  const dueAt = bj('2026-03-06T10:00'); // Friday

  it('is none before the deadline, yellow from it, red from redAfter (3 days) past it', () => {
    expect(overdueLevel(calendar, dueAt, new Date(dueAt.getTime() - 1))).toBe('none');
    expect(overdueLevel(calendar, dueAt, dueAt)).toBe('yellow');
    const red = bj('2026-03-09T10:00');
    expect(iso(redAt(calendar, dueAt))).toBe(iso(red));
    expect(overdueLevel(calendar, dueAt, new Date(red.getTime() - 1))).toBe('yellow');
    expect(overdueLevel(calendar, dueAt, red)).toBe('red');
    expect(overdueLevel(calendar, dueAt, bj('2026-12-31T10:00'))).toBe('red');
  });

  it('counts redAfter in working days under a working-day policy', () => {
    // Friday + 3 working days = Wednesday
    const red = bj('2026-03-11T10:00');
    expect(overdueLevel(working, dueAt, new Date(red.getTime() - 1))).toBe('yellow');
    expect(overdueLevel(working, dueAt, red)).toBe('red');
  });

  it('turns red at once when redAfter is zero', () => {
    expect(overdueLevel({ ...calendar, redAfter: {} }, dueAt, dueAt)).toBe('red');
  });
});

describe('nextReminderAt', () => {
  const dueAt = bj('2026-03-02T10:00');
  const day = (n: number) => new Date(dueAt.getTime() + n * MS.day);

  it('reminds one interval after the deadline, then every interval, always strictly after now', () => {
    expect(iso(nextReminderAt(calendar, dueAt, bj('2026-03-01T08:00')))).toBe(iso(day(1)));
    expect(iso(nextReminderAt(calendar, dueAt, dueAt))).toBe(iso(day(1)));
    expect(iso(nextReminderAt(calendar, dueAt, new Date(day(1).getTime() - 1)))).toBe(iso(day(1)));
    expect(iso(nextReminderAt(calendar, dueAt, day(1)))).toBe(iso(day(2)));
    expect(iso(nextReminderAt(calendar, dueAt, new Date(day(1).getTime() + 1)))).toBe(iso(day(2)));
  });

  it('stays on the interval grid for an issue overdue for more than a year', () => {
    expect(iso(nextReminderAt(calendar, dueAt, new Date(day(400).getTime() + MS.hour)))).toBe(
      iso(day(401)),
    );
  });

  it('runs in seconds under a test policy', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    expect(nextReminderAt(seconds, at, new Date(at.getTime() + 12 * MS.second)).getTime()).toBe(
      at.getTime() + 15 * MS.second,
    );
  });

  it('counts monthly reminders from the deadline, so they stay on the month end', () => {
    const monthly: DeadlinePolicy = { ...calendar, reminderEvery: { months: 1 } };
    const due = bj('2026-01-31T10:00');
    expect(iso(nextReminderAt(monthly, due, bj('2026-02-28T10:00')))).toBe(
      iso(bj('2026-03-31T10:00')),
    );
  });

  it('skips the weekend under a working-day policy', () => {
    const friday = bj('2026-03-06T10:00');
    expect(iso(nextReminderAt(working, friday, friday))).toBe(iso(bj('2026-03-09T10:00')));
  });

  it('refuses a zero interval instead of looping', () => {
    expect(() => nextReminderAt({ ...calendar, reminderEvery: {} }, dueAt, dueAt)).toThrow(
      /reminderEvery/,
    );
  });
});

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
    ]);
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

describe('describeDuration and localDate', () => {
  it('reads durations and county dates for messages', () => {
    expect(describeDuration({ months: 1 })).toBe('1 month');
    expect(describeDuration({ days: 7 })).toBe('7 days');
    expect(describeDuration({ days: 1, hours: 12 })).toBe('1 day 12 hours');
    expect(describeDuration({})).toBe('0 seconds');
    // 00:30 on 7 March in Beijing is still 6 March in UTC: the county's date is the 7th
    expect(localDate(calendar, bj('2026-03-06T23:30'))).toBe('2026-03-06');
    expect(localDate(calendar, bj('2026-03-07T00:30'))).toBe('2026-03-07');
  });
});

describe('time zone', () => {
  // Each run is a separate Node process: the host zone is fixed when a process starts.
  const script = `
    const p = require(${JSON.stringify(path.join(__dirname, 'deadline-policy.ts'))});
    const d = p.DEFAULT_DEADLINE_POLICY;
    const working = { ...d, dayKind: 'working' };
    const bj = (s) => new Date(s + '+08:00');
    console.log(JSON.stringify({
      hostOffset: new Date(Date.UTC(2026, 2, 9, 12)).getTimezoneOffset(),
      fridayNight: p.addPolicyDuration(working, bj('2026-03-06T23:30'), { days: 1 }).toISOString(),
      mondayEarly: p.addPolicyDuration(working, bj('2026-03-09T00:30'), { days: 1 }).toISOString(),
      monthEnd: p.addPolicyDuration(d, bj('2026-01-31T00:30'), { months: 1 }).toISOString(),
      latestCompletion: p.maxCompletionDate(d, 'general', bj('2026-03-03T23:30')).toISOString(),
      countyDate: p.localDate(d, bj('2026-03-06T23:30')),
    }));
  `;

  function runWithTz(tz: string): Record<string, unknown> {
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      {
        cwd: path.resolve(__dirname, '../../../..'),
        encoding: 'utf8',
        env: { ...process.env, TZ: tz, TS_NODE_PROJECT: 'tsconfig.json' },
      },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  it('computes the same deadlines whatever the host TZ is (a hand-over at 23:30 Beijing time)', () => {
    const expected = {
      // Friday 23:30 + 1 working day = Monday 23:30 Beijing
      fridayNight: iso(bj('2026-03-09T23:30')),
      // Monday 00:30 Beijing is still Sunday in UTC and New York: it must count as Monday
      mondayEarly: iso(bj('2026-03-10T00:30')),
      // 31 January 00:30 Beijing is 30 January in UTC: still ends on 28 February in Beijing
      monthEnd: iso(bj('2026-02-28T00:30')),
      latestCompletion: iso(bj('2026-03-10T23:59:59.999')),
      countyDate: '2026-03-06',
    };
    const offsets = new Set<unknown>();
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Shanghai']) {
      const { hostOffset, ...answers } = runWithTz(tz);
      offsets.add(hostOffset);
      expect({ tz, ...answers }).toEqual({ tz, ...expected });
    }
    // the runs really had four different host zones
    expect(offsets.size).toBe(4);
  });
});
