// Adding a policy's durations on the county's calendar (calendar days, working days, months).
import {
  addPolicyDuration,
  type DeadlinePolicy,
  describeDuration,
  localDate,
} from './deadline-policy';
import { bj, calendar, iso, MS, working } from './deadline-policy.spec-support';

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
