import {
  ageOn,
  ageReferenceDay,
  compareRosterChild,
  DEFAULT_EDUCATION_RULES,
  disabledChildFinding,
  EducationRules,
  RosterChild,
  studentAidFinding,
} from './education';

const autumn = { term: '2026-autumn', termStart: '2026-09-01' };
const rules = DEFAULT_EDUCATION_RULES;

function child(overrides: Partial<RosterChild> = {}): RosterChild {
  return {
    householdId: 'H0001',
    villageCode: '522633101201',
    townshipCode: '522633101',
    personRef: 'P-0001',
    householdCategory: 'unstable',
    birthDate: '2016-03-10',
    enrolledLastTerm: true,
    attendance: 'returned',
    ...overrides,
  };
}

describe('ages', () => {
  it('counts full years, the birthday itself included', () => {
    expect(ageOn('2020-08-31', '2026-08-31')).toBe(6);
    expect(ageOn('2020-09-01', '2026-08-31')).toBe(5);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });

  it('counts a term from the cut-off day on or before its start (spring terms: last August)', () => {
    expect(ageReferenceDay('2026-09-01', '08-31')).toBe('2026-08-31');
    expect(ageReferenceDay('2026-08-31', '08-31')).toBe('2026-08-31');
    expect(ageReferenceDay('2027-02-20', '08-31')).toBe('2026-08-31');
  });
});

describe('term-start roster comparison', () => {
  it('raises not_returned for an absent child who was at school last term', () => {
    const outcome = compareRosterChild(autumn, child({ attendance: 'absent' }), rules);
    expect(outcome.raised).toMatchObject({
      sector: 'education',
      kind: 'not_returned',
      severityHint: 'general',
      subject: { kind: 'household', id: 'H0001', personRef: 'P-0001', villageCode: '522633101201' },
      facts: { term: '2026-autumn', age: 10, attendance: 'absent' },
    });
  });

  it('raises not_enrolled for an absent child never on a school register', () => {
    const outcome = compareRosterChild(
      autumn,
      child({ attendance: 'absent', enrolledLastTerm: false, birthDate: '2020-05-01' }),
      rules,
    );
    expect(outcome.raised?.kind).toBe('not_enrolled');
  });

  it('raises dropped_out for a child the school register shows as dropped out', () => {
    expect(
      compareRosterChild(autumn, child({ attendance: 'dropped_out' }), rules).raised?.kind,
    ).toBe('dropped_out');
  });

  it.each(['enrolled', 'returned', 'placed', 'deferred', 'transferred'] as const)(
    'raises nothing for a child who is %s',
    (attendance) => {
      expect(compareRosterChild(autumn, child({ attendance }), rules)).toEqual({
        raised: null,
        why: 'accounted_for',
      });
    },
  );

  it('includes both ends of the compulsory ages and nothing outside them', () => {
    const absent = { attendance: 'absent' as const, enrolledLastTerm: false };
    // 6 on the cut-off day (31 August 2026): in; one day younger: out.
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2020-08-31' }), rules).raised?.kind,
    ).toBe('not_enrolled');
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2020-09-01' }), rules),
    ).toEqual({
      raised: null,
      why: 'outside_compulsory_age',
    });
    // 15 on the cut-off day: in; 16 on it: out.
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2010-09-01' }), rules).raised?.facts
        .age,
    ).toBe(15);
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2010-08-31' }), rules),
    ).toEqual({ raised: null, why: 'outside_compulsory_age' });
  });

  it('follows the county ages and cut-off day from configuration', () => {
    const county: EducationRules = { ...rules, minAge: 7, maxAge: 16, ageCutoff: '09-30' };
    const absent = { attendance: 'absent' as const, enrolledLastTerm: false };
    // Cut-off is 30 September 2025 for a term starting 1 September 2026.
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2018-09-30' }), county).raised
        ?.facts.age,
    ).toBe(7);
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2018-10-01' }), county).raised,
    ).toBeNull();
    expect(
      compareRosterChild(autumn, child({ ...absent, birthDate: '2009-10-01' }), county).raised
        ?.facts.age,
    ).toBe(15);
  });

  it('compares only the children of watched households', () => {
    const outcome = compareRosterChild(
      autumn,
      child({ attendance: 'absent', householdCategory: 'other' }),
      rules,
    );
    expect(outcome).toEqual({ raised: null, why: 'household_not_watched' });
    const county = { ...rules, watchedCategories: ['other' as const] };
    expect(
      compareRosterChild(
        autumn,
        child({ attendance: 'absent', householdCategory: 'other' }),
        county,
      ).raised?.kind,
    ).toBe('not_returned');
  });
});

describe('single education reports', () => {
  const report = {
    reportId: 'R1',
    householdId: 'H0002',
    villageCode: '522633101201',
    townshipCode: '522633101',
    personRef: 'P-0002',
    householdCategory: 'marginal' as const,
    birthDate: '2015-06-01',
    assessedOn: '2026-03-01',
  };

  it('raises disabled_without_placement only when there is no placement', () => {
    expect(disabledChildFinding({ ...report, placement: 'none' }, rules)).toMatchObject({
      kind: 'disabled_without_placement',
      subject: { personRef: 'P-0002' },
      facts: { age: 10, placement: 'none' },
    });
    expect(disabledChildFinding({ ...report, placement: 'home_teaching' }, rules)).toBeNull();
    expect(disabledChildFinding({ ...report, placement: 'special_school' }, rules)).toBeNull();
  });

  it('leaves a disabled child above the compulsory ages to other programmes', () => {
    expect(
      disabledChildFinding({ ...report, placement: 'none', birthDate: '2009-01-01' }, rules),
    ).toBeNull();
  });

  it('raises hardship_without_aid for a watched pupil without aid, nothing otherwise', () => {
    const aid = { ...report, term: '2026-spring' };
    expect(studentAidFinding({ ...aid, aidReceived: false }, rules)?.kind).toBe(
      'hardship_without_aid',
    );
    expect(studentAidFinding({ ...aid, aidReceived: true }, rules)).toBeNull();
    expect(
      studentAidFinding({ ...aid, aidReceived: false, householdCategory: 'other' }, rules),
    ).toBeNull();
  });
});
