import { HOUSEHOLD_CATEGORIES } from './common';
import { DEFAULT_EDUCATION_RULES, EducationRules } from './education';
import { DAMAGE_LEVELS, DEFAULT_HOUSING_RULES, HOUSE_GRADES, HousingRules } from './housing';
import { DEFAULT_MEDICAL_RULES, MedicalRules } from './medical';
import { DEFAULT_WATER_RULES, WATER_PROBLEMS, WaterRules } from './water';

/** The county's thresholds for every sector (county configuration; these are the defaults). */
export interface SectorRules {
  education: EducationRules;
  medical: MedicalRules;
  housing: HousingRules;
  water: WaterRules;
}

export const DEFAULT_SECTOR_RULES: SectorRules = {
  education: DEFAULT_EDUCATION_RULES,
  medical: DEFAULT_MEDICAL_RULES,
  housing: DEFAULT_HOUSING_RULES,
  water: DEFAULT_WATER_RULES,
};

export type SectorRulesOverride = { [S in keyof SectorRules]?: Partial<SectorRules[S]> };

/** Lays a county's file over the defaults: each sector's fields replace the default's one by one. */
export function mergeSectorRules(base: SectorRules, override: SectorRulesOverride): SectorRules {
  return {
    education: { ...base.education, ...override.education },
    medical: { ...base.medical, ...override.medical },
    housing: { ...base.housing, ...override.housing },
    water: { ...base.water, ...override.water },
  };
}

/** Every problem of a rule set, each as "sector.field: what is wrong"; empty when it is usable. */
export function validateSectorRules(value: unknown): string[] {
  if (!isObject(value)) return ['rules: must be an object'];
  const problems: string[] = [];
  const check = (path: string, ok: boolean, rule: string) => {
    if (!ok) problems.push(`${path}: ${rule}`);
  };
  const sectors = ['education', 'medical', 'housing', 'water'];
  for (const key of Object.keys(value)) check(key, sectors.includes(key), 'unknown sector');
  for (const sector of sectors) {
    const rules = value[sector];
    if (!isObject(rules)) {
      problems.push(`${sector}: must be an object`);
      continue;
    }
    const known = Object.keys(FIELDS[sector]);
    for (const key of Object.keys(rules)) {
      check(`${sector}.${key}`, known.includes(key), 'unknown field');
    }
    for (const [field, test] of Object.entries(FIELDS[sector])) {
      const problem = test(rules[field]);
      if (problem) problems.push(`${sector}.${field}: ${problem}`);
    }
  }
  if (problems.length === 0) {
    const v = value as unknown as SectorRules;
    check('education.maxAge', v.education.maxAge >= v.education.minAge, 'must not be below minAge');
    check(
      'medical.majorOutOfPocketAmount',
      v.medical.majorOutOfPocketAmount >= v.medical.outOfPocketAmount,
      'must not be below outOfPocketAmount',
    );
    check(
      'medical.majorIncomeShare',
      v.medical.majorIncomeShare >= v.medical.outOfPocketIncomeShare,
      'must not be below outOfPocketIncomeShare',
    );
    check(
      'housing.majorGrades',
      v.housing.majorGrades.every((g) => v.housing.riskGrades.includes(g)),
      'every major grade must also be a risk grade',
    );
  }
  return problems;
}

type FieldTest = (value: unknown) => string | undefined;

const integer =
  (min: number, max: number): FieldTest =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}`;

const number =
  (min: number, max: number, minExclusive = false): FieldTest =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max
      ? undefined
      : `must be a number ${minExclusive ? 'above' : 'from'} ${min} ${minExclusive ? 'up ' : ''}to ${max}`;

const listOf =
  (allowed: readonly string[], allowEmpty = false): FieldTest =>
  (v) =>
    Array.isArray(v) &&
    (allowEmpty || v.length > 0) &&
    v.every((x) => typeof x === 'string' && allowed.includes(x)) &&
    new Set(v).size === v.length
      ? undefined
      : `must be a list of distinct values from ${allowed.join(', ')}${allowEmpty ? '' : ' (at least one)'}`;

const monthDay: FieldTest = (v) =>
  typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v) && v !== '02-29'
    ? undefined
    : 'must be a day of the year as MM-DD (not 02-29)';

const FIELDS: Record<string, Record<string, FieldTest>> = {
  education: {
    minAge: integer(3, 20),
    maxAge: integer(3, 20),
    ageCutoff: monthDay,
    watchedCategories: listOf(HOUSEHOLD_CATEGORIES),
  },
  medical: {
    outOfPocketAmount: number(0, 10_000_000, true),
    outOfPocketIncomeShare: number(0, 100, true),
    majorOutOfPocketAmount: number(0, 10_000_000, true),
    majorIncomeShare: number(0, 100, true),
    watchedCategories: listOf(HOUSEHOLD_CATEGORIES),
  },
  housing: {
    riskGrades: listOf(HOUSE_GRADES),
    majorGrades: listOf(HOUSE_GRADES, true),
    damageLevels: listOf(
      DAMAGE_LEVELS.filter((l) => l !== 'collapsed'),
      true,
    ),
  },
  water: {
    supplyCutKinds: listOf(WATER_PROBLEMS, true),
    wholeVillageShare: number(0, 1, true),
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
