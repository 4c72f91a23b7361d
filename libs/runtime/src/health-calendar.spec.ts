import { HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '@sanbao/config';
import { DEFAULT_DEADLINE_POLICY, stageDueAt, uncoveredYears } from '@sanbao/domain';
import { CalendarProbe } from './health-calendar';

// The shipped policy lists 2026's holidays only; counted in working days.
const working = { ...DEFAULT_DEADLINE_POLICY, dayKind: 'working' as const };
const bj = (local: string) => new Date(`${local}+08:00`);

function probe(now: string, policy = working): CalendarProbe {
  const config = { deadlinePolicy: policy } as unknown as AppConfig;
  return new CalendarProbe(config, () => bj(now));
}

describe('the calendar on /health details', () => {
  it('flags a working-day limit crossing 2026-12-31 with only the 2026 lists', () => {
    const handedOverAt = bj('2026-12-28T10:00');
    const dueAt = stageDueAt(working, {
      stage: 'resolution',
      handedOverAt,
      reportedAt: handedOverAt,
    });
    expect(uncoveredYears(working, handedOverAt, dueAt)).toEqual([2027]);
  });

  it('warns from November on that next year is missing, and stays up', async () => {
    const result = await probe('2026-11-15T09:00').check(new HealthIndicatorService());
    expect(result.calendar).toMatchObject({
      status: 'up',
      level: 'warn',
      dayKind: 'working',
      coveredYears: [2026],
      missingYears: [2027],
    });
    expect(String(result.calendar.message)).toContain('2027');
  });

  it('is quiet before November, and once the next list is loaded', async () => {
    const october = await probe('2026-10-15T09:00').check(new HealthIndicatorService());
    expect(october.calendar).toMatchObject({ status: 'up', level: 'ok', coveredYears: [2026] });
    expect(october.calendar.missingYears).toBeUndefined();
    const loaded = { ...working, holidays: [...working.holidays, '2027-01-01'] };
    const december = await probe('2026-12-15T09:00', loaded).check(new HealthIndicatorService());
    expect(december.calendar).toMatchObject({ level: 'ok', coveredYears: [2026, 2027] });
  });
});
