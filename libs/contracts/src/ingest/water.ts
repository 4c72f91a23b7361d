import 'reflect-metadata';
import type { AffectedVillage, WaterProblem, WorksStatusReport } from '@sanbao/domain';
import { WATER_CAUSES, WATER_PROBLEMS } from '@sanbao/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsOneOf,
  IsRegisterCode,
  IsTimestamp,
  IsTownshipCode,
  IsVillageCode,
  NotMoreThan,
} from '../validation';

export class AffectedVillageDto implements AffectedVillage {
  @IsVillageCode()
  villageCode: string;

  @IsTownshipCode()
  townshipCode: string;

  /** people of the village this works serves */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  peopleServed: number;

  /** of them, people without (enough, or safe) water */
  @IsInt()
  @Min(0)
  @NotMoreThan('peopleServed')
  peopleAffected: number;
}

/** water.status: a supply works' status report, with every village it serves that is affected. */
export class WorksStatusReportDto implements WorksStatusReport {
  @IsRegisterCode(100)
  reportId: string;

  /** the supply works (供水工程) code */
  @IsRegisterCode(60)
  worksId: string;

  @IsOneOf(WATER_PROBLEMS)
  problem: WaterProblem;

  @IsOptional()
  @IsOneOf(WATER_CAUSES)
  cause?: string;

  @IsTimestamp()
  startedAt: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AffectedVillageDto)
  villages: AffectedVillageDto[];
}
