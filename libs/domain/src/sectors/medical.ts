import type { Severity } from '../issue/types';
import { householdSubject, HouseholdCategory, HouseholdRef, RiskFinding, toFen } from './common';

/**
 * Medical (基本医疗, 县医保局 with 县卫健局): out-of-pocket spending after a discharge
 * (大病重病医疗支出排查), chronic patients outside outpatient coverage, unpaid premiums.
 */

export interface MedicalRules {
  /** out-of-pocket at or above this amount (yuan) is a risk */
  outOfPocketAmount: number;
  /** ... or at or above this share of the household's annual income */
  outOfPocketIncomeShare: number;
  /** a risk at or above this amount is major */
  majorOutOfPocketAmount: number;
  /** ... or at or above this share of the household's annual income */
  majorIncomeShare: number;
  watchedCategories: HouseholdCategory[];
}

export const DEFAULT_MEDICAL_RULES: MedicalRules = {
  outOfPocketAmount: 10_000,
  outOfPocketIncomeShare: 0.5,
  majorOutOfPocketAmount: 50_000,
  majorIncomeShare: 1,
  watchedCategories: ['unstable', 'marginal', 'sudden_hardship', 'lifted'],
};

/** One discharge settlement (出院结算), amounts in yuan. */
export interface DischargeSettlement extends HouseholdRef {
  settlementId: string;
  personRef: string;
  householdCategory: HouseholdCategory;
  dischargeDate: string; // YYYY-MM-DD
  totalCost: number;
  basicInsurancePaid: number; // 基本医保
  seriousIllnessInsurancePaid: number; // 大病保险
  medicalAssistancePaid: number; // 医疗救助
  otherPaid?: number; // 其他 (商业补充保险、慈善)
  /** the household's annual net income (家庭年纯收入); absent or 0: only the amount rule applies */
  householdAnnualIncome?: number;
  seriousIllness?: boolean;
}

/** What the household pays itself: the total less every payer, in yuan (never below 0). */
export function outOfPocket(s: DischargeSettlement): number {
  const fen =
    toFen(s.totalCost) -
    toFen(s.basicInsurancePaid) -
    toFen(s.seriousIllnessInsurancePaid) -
    toFen(s.medicalAssistancePaid) -
    toFen(s.otherPaid ?? 0);
  return Math.max(0, fen) / 100;
}

export function settlementFinding(s: DischargeSettlement, rules: MedicalRules): RiskFinding | null {
  if (!rules.watchedCategories.includes(s.householdCategory)) return null;
  const paid = outOfPocket(s);
  const income = s.householdAnnualIncome ?? 0;
  const share = income > 0 ? paid / income : undefined;
  const overAmount = toFen(paid) >= toFen(rules.outOfPocketAmount);
  const overShare = share !== undefined && atLeastShare(paid, income, rules.outOfPocketIncomeShare);
  if (!overAmount && !overShare) return null;
  const major =
    toFen(paid) >= toFen(rules.majorOutOfPocketAmount) ||
    (share !== undefined && atLeastShare(paid, income, rules.majorIncomeShare));
  const severityHint: Severity = major ? 'major' : 'general';
  return {
    sector: 'medical',
    kind: 'high_out_of_pocket',
    severityHint,
    subject: householdSubject(s, s.personRef),
    summary: `出院后个人自付${paid.toFixed(2)}元${
      share !== undefined ? `, 占家庭年收入${Math.round(share * 100)}%` : ''
    }`,
    facts: {
      settlementId: s.settlementId,
      dischargeDate: s.dischargeDate,
      totalCost: s.totalCost,
      basicInsurancePaid: s.basicInsurancePaid,
      seriousIllnessInsurancePaid: s.seriousIllnessInsurancePaid,
      medicalAssistancePaid: s.medicalAssistancePaid,
      otherPaid: s.otherPaid ?? 0,
      outOfPocket: paid,
      ...(income > 0 ? { householdAnnualIncome: income, incomeShare: round4(paid / income) } : {}),
      thresholds: {
        amount: rules.outOfPocketAmount,
        incomeShare: rules.outOfPocketIncomeShare,
      },
      rule: overAmount ? 'amount' : 'income_share',
      householdCategory: s.householdCategory,
      ...(s.seriousIllness ? { seriousIllness: true } : {}),
    },
  };
}

/** paid / income >= share, decided in whole fen so a boundary value counts as reached. */
function atLeastShare(paid: number, income: number, share: number): boolean {
  return toFen(paid) >= Math.round(toFen(income) * share);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A chronic patient (慢病患者) and whether outpatient chronic-disease coverage has been granted. */
export interface ChronicPatientReport extends HouseholdRef {
  reportId: string;
  personRef: string;
  householdCategory: HouseholdCategory;
  /** disease code (ICD-10), e.g. I10 */
  conditionCode: string;
  outpatientCoverage: boolean;
  diagnosedOn: string; // YYYY-MM-DD
}

export function chronicFinding(r: ChronicPatientReport, rules: MedicalRules): RiskFinding | null {
  if (r.outpatientCoverage) return null;
  if (!rules.watchedCategories.includes(r.householdCategory)) return null;
  return {
    sector: 'medical',
    kind: 'chronic_uncovered',
    severityHint: 'general',
    subject: householdSubject(r, r.personRef),
    summary: `慢病患者未纳入门诊慢特病保障(${r.conditionCode})`,
    facts: {
      conditionCode: r.conditionCode,
      diagnosedOn: r.diagnosedOn,
      outpatientCoverage: false,
      householdCategory: r.householdCategory,
    },
  };
}

/** Basic medical insurance enrolment for a year (参保缴费). */
export interface PremiumReport extends HouseholdRef {
  reportId: string;
  personRef: string;
  householdCategory: HouseholdCategory;
  insuranceYear: number;
  paid: boolean;
}

export function premiumFinding(r: PremiumReport, rules: MedicalRules): RiskFinding | null {
  if (r.paid) return null;
  if (!rules.watchedCategories.includes(r.householdCategory)) return null;
  return {
    sector: 'medical',
    kind: 'premium_unpaid',
    severityHint: 'general',
    subject: householdSubject(r, r.personRef),
    summary: `${r.insuranceYear}年度城乡居民基本医保未缴费`,
    facts: {
      insuranceYear: r.insuranceYear,
      paid: false,
      householdCategory: r.householdCategory,
    },
  };
}
