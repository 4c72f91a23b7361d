import type {
  Attendance,
  DisabledChildReport,
  HouseholdCategory,
  Placement,
  RosterChild,
  StudentAidReport,
} from '@sanbao/domain';
import { ATTENDANCE, HOUSEHOLD_CATEGORIES, PLACEMENTS } from '@sanbao/domain';
import { IsOptional, Matches } from 'class-validator';
import {
  IsCalendarDate,
  IsFlag,
  IsOneOf,
  IsPersonRef,
  IsRegisterCode,
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

  @IsOptional()
  @IsRegisterCode(40)
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

  @IsOptional()
  @IsText(60)
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

  @Matches(/^\d{4}-(spring|autumn)$/, { message: 'term must be like 2026-autumn or 2027-spring' })
  term: string;

  @IsFlag()
  aidReceived: boolean;

  @IsOptional()
  @IsRegisterCode(40)
  schoolCode?: string;
}
