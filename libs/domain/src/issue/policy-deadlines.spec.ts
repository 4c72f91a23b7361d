// When a stage is due, its latest completion date, when it turns red, when it is reminded.
import {
  type DeadlinePolicy,
  maxCompletionDate,
  nextReminderAt,
  overdueLevel,
  redAt,
  stageDueAt,
} from './deadline-policy';
import {
  bj,
  iso,
  MS,
  calendar,
  working,
  fromReport,
  seconds,
} from './deadline-policy.spec-support';

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
