import { householdSubject, HouseholdCategory, HouseholdRef, RiskFinding } from './common';

/**
 * Housing (住房安全, 县住建局): safety appraisals (房屋安全性鉴定, grades A-D) and disaster damage
 * reports. Housing safety is owed to every rural household, so no category filter applies.
 */

export const HOUSE_GRADES = ['A', 'B', 'C', 'D'] as const;
export type HouseGrade = (typeof HOUSE_GRADES)[number];

/** Damage as the post-disaster survey records it, from least to worst. */
export const DAMAGE_LEVELS = ['minor', 'moderate', 'severe', 'collapsed'] as const;
export type DamageLevel = (typeof DAMAGE_LEVELS)[number];

export const DISASTERS = ['flood', 'earthquake', 'landslide', 'snow', 'wind', 'fire', 'other'];

export interface HousingRules {
  /** an inhabited house of these grades is a risk (C 局部危房, D 整体危房) */
  riskGrades: HouseGrade[];
  /** ... and major at these grades */
  majorGrades: HouseGrade[];
  /** damage that raises a signal (to be appraised) while the house is still habitable */
  damageLevels: DamageLevel[];
}

export const DEFAULT_HOUSING_RULES: HousingRules = {
  riskGrades: ['C', 'D'],
  majorGrades: ['D'],
  damageLevels: ['moderate', 'severe'],
};

export interface SafetyAppraisal extends HouseholdRef {
  appraisalId: string;
  householdCategory?: HouseholdCategory;
  grade: HouseGrade;
  /** someone lives in the house (常年有人居住) */
  inhabited: boolean;
  appraisedOn: string; // YYYY-MM-DD
  cause?: 'routine' | 'disaster';
}

export function appraisalFinding(a: SafetyAppraisal, rules: HousingRules): RiskFinding | null {
  if (!a.inhabited || !rules.riskGrades.includes(a.grade)) return null;
  return {
    sector: 'housing',
    kind: 'unsafe_house',
    severityHint: rules.majorGrades.includes(a.grade) ? 'major' : 'general',
    subject: householdSubject(a),
    summary: `住房安全性鉴定为${a.grade}级且有人居住`,
    facts: {
      appraisalId: a.appraisalId,
      grade: a.grade,
      inhabited: true,
      appraisedOn: a.appraisedOn,
      ...(a.cause ? { cause: a.cause } : {}),
      ...(a.householdCategory ? { householdCategory: a.householdCategory } : {}),
    },
  };
}

export interface DamageReport extends HouseholdRef {
  reportId: string;
  householdCategory?: HouseholdCategory;
  disaster: string;
  damage: DamageLevel;
  /** the house can still be lived in safely */
  habitable: boolean;
  /** someone lived in the house before the disaster */
  inhabited: boolean;
  occurredOn: string; // YYYY-MM-DD
}

/**
 * A collapsed or uninhabitable home is major and needs transitional housing now (过渡安置);
 * lesser damage to a lived-in house raises a signal so the house gets its safety appraisal.
 */
export function damageFinding(r: DamageReport, rules: HousingRules): RiskFinding | null {
  if (!r.inhabited) return null;
  const facts = {
    reportId: r.reportId,
    disaster: r.disaster,
    damage: r.damage,
    habitable: r.habitable,
    occurredOn: r.occurredOn,
    ...(r.householdCategory ? { householdCategory: r.householdCategory } : {}),
  };
  if (r.damage === 'collapsed' || !r.habitable) {
    return {
      sector: 'housing',
      kind: 'uninhabitable_house',
      severityHint: 'major',
      subject: householdSubject(r),
      summary:
        r.damage === 'collapsed' ? '因灾房屋倒塌, 需过渡安置' : '因灾房屋受损不能居住, 需过渡安置',
      flags: { transitionalHousing: true },
      facts,
    };
  }
  if (!rules.damageLevels.includes(r.damage)) return null;
  return {
    sector: 'housing',
    kind: 'disaster_damage',
    severityHint: 'general',
    subject: householdSubject(r),
    summary: '因灾住房受损, 待安全性鉴定',
    facts,
  };
}
