import { DEFAULT_SECTOR_RULES, mergeSectorRules, validateSectorRules } from './rules';

describe('county sector rules', () => {
  it('accepts the defaults', () => {
    expect(validateSectorRules(DEFAULT_SECTOR_RULES)).toEqual([]);
  });

  it('lays a county override over the defaults field by field', () => {
    const rules = mergeSectorRules(DEFAULT_SECTOR_RULES, {
      medical: { outOfPocketAmount: 8000 },
      water: { wholeVillageShare: 0.9 },
    });
    expect(rules.medical.outOfPocketAmount).toBe(8000);
    expect(rules.medical.outOfPocketIncomeShare).toBe(0.5);
    expect(rules.water).toEqual({
      supplyCutKinds: ['outage', 'frozen', 'damaged'],
      wholeVillageShare: 0.9,
    });
    expect(rules.education).toEqual(DEFAULT_SECTOR_RULES.education);
  });

  it('names each bad field and why', () => {
    const rules = mergeSectorRules(DEFAULT_SECTOR_RULES, {
      education: { minAge: 6.5, ageCutoff: '13-01', watchedCategories: ['poor' as never] },
      medical: { outOfPocketIncomeShare: 0 },
      housing: { riskGrades: ['E' as never] },
      water: { wholeVillageShare: 1.5 },
    });
    const problems = validateSectorRules(rules);
    expect(problems).toEqual([
      'education.minAge: must be a whole number from 3 to 20',
      'education.ageCutoff: must be a day of the year as MM-DD (not 02-29)',
      expect.stringMatching(/^education.watchedCategories: must be a list of distinct values/),
      'medical.outOfPocketIncomeShare: must be a number above 0 up to 100',
      expect.stringMatching(/^housing.riskGrades: must be a list/),
      'water.wholeVillageShare: must be a number above 0 up to 1',
    ]);
  });

  it('rejects unknown fields and rules that contradict each other', () => {
    expect(
      validateSectorRules({
        ...DEFAULT_SECTOR_RULES,
        roads: {},
        education: { ...DEFAULT_SECTOR_RULES.education, maxAge: 5, minimumAge: 6 },
      }),
    ).toEqual(['roads: unknown sector', 'education.minimumAge: unknown field']);
    expect(
      validateSectorRules(
        mergeSectorRules(DEFAULT_SECTOR_RULES, {
          education: { minAge: 7, maxAge: 6 },
          housing: { riskGrades: ['D'], majorGrades: ['C'] },
        }),
      ),
    ).toEqual([
      'education.maxAge: must not be below minAge',
      'housing.majorGrades: every major grade must also be a risk grade',
    ]);
  });
});
