// The county's default deadline policy as shipped.
import { DEFAULT_DEADLINE_POLICY, isWorkingDay, validateDeadlinePolicy } from './deadline-policy';

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
