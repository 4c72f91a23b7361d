import type {
  ChronicPatientReport,
  DischargeSettlement,
  HouseholdCategory,
  PremiumReport,
} from '@sanbao/domain';
import { HOUSEHOLD_CATEGORIES } from '@sanbao/domain';
import {
  IsCalendarDate,
  IsFlag,
  IsMoney,
  IsOneOf,
  IsPattern,
  IsPersonRef,
  IsRegisterCode,
  IsWholeNumber,
  NotLessThanSumOf,
} from '../validation';
import { HouseholdRecordDto } from './batch';

/** medical.settlement: one discharge settlement (出院结算), amounts in yuan. */
export class DischargeSettlementDto extends HouseholdRecordDto implements DischargeSettlement {
  @IsRegisterCode(100)
  settlementId: string;

  /** opaque reference to the patient */
  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  @IsCalendarDate()
  dischargeDate: string;

  @IsMoney()
  @NotLessThanSumOf([
    'basicInsurancePaid',
    'seriousIllnessInsurancePaid',
    'medicalAssistancePaid',
    'otherPaid',
  ])
  totalCost: number;

  /** paid by basic medical insurance (基本医保) */
  @IsMoney()
  basicInsurancePaid: number;

  /** paid by serious-illness insurance (大病保险) */
  @IsMoney()
  seriousIllnessInsurancePaid: number;

  /** paid by medical assistance (医疗救助) */
  @IsMoney()
  medicalAssistancePaid: number;

  /** paid by anyone else (supplementary insurance, charity) */
  @IsMoney({ optional: true })
  otherPaid?: number;

  /** the household's annual net income; without it only the amount threshold applies */
  @IsMoney({ optional: true })
  householdAnnualIncome?: number;

  @IsFlag({ optional: true })
  seriousIllness?: boolean;
}

/** medical.chronic: a chronic patient and whether outpatient chronic-disease cover is granted. */
export class ChronicPatientReportDto extends HouseholdRecordDto implements ChronicPatientReport {
  @IsRegisterCode(100)
  reportId: string;

  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  /** ICD-10 code, e.g. I10, E11.9 */
  @IsPattern(/^[A-Z]\d{2}(\.\d{1,2})?$/, '$property must be an ICD-10 code like E11.9', {
    string: false,
    example: 'E11.9',
  })
  conditionCode: string;

  @IsFlag()
  outpatientCoverage: boolean;

  @IsCalendarDate()
  diagnosedOn: string;
}

/** medical.premium: basic medical insurance premium of a person for a year (参保缴费). */
export class PremiumReportDto extends HouseholdRecordDto implements PremiumReport {
  @IsRegisterCode(100)
  reportId: string;

  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  @IsWholeNumber({ min: 2000, max: 2100, example: 2026 })
  insuranceYear: number;

  @IsFlag()
  paid: boolean;
}
