import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SECTORS, STAGES, type Sector, type Stage } from '@sanbao/domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsObject,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  HOUSEHOLD_ID,
  IsDateTime,
  IsOneOf,
  IsText,
  IsTownshipCode,
  IsVillageCode,
  ToInt,
} from '../common/validation';
import { ActDto } from './acts.dto';

export const HAND_CHANNELS = ['hotline', 'village_patrol', 'household'] as const;
export type HandChannel = (typeof HAND_CHANNELS)[number];

export class SubjectDto {
  @IsOneOf(['household', 'village'] as const, 'household')
  kind: 'household' | 'village';

  @ApiProperty({
    example: 'HH-511921101201-0042',
    description:
      'household number in the county register (for a village-wide issue: the village code)',
  })
  @IsString()
  @Matches(HOUSEHOLD_ID, { message: 'id must be 1-64 letters, digits or -' })
  id: string;

  @ApiPropertyOptional({
    example: 'child-1',
    description: 'an opaque reference to the person concerned; never an ID-card number',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'personRef must be 1-64 letters, digits, _ or -' })
  personRef?: string;

  @IsVillageCode()
  villageCode: string;
}

export class FlagsDto {
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  emergency?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  transitionalHousing?: boolean;
}

/** A problem reported by hand: the hotline, a village patrol, or the household itself. */
export class ReportIssueDto extends ActDto {
  @IsOneOf(SECTORS, 'education')
  sector: Sector;

  @ApiProperty({ example: 'not_back_after_term_start', description: 'the sector kind of risk' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, {
    message: 'kind must be 2-64 lower-case letters, digits or _',
  })
  kind: string;

  @IsOneOf(['general', 'major'] as const, 'general', true)
  severityHint?: 'general' | 'major';

  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @IsText(1000, '家长来电：孩子开学两周仍未返校。')
  summary: string;

  @IsOneOf(HAND_CHANNELS, 'hotline')
  channel: HandChannel;

  @ApiPropertyOptional({ type: FlagsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FlagsDto)
  flags?: FlagsDto;

  @IsDateTime('2026-03-01T09:15:00+08:00', true)
  reportedAt?: string;
}

export const LEDGER_SORTS = ['reportedAt', 'dueAt', 'ledgerNo'] as const;

export class LedgerQueryDto {
  @IsOneOf(SECTORS, 'water', true)
  sector?: Sector;

  @IsTownshipCode(true)
  townshipCode?: string;

  @IsVillageCode(true)
  villageCode?: string;

  @IsOneOf(STAGES, 'resolution', true)
  stage?: Stage;

  @IsOneOf(['open', 'closed'] as const, 'open', true)
  status?: 'open' | 'closed';

  @IsOneOf(['none', 'yellow', 'red'] as const, 'red', true)
  overdueLevel?: 'none' | 'yellow' | 'red';

  @IsDateTime('2026-03-01T00:00:00+08:00', true)
  reportedFrom?: string;

  @IsDateTime('2026-04-01T00:00:00+08:00', true)
  reportedTo?: string;

  @IsDateTime('2026-03-15T00:00:00+08:00', true)
  dueBefore?: string;

  @IsOneOf(LEDGER_SORTS, 'reportedAt', true)
  sort?: (typeof LEDGER_SORTS)[number];

  @IsOneOf(['asc', 'desc'] as const, 'desc', true)
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ example: 1, minimum: 1 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ExtensionQueryDto {
  @IsOneOf(['awaiting', 'decided'] as const, 'awaiting', true)
  status?: 'awaiting' | 'decided';
}

export class AccountabilityQueryDto {
  @IsDateTime('2026-03-01T00:00:00+08:00', true)
  from?: string;

  @IsDateTime('2026-04-01T00:00:00+08:00', true)
  to?: string;

  @IsOneOf(SECTORS, 'housing', true)
  sector?: Sector;

  @IsTownshipCode(true)
  townshipCode?: string;
}
