// Which years the holiday lists cover, deadlines counted over uncovered days, and the warning.
import { stageDueAt } from './deadline-policy';
import { bj, calendar, iso, working } from './deadline-policy.spec-support';
import { calendarCoverage, calendarWarning, uncoveredYears } from './policy-coverage';

describe('calendarCoverage', () => {
  it('covers the years the holiday lists name, and the dates in them', () => {
    const coverage = calendarCoverage(working);
    expect(coverage.years).toEqual([2026]);
    expect(coverage.covers('2026-12-31')).toBe(true);
    expect(coverage.covers('2027-01-01')).toBe(false);
    expect(coverage.covers('not a date')).toBe(false);
  });

  it('adds a year once its list is added', () => {
    const policy = { ...working, holidays: [...working.holidays, '2027-01-01', '2027-02-06'] };
    expect(calendarCoverage(policy).years).toEqual([2026, 2027]);
    expect(calendarCoverage({ holidays: [] }).years).toEqual([]);
  });
});

describe('uncoveredYears: a working-day limit crossing the end of the lists', () => {
  it('flags a 7-working-day limit crossing 2026-12-31 with only the 2026 lists', () => {
    const handedOverAt = bj('2026-12-28T10:00'); // Monday
    const dueAt = stageDueAt(working, {
      stage: 'resolution',
      handedOverAt,
      reportedAt: handedOverAt,
    });
    // 2027-01-01 (元旦) is counted as a working day: the deadline is one day too early at least.
    expect(iso(dueAt)).toBe(iso(bj('2027-01-06T10:00')));
    expect(uncoveredYears(working, handedOverAt, dueAt)).toEqual([2027]);
  });

  it('does not flag a limit inside 2026, or one ending at midnight after 2026-12-31', () => {
    const start = bj('2026-12-01T09:00');
    expect(uncoveredYears(working, start, bj('2026-12-10T09:00'))).toEqual([]);
    // The end of the last working day of 2026 reads no 2027 day.
    expect(uncoveredYears(working, bj('2026-12-26T00:00'), bj('2027-01-01T00:00'))).toEqual([]);
  });

  it('never flags a policy counting calendar days: it does not read the lists', () => {
    expect(uncoveredYears(calendar, bj('2026-12-28T10:00'), bj('2027-03-01T10:00'))).toEqual([]);
  });
});

describe('calendarWarning', () => {
  it('is silent before November when this year is covered', () => {
    expect(calendarWarning(working, bj('2026-10-31T23:59'))).toBeUndefined();
  });

  it('warns from November (county time) that next year is missing', () => {
    // 2026-10-31T16:30Z is already 1 November in Beijing.
    const warning = calendarWarning(working, new Date('2026-10-31T16:30:00Z'));
    expect(warning).toMatchObject({ missingYears: [2027], coveredYears: [2026] });
    expect(warning?.message).toMatch(/cover 2026, not 2027/);
  });

  it('warns at any time of year when this year is missing, and not once next year is added', () => {
    expect(calendarWarning(working, bj('2027-03-01T09:00'))?.missingYears).toEqual([2027]);
    const extended = { ...working, holidays: [...working.holidays, '2027-01-01'] };
    expect(calendarWarning(extended, bj('2026-11-15T09:00'))).toBeUndefined();
  });

  it('is silent for a policy counting calendar days', () => {
    expect(calendarWarning(calendar, bj('2026-12-15T09:00'))).toBeUndefined();
  });
});
