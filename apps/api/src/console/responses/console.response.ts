import { ApiProperty } from '@nestjs/swagger';
import type { Dashboard, IssueTimeline, OnTimeRow } from '../../views';
import { IssueHistoryResponse } from '../../issues/responses/history.response';
import { LedgerIssueResponse } from '../../issues/responses/ledger-issue.response';

type MonthFigures = Dashboard['monthOnMonth'][number];

export class OnTimeRowResponse implements OnTimeRow {
  @ApiProperty({ example: '511921101', description: 'township code, or sector for a bureau' })
  unit: string;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9 })
  rate: number | null;
}

export class OnTimeResponse {
  @ApiProperty({ type: [OnTimeRowResponse] })
  townships: OnTimeRowResponse[];
  @ApiProperty({ type: [OnTimeRowResponse] })
  bureaus: OnTimeRowResponse[];
}

export class MonthFiguresResponse implements MonthFigures {
  @ApiProperty({ example: '2026-03' })
  month: string;
  @ApiProperty() opened: number;
  @ApiProperty({ description: 'of opened: reports back-dated into an earlier month' })
  lateEntries: number;
  @ApiProperty() writtenOff: number;
  @ApiProperty() lapses: number;
}

export class OverdueListResponse {
  @ApiProperty() total: number;
  @ApiProperty({ type: [LedgerIssueResponse] })
  items: LedgerIssueResponse[];
}

const counts = (keys: string[]) => ({
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const }])),
    required: keys,
  },
});

/** The leaders' dashboard: counts by stage and sector, on-time rates, month on month. */
export class DashboardResponse implements Dashboard {
  @ApiProperty({ example: '2026-03' })
  month: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone: string;
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
  @ApiProperty({ ...counts(['open', 'overdue']), description: 'by stage' })
  byStage: Record<string, { open: number; overdue: number }>;
  @ApiProperty({ ...counts(['open', 'closed', 'overdue']), description: 'by sector' })
  bySector: Record<string, { open: number; closed: number; overdue: number }>;
  @ApiProperty() closed: number;
  @ApiProperty({ type: OnTimeResponse })
  onTime: OnTimeResponse;
  @ApiProperty({ type: [MonthFiguresResponse] })
  monthOnMonth: MonthFiguresResponse[];
  @ApiProperty({ type: OverdueListResponse })
  overdue: OverdueListResponse;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: {
      missingYears: { type: 'array', items: { type: 'integer' } },
      coveredYears: { type: 'array', items: { type: 'integer' } },
    },
    required: ['missingYears', 'coveredYears'],
    description:
      "years the deadline policy's holiday lists should cover and do not; null when none",
  })
  calendarWarning: { missingYears: number[]; coveredYears: number[] } | null;
}

export class IssueTimelineResponse implements IssueTimeline {
  @ApiProperty({ type: LedgerIssueResponse })
  issue: LedgerIssueResponse;
  @ApiProperty({ type: IssueHistoryResponse })
  history: IssueHistoryResponse;
}
