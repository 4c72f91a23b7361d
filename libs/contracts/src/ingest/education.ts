import type {
  Attendance,
  DisabledChildReport,
  HouseholdCategory,
  Placement,
  RosterChild,
  StudentAidReport,
} from '@sanbao/domain';
import { ATTENDANCE, HOUSEHOLD_CATEGORIES, PLACEMENTS } from '@sanbao/domain';
import {
  IsCalendarDate,
  IsFlag,
  IsOneOf,
  IsPersonRef,
  IsRegisterCode,
  IsTerm,
  IsText,
} from '../validation';
import { HouseholdRecordDto } from './batch';

/** education.roster: one expected compulsory-age child and what the school register says. */
export class RosterChildDto extends HouseholdRecordDto implements RosterChild {
  /** opaque reference to the child (never a name or ID number) */
  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  @IsCalendarDate()
  birthDate: string;

  /** on a school register last term: missing now means "not returned", else "not enrolled" */
  @IsFlag()
  enrolledLastTerm: boolean;

  @IsOneOf(ATTENDANCE)
  attendance: Attendance;

  @IsRegisterCode(40, { optional: true })
  schoolCode?: string;
}

/** education.disability: a disabled child's education placement (一人一案). */
export class DisabledChildReportDto extends HouseholdRecordDto implements DisabledChildReport {
  @IsRegisterCode(100)
  reportId: string;

  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  @IsCalendarDate()
  birthDate: string;

  /** the day the placement was checked; the child's age is counted for that school year */
  @IsCalendarDate()
  assessedOn: string;

  @IsOneOf(PLACEMENTS)
  placement: Placement;

  @IsText({ max: 60, allowEmpty: true, optional: true })
  disabilityCategory?: string;
}

/** education.aid: whether a pupil of a watched household received student aid this term. */
export class StudentAidReportDto extends HouseholdRecordDto implements StudentAidReport {
  @IsRegisterCode(100)
  reportId: string;

  @IsPersonRef()
  personRef: string;

  @IsOneOf(HOUSEHOLD_CATEGORIES)
  householdCategory: HouseholdCategory;

  @IsTerm()
  term: string;

  @IsFlag()
  aidReceived: boolean;

  @IsRegisterCode(40, { optional: true })
  schoolCode?: string;
}
