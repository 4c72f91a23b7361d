import { householdSubject, HouseholdCategory, HouseholdRef, RiskFinding } from './common';

/**
 * Education (义务教育, 县教科局): the term-start roster comparison (开学前后数据比对) and the
 * single reports of a disabled child without a placement or a poor family without student aid.
 */

export interface EducationRules {
  /** compulsory-school ages, both ends included (义务教育适龄: 6-15) */
  minAge: number;
  maxAge: number;
  /** ages are counted on this day (MM-DD) of the school year: "年满6周岁" by 31 August */
  ageCutoff: string;
  /** household categories whose children are compared */
  watchedCategories: HouseholdCategory[];
}

export const DEFAULT_EDUCATION_RULES: EducationRules = {
  minAge: 6,
  maxAge: 15,
  ageCutoff: '08-31',
  watchedCategories: ['unstable', 'marginal', 'sudden_hardship', 'lifted'],
};

/** Where a child on the expected roster is this term, as the school register says. */
export const ATTENDANCE = [
  'enrolled', // 新生入学注册
  'returned', // 开学返校
  'placed', // 特殊教育安置 / 送教上门
  'deferred', // 经批准缓学、休学
  'transferred', // 转学外地, 有学籍
  'absent', // 未到校, 去向不明
  'dropped_out', // 已辍学
] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export interface RosterTerm {
  /** the term's label, e.g. 2026-autumn */
  term: string;
  /** first day of the term, YYYY-MM-DD */
  termStart: string;
}

/** One expected child: a compulsory-age child of a household in the register. */
export interface RosterChild extends HouseholdRef {
  personRef: string;
  householdCategory: HouseholdCategory;
  birthDate: string; // YYYY-MM-DD
  /** was on a school register last term (so missing now means "not returned") */
  enrolledLastTerm: boolean;
  attendance: Attendance;
  schoolCode?: string;
}

export type RosterOutcome =
  | { raised: RiskFinding }
  | { raised: null; why: 'outside_compulsory_age' | 'household_not_watched' | 'accounted_for' };

/** Full years between a birth date and a day, both YYYY-MM-DD (pure: no clock, no time zone). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** The cut-off day the ages of a term are counted on: the last MM-DD on or before the term start. */
export function ageReferenceDay(termStart: string, ageCutoff: string): string {
  const year = Number(termStart.slice(0, 4));
  const sameYear = `${year}-${ageCutoff}`;
  return sameYear <= termStart ? sameYear : `${year - 1}-${ageCutoff}`;
}

export function isCompulsoryAge(birthDate: string, term: RosterTerm, rules: EducationRules) {
  const age = ageOn(birthDate, ageReferenceDay(term.termStart, rules.ageCutoff));
  return { age, compulsory: age >= rules.minAge && age <= rules.maxAge };
}

/** One child of the roster compared with the school register: a signal when the child is missing. */
export function compareRosterChild(
  term: RosterTerm,
  child: RosterChild,
  rules: EducationRules,
): RosterOutcome {
  const { age, compulsory } = isCompulsoryAge(child.birthDate, term, rules);
  if (!compulsory) return { raised: null, why: 'outside_compulsory_age' };
  if (!rules.watchedCategories.includes(child.householdCategory)) {
    return { raised: null, why: 'household_not_watched' };
  }
  const kind = missingKind(child);
  if (!kind) return { raised: null, why: 'accounted_for' };
  return {
    raised: {
      sector: 'education',
      kind,
      severityHint: 'general',
      subject: householdSubject(child, child.personRef),
      summary: `${term.term} ${SUMMARIES[kind]}(${age}岁)`,
      facts: {
        term: term.term,
        termStart: term.termStart,
        age,
        attendance: child.attendance,
        enrolledLastTerm: child.enrolledLastTerm,
        householdCategory: child.householdCategory,
        ...(child.schoolCode ? { schoolCode: child.schoolCode } : {}),
      },
    },
  };
}

const SUMMARIES = {
  not_enrolled: '适龄儿童应入学未入学',
  not_returned: '学生开学未返校',
  dropped_out: '义务教育阶段学生辍学',
} as const;

function missingKind(child: RosterChild): keyof typeof SUMMARIES | null {
  switch (child.attendance) {
    case 'enrolled':
    case 'returned':
    case 'placed':
    case 'deferred':
    case 'transferred':
      return null;
    case 'dropped_out':
      return 'dropped_out';
    case 'absent':
      return child.enrolledLastTerm ? 'not_returned' : 'not_enrolled';
  }
}

/** 残疾儿童少年教育安置 (一人一案). */
export const PLACEMENTS = ['regular_class', 'special_school', 'home_teaching', 'none'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface DisabledChildReport extends HouseholdRef {
  reportId: string;
  personRef: string;
  householdCategory: HouseholdCategory;
  birthDate: string;
  /** the assessed date the report describes, YYYY-MM-DD */
  assessedOn: string;
  placement: Placement;
  disabilityCategory?: string;
}

export function disabledChildFinding(
  report: DisabledChildReport,
  rules: EducationRules,
): RiskFinding | null {
  if (report.placement !== 'none') return null;
  if (!rules.watchedCategories.includes(report.householdCategory)) return null;
  const term = { term: '', termStart: report.assessedOn };
  const { age, compulsory } = isCompulsoryAge(report.birthDate, term, rules);
  if (!compulsory) return null;
  return {
    sector: 'education',
    kind: 'disabled_without_placement',
    severityHint: 'general',
    subject: householdSubject(report, report.personRef),
    summary: `适龄残疾儿童未落实教育安置(${age}岁)`,
    facts: {
      age,
      assessedOn: report.assessedOn,
      placement: report.placement,
      householdCategory: report.householdCategory,
      ...(report.disabilityCategory ? { disabilityCategory: report.disabilityCategory } : {}),
    },
  };
}

/** 家庭经济困难学生资助: a pupil of a watched household that received no aid this term. */
export interface StudentAidReport extends HouseholdRef {
  reportId: string;
  personRef: string;
  householdCategory: HouseholdCategory;
  term: string;
  aidReceived: boolean;
  schoolCode?: string;
}

export function studentAidFinding(
  report: StudentAidReport,
  rules: EducationRules,
): RiskFinding | null {
  if (report.aidReceived) return null;
  if (!rules.watchedCategories.includes(report.householdCategory)) return null;
  return {
    sector: 'education',
    kind: 'hardship_without_aid',
    severityHint: 'general',
    subject: householdSubject(report, report.personRef),
    summary: `${report.term} 困难家庭学生未获资助`,
    facts: {
      term: report.term,
      aidReceived: false,
      householdCategory: report.householdCategory,
      ...(report.schoolCode ? { schoolCode: report.schoolCode } : {}),
    },
  };
}
