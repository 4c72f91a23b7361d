import {
  countyMonth,
  countyMonthBounds,
  isLateEntry,
  monthBefore,
  monthEnded,
  nextMonth,
} from './month-rule';

const ZONE = 'Asia/Shanghai';

describe('the one month rule', () => {
  it('reads the month on the county clock, not UTC', () => {
    // 30 Nov 16:30 UTC is 1 Dec 00:30 in the county.
    expect(countyMonth(new Date('2026-11-30T16:30:00Z'), ZONE)).toBe('2026-12');
    expect(countyMonth(new Date('2026-11-30T15:59:59.999Z'), ZONE)).toBe('2026-11');
    expect(countyMonth(new Date('2026-12-31T16:00:00Z'), ZONE)).toBe('2027-01');
  });

  it('bounds a month as [first instant, next month first instant)', () => {
    const { from, to } = countyMonthBounds('2026-12', ZONE);
    expect(from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(countyMonth(from, ZONE)).toBe('2026-12');
    expect(countyMonth(new Date(to.getTime() - 1), ZONE)).toBe('2026-12');
    expect(() => countyMonthBounds('2026-13', ZONE)).toThrow(RangeError);
  });

  it('steps months across a year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthBefore('2027-01')).toBe('2026-12');
    expect(monthBefore('2026-10')).toBe('2026-09');
  });

  it('ends a month at its last instant, county time', () => {
    expect(monthEnded('2026-11', ZONE, new Date('2026-11-30T15:59:59.999Z'))).toBe(false);
    expect(monthEnded('2026-11', ZONE, new Date('2026-11-30T16:00:00Z'))).toBe(true);
    expect(monthEnded('2026-12', ZONE, new Date('2026-12-15T00:00:00Z'))).toBe(false);
  });

  it('calls a report back-dated into an earlier county month a late entry', () => {
    const entered = new Date('2026-12-01T02:00:00Z');
    expect(isLateEntry(new Date('2026-11-15T02:00:00Z'), entered, ZONE)).toBe(true);
    // 30 Nov 17:00 UTC is already 1 Dec in the county: same month, not late.
    expect(isLateEntry(new Date('2026-11-30T17:00:00Z'), entered, ZONE)).toBe(false);
    expect(isLateEntry(entered, entered, ZONE)).toBe(false);
  });
});
