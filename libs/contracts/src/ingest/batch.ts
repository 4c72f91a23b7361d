import { ApiProperty } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import {
  IsCalendarDate,
  IsHouseholdId,
  IsRegisterCode,
  IsTerm,
  IsTownshipCode,
  IsVillageCode,
} from '../validation';

/** The envelope of every ingest batch: the records, and an optional id of the delivery. */
export class BatchDto {
  /** the bureau's id of this delivery, echoed in the reply and kept with each signal */
  @IsRegisterCode(100, { optional: true })
  batchId?: string;

  /** the records; each is checked on its own and rejected alone when wrong */
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray({ message: 'records must be an array of records' })
  records: unknown[];
}

/** A term-start roster: the term it compares, then one record per expected child. */
export class RosterBatchDto extends BatchDto {
  /** e.g. 2026-autumn, 2027-spring */
  @IsTerm()
  term: string;

  /** first day of the term; ages are counted on the county's cut-off day before it */
  @IsCalendarDate()
  termStart: string;
}

/** Where a household lives, by division codes; shared by every household record. */
export abstract class HouseholdRecordDto {
  /** the household's number in the county's register */
  @IsHouseholdId()
  householdId: string;

  @IsVillageCode()
  villageCode: string;

  @IsTownshipCode({ ofVillage: 'villageCode' })
  townshipCode: string;
}
