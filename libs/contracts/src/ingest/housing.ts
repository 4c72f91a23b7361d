import type {
  DamageLevel,
  DamageReport,
  HouseGrade,
  HouseholdCategory,
  SafetyAppraisal,
} from '@sanbao/domain';
import { DAMAGE_LEVELS, DISASTERS, HOUSE_GRADES, HOUSEHOLD_CATEGORIES } from '@sanbao/domain';
import { IsCalendarDate, IsFlag, IsOneOf, IsRegisterCode } from '../validation';
import { HouseholdRecordDto } from './batch';

/** housing.appraisal: a house's safety appraisal (房屋安全性鉴定). */
export class SafetyAppraisalDto extends HouseholdRecordDto implements SafetyAppraisal {
  @IsRegisterCode(100)
  appraisalId: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES, { optional: true })
  householdCategory?: HouseholdCategory;

  @IsOneOf(HOUSE_GRADES)
  grade: HouseGrade;

  /** someone lives in the house (常年有人居住) */
  @IsFlag()
  inhabited: boolean;

  @IsCalendarDate()
  appraisedOn: string;

  @IsOneOf(['routine', 'disaster'], { optional: true })
  cause?: 'routine' | 'disaster';
}

/** housing.damage: a house's damage after a disaster (因灾受损). */
export class DamageReportDto extends HouseholdRecordDto implements DamageReport {
  @IsRegisterCode(100)
  reportId: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES, { optional: true })
  householdCategory?: HouseholdCategory;

  @IsOneOf(DISASTERS)
  disaster: string;

  @IsOneOf(DAMAGE_LEVELS)
  damage: DamageLevel;

  /** the house can still be lived in safely */
  @IsFlag()
  habitable: boolean;

  /** someone lived in the house before the disaster */
  @IsFlag()
  inhabited: boolean;

  @IsCalendarDate()
  occurredOn: string;
}
