import {
  DEFAULT_WATER_RULES,
  isWholeVillage,
  WorksStatusReport,
  worksStatusFindings,
} from './water';

const rules = DEFAULT_WATER_RULES;
const report = (overrides: Partial<WorksStatusReport>): WorksStatusReport => ({
  reportId: 'W1',
  worksId: 'WS-0042',
  problem: 'outage',
  cause: 'freeze',
  startedAt: '2026-01-10T06:00:00.000Z',
  villages: [
    {
      villageCode: '522633101201',
      townshipCode: '522633101',
      peopleServed: 320,
      peopleAffected: 320,
    },
    {
      villageCode: '522633101202',
      townshipCode: '522633101',
      peopleServed: 200,
      peopleAffected: 80,
    },
    {
      villageCode: '522633101203',
      townshipCode: '522633101',
      peopleServed: 150,
      peopleAffected: 0,
    },
  ],
  ...overrides,
});

describe('supply-works status reports', () => {
  it('raises one signal per affected village, none for an unaffected one', () => {
    const findings = worksStatusFindings(report({}), rules);
    expect(findings.map((f) => f.subject.id)).toEqual(['522633101201', '522633101202']);
    expect(findings[0].subject).toEqual({
      kind: 'village',
      id: '522633101201',
      villageCode: '522633101201',
      townshipCode: '522633101',
    });
  });

  it('makes a whole village cut off major and flagged emergency, a part of it general', () => {
    const [whole, part] = worksStatusFindings(report({}), rules);
    expect(whole).toMatchObject({
      kind: 'outage',
      severityHint: 'major',
      flags: { emergency: true },
    });
    expect(part).toMatchObject({ kind: 'outage', severityHint: 'general' });
    expect(part.flags).toBeUndefined();
  });

  it('does not call a whole village short of water an emergency (water still runs)', () => {
    const [whole] = worksStatusFindings(report({ problem: 'insufficient' }), rules);
    expect(whole).toMatchObject({ kind: 'insufficient', severityHint: 'general' });
    expect(whole.flags).toBeUndefined();
  });

  it('counts the whole village at the configured share, rounding people up', () => {
    const village = { villageCode: 'v', townshipCode: 't', peopleServed: 100, peopleAffected: 99 };
    expect(isWholeVillage(village, rules)).toBe(false);
    expect(isWholeVillage({ ...village, peopleAffected: 100 }, rules)).toBe(true);
    const county = { ...rules, wholeVillageShare: 0.9 };
    expect(isWholeVillage({ ...village, peopleAffected: 90 }, county)).toBe(true);
    expect(isWholeVillage({ ...village, peopleAffected: 89 }, county)).toBe(false);
    expect(isWholeVillage({ ...village, peopleServed: 95, peopleAffected: 86 }, county)).toBe(true);
    expect(isWholeVillage({ ...village, peopleServed: 95, peopleAffected: 85 }, county)).toBe(
      false,
    );
  });

  it('follows the county list of supply-cutting problems', () => {
    const county = { ...rules, supplyCutKinds: ['outage' as const, 'quality_failure' as const] };
    const [whole] = worksStatusFindings(report({ problem: 'quality_failure' }), county);
    expect(whole.flags).toEqual({ emergency: true });
    const [frozen] = worksStatusFindings(report({ problem: 'frozen' }), county);
    expect(frozen.flags).toBeUndefined();
  });
});
