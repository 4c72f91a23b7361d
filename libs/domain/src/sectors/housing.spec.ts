import {
  appraisalFinding,
  damageFinding,
  DamageReport,
  DEFAULT_HOUSING_RULES,
  SafetyAppraisal,
} from './housing';

const rules = DEFAULT_HOUSING_RULES;
const appraisal = (overrides: Partial<SafetyAppraisal>): SafetyAppraisal => ({
  appraisalId: 'A1',
  householdId: 'H0001',
  villageCode: '522633101201',
  townshipCode: '522633101',
  grade: 'C',
  inhabited: true,
  appraisedOn: '2026-07-01',
  ...overrides,
});
const damage = (overrides: Partial<DamageReport>): DamageReport => ({
  reportId: 'D1',
  householdId: 'H0001',
  villageCode: '522633101201',
  townshipCode: '522633101',
  disaster: 'flood',
  damage: 'moderate',
  habitable: true,
  inhabited: true,
  occurredOn: '2026-07-01',
  ...overrides,
});

describe('safety appraisals', () => {
  it('raises unsafe_house for an inhabited C (general) or D (major) house', () => {
    expect(appraisalFinding(appraisal({ grade: 'C' }), rules)).toMatchObject({
      kind: 'unsafe_house',
      severityHint: 'general',
      subject: { kind: 'household', id: 'H0001' },
    });
    expect(appraisalFinding(appraisal({ grade: 'D' }), rules)?.severityHint).toBe('major');
  });

  it('raises nothing for grades A and B or an empty house', () => {
    expect(appraisalFinding(appraisal({ grade: 'A' }), rules)).toBeNull();
    expect(appraisalFinding(appraisal({ grade: 'B' }), rules)).toBeNull();
    expect(appraisalFinding(appraisal({ grade: 'D', inhabited: false }), rules)).toBeNull();
  });

  it('follows the county grades from configuration', () => {
    const county = { ...rules, riskGrades: ['B' as const, 'C' as const, 'D' as const] };
    expect(appraisalFinding(appraisal({ grade: 'B' }), county)?.severityHint).toBe('general');
  });
});

describe('disaster damage', () => {
  it('raises a major uninhabitable_house with transitional housing for a collapsed home', () => {
    expect(damageFinding(damage({ damage: 'collapsed', habitable: false }), rules)).toMatchObject({
      kind: 'uninhabitable_house',
      severityHint: 'major',
      flags: { transitionalHousing: true },
    });
  });

  it('treats a damaged home that cannot be lived in like a collapsed one', () => {
    expect(damageFinding(damage({ damage: 'moderate', habitable: false }), rules)).toMatchObject({
      kind: 'uninhabitable_house',
      flags: { transitionalHousing: true },
    });
  });

  it('raises disaster_damage for the configured levels of a habitable home, nothing below', () => {
    expect(damageFinding(damage({ damage: 'moderate' }), rules)?.kind).toBe('disaster_damage');
    expect(damageFinding(damage({ damage: 'severe' }), rules)?.flags).toBeUndefined();
    expect(damageFinding(damage({ damage: 'minor' }), rules)).toBeNull();
  });

  it('raises nothing for a house nobody lived in', () => {
    expect(
      damageFinding(damage({ damage: 'collapsed', habitable: false, inhabited: false }), rules),
    ).toBeNull();
  });
});
