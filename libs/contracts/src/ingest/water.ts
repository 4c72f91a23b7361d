import 'reflect-metadata';
import type { AffectedVillage, WaterProblem, WorksStatusReport } from '@sanbao/domain';
import { WATER_CAUSES, WATER_PROBLEMS } from '@sanbao/domain';
import {
  IsDateTime,
  IsNestedList,
  IsOneOf,
  IsRegisterCode,
  IsTownshipCode,
  IsVillageCode,
  IsWholeNumber,
  NotMoreThan,
} from '../validation';

export class AffectedVillageDto implements AffectedVillage {
  @IsVillageCode()
  villageCode: string;

  @IsTownshipCode({ ofVillage: 'villageCode' })
  townshipCode: string;

  /** people of the village this works serves */
  @IsWholeNumber({ min: 0, max: 1_000_000 })
  peopleServed: number;

  /** of them, people without (enough, or safe) water */
  @IsWholeNumber({ min: 0 })
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

  @IsOneOf(WATER_CAUSES, { optional: true })
  cause?: string;

  @IsDateTime()
  startedAt: string;

  @IsNestedList(() => AffectedVillageDto, { maxItems: 500 })
  villages: AffectedVillageDto[];
}
