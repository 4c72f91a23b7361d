import { SECTORS, STAGES, type Sector, type Stage } from '@sanbao/domain';
import {
  IsDateTime,
  IsFlag,
  IsHouseholdId,
  IsKind,
  IsNested,
  IsOneOf,
  IsPattern,
  IsPersonRef,
  IsText,
  IsTownshipCode,
  IsVillageCode,
  IsWholeNumber,
  MONTH,
} from '@sanbao/contracts';
import { ActDto } from './acts.dto';
import { CURSOR_PATTERN, TOTAL_CAP } from './keyset';
import { PaperQueryDto } from '../papers/paper';

export const HAND_CHANNELS = ['hotline', 'village_patrol', 'household'] as const;
export type HandChannel = (typeof HAND_CHANNELS)[number];

export class SubjectDto {
  @IsOneOf(['household', 'village'] as const)
  kind: 'household' | 'village';

  @IsHouseholdId({
    description:
      'household number in the county register (for a village-wide issue: the village code)',
  })
  id: string;

  @IsPersonRef({ optional: true })
  personRef?: string;

  @IsVillageCode()
  villageCode: string;
}

export class FlagsDto {
  @IsFlag({ optional: true })
  emergency?: boolean;

  @IsFlag({ optional: true })
  transitionalHousing?: boolean;
}

/** A problem reported by hand: the hotline, a village patrol, or the household itself. */
export class ReportIssueDto extends ActDto {
  @IsOneOf(SECTORS, { example: 'education' })
  sector: Sector;

  @IsKind({ example: 'not_back_after_term_start' })
  kind: string;

  @IsOneOf(['general', 'major'] as const, { optional: true, example: 'general' })
  severityHint?: 'general' | 'major';

  @IsNested(() => SubjectDto)
  subject: SubjectDto;

  @IsText({ max: 1000, multiline: true, example: '家长来电：孩子开学两周仍未返校。' })
  summary: string;

  @IsOneOf(HAND_CHANNELS, { example: 'hotline' })
  channel: HandChannel;

  @IsNested(() => FlagsDto, { optional: true })
  flags?: FlagsDto;

  @IsDateTime({ optional: true, example: '2026-03-01T09:15:00+08:00' })
  reportedAt?: string;
}

export const LEDGER_SORTS = ['reportedAt', 'dueAt', 'ledgerNo'] as const;

export class LedgerQueryDto {
  @IsOneOf(SECTORS, { optional: true, example: 'water' })
  sector?: Sector;

  @IsTownshipCode({ optional: true })
  townshipCode?: string;

  @IsVillageCode({ optional: true })
  villageCode?: string;

  @IsOneOf(STAGES, { optional: true, example: 'resolution' })
  stage?: Stage;

  @IsOneOf(['open', 'closed'] as const, { optional: true, example: 'open' })
  status?: 'open' | 'closed';

  @IsOneOf(['none', 'yellow', 'red'] as const, { optional: true, example: 'red' })
  overdueLevel?: 'none' | 'yellow' | 'red';

  @IsDateTime({ optional: true, example: '2026-03-01T00:00:00+08:00' })
  reportedFrom?: string;

  @IsDateTime({ optional: true, example: '2026-04-01T00:00:00+08:00' })
  reportedTo?: string;

  @IsDateTime({ optional: true, example: '2026-03-15T00:00:00+08:00' })
  dueBefore?: string;

  @IsOneOf(LEDGER_SORTS, { optional: true, example: 'reportedAt' })
  sort?: (typeof LEDGER_SORTS)[number];

  @IsOneOf(['asc', 'desc'] as const, { optional: true, example: 'desc' })
  order?: 'asc' | 'desc';

  @IsWholeNumber({ min: 1, max: 100000, query: true, optional: true, example: 1 })
  page?: number;

  @IsWholeNumber({ min: 1, max: 200, query: true, optional: true, example: 20 })
  pageSize?: number;

  @IsCursor()
  cursor?: string;

  @IsOneOf(['capped', 'exact'] as const, {
    optional: true,
    example: 'capped',
    description: `capped (default): counted up to ${TOTAL_CAP}, \`totalExact\` says whether it \
stopped there; exact: every matching row counted (slow on a large scope)`,
  })
  total?: 'capped' | 'exact';
}

/** The paging of a work list: a page of `limit` tasks, after `cursor`. */
export class WorkQueryDto {
  @IsCursor()
  cursor?: string;

  @IsWholeNumber({ min: 1, max: 500, query: true, optional: true, example: 100 })
  limit?: number;
}

export class ExtensionQueryDto {
  @IsOneOf(['awaiting', 'decided'] as const, { optional: true, example: 'awaiting' })
  status?: 'awaiting' | 'decided';
}

/**
 * The register's month or range and filters; `format=csv|xlsx` downloads it (`lang` its
 * headings).
 */
export class AccountabilityQueryDto extends PaperQueryDto {
  @IsPattern(MONTH, '$property must be a month written YYYY-MM', {
    optional: true,
    example: '2026-03',
    description: 'a county month (the one month rule): lapses whose limit fell in it',
  })
  month?: string;

  @IsDateTime({ optional: true, example: '2026-03-01T00:00:00+08:00' })
  from?: string;

  @IsDateTime({ optional: true, example: '2026-04-01T00:00:00+08:00' })
  to?: string;

  @IsOneOf(SECTORS, { optional: true, example: 'housing' })
  sector?: Sector;

  @IsTownshipCode({ optional: true })
  townshipCode?: string;

  @IsCursor()
  cursor?: string;

  @IsWholeNumber({ min: 1, max: 500, query: true, optional: true, example: 100 })
  pageSize?: number;
}

/**
 * An opaque page cursor as the API handed it out (`nextCursor`). The API checks what it holds
 * when it reads it; here only its shape.
 */
function IsCursor(): PropertyDecorator {
  return IsPattern(CURSOR_PATTERN, '$property must be a nextCursor this API gave out', {
    optional: true,
    description: 'the `nextCursor` of the previous page, as it came; omit for the first page',
  });
}
