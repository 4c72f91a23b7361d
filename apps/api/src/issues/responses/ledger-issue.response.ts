import { ApiProperty, PickType } from '@nestjs/swagger';
import type { LedgerFlags } from '@sanbao/domain';
import type { LedgerIssueView, Page, WorkItem } from '../../views';
import type { ReportedIssue } from '../issue-acts.service';

type Subject = LedgerIssueView['subject'];

const nullable = (example: unknown, description?: string) =>
  ApiProperty({ type: String, nullable: true, example, description });

export class SubjectResponse implements Subject {
  @ApiProperty({ enum: ['household', 'village'], example: 'household' })
  kind: string;
  @ApiProperty({ example: 'HH-511921101201-0042' })
  id: string;
  @nullable('child-1')
  personRef: string | null;
}

/** One issue as the ledger (台账) shows it. */
export class LedgerIssueResponse implements LedgerIssueView {
  @ApiProperty({ example: 'issue:education:HH-511921101201-0042/child-1:not_returned' })
  issueKey: string;
  @nullable('2026-EDU-000123', 'null until the ledger numbered the issue')
  ledgerNo: string | null;
  @ApiProperty({ example: 'education' })
  sector: string;
  @ApiProperty({ example: 'not_returned' })
  kind: string;
  @ApiProperty({ type: SubjectResponse })
  subject: SubjectResponse;
  @ApiProperty({ example: '511921101201' })
  villageCode: string;
  @ApiProperty({ example: '511921101' })
  townshipCode: string;
  @ApiProperty({ example: 'signal', description: 'signal, hotline, village_patrol or household' })
  channel: string;
  @ApiProperty({ example: '秋季学期开学未返校' })
  summary: string;
  @nullable('general')
  severity: string | null;
  @ApiProperty({ example: 'verification' })
  stage: string;
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' })
  status: 'open' | 'closed';
  @nullable(null, 'how a closed issue ended: written_off, unfounded, persuaded…')
  closure: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T01:15:00.000Z' })
  reportedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T01:15:00.000Z' })
  stageSince: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  currentDueAt: string | null;
  @ApiProperty({ enum: ['none', 'yellow', 'red'], example: 'none' })
  overdueLevel: string;
  @ApiProperty({ description: 'past its time limit now, even before the workflow has marked it' })
  overdue: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'date-time' },
    description: 'every time limit set, by name',
  })
  deadlines: Record<string, string>;
  @nullable('县教科局学生资助中心')
  responsibleUnit: string | null;
  @nullable('陈敏')
  responsiblePerson: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completionDate: string | null;
  @ApiProperty({ type: [String], nullable: true })
  measures: string[] | null;
  @ApiProperty({
    type: 'object',
    properties: {
      emergency: { type: 'boolean' },
      transitionalHousing: { type: 'boolean' },
      calendarUncovered: { type: 'array', items: { type: 'integer' } },
    },
    example: { emergency: false },
    description:
      "the sector rules' flags (emergency, transitionalHousing); `calendarUncovered: [2027]` " +
      'when the current limit was counted in working days over years the holiday lists do ' +
      'not cover (it may be too early)',
  })
  flags: LedgerFlags;
  @ApiProperty({ example: 0 })
  reopenCount: number;
  @ApiProperty({ example: 0 })
  reminders: number;
  @ApiProperty({ example: 0 })
  lapseCount: number;
  @nullable(null, 'awaiting or decided, while an extension is asked')
  extensionStatus: string | null;
  @nullable('511921101201', 'the unit that sent the issue back, while the level above re-routes it')
  sentBackBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;
}

export class LedgerPageResponse implements Page<LedgerIssueView> {
  @ApiProperty({ type: [LedgerIssueResponse] })
  items: LedgerIssueResponse[];
  @ApiProperty({
    example: 1,
    description:
      'issues matching the filters in your scope: exact when `totalExact`, else at least this many',
  })
  total: number;
  @ApiProperty({
    example: true,
    description: 'false when the count stopped at its cap (ask `total=exact` for the figure)',
  })
  totalExact: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1,
    description: 'null when paged by cursor',
  })
  page: number | null;
  @ApiProperty({ example: 20 })
  pageSize: number;
  @nullable(
    'WyJsZWRnZXI6cmVwb3J0ZWRBdDpkZXNjIiwi…',
    'hand back as `cursor` for the next page; null on the last',
  )
  nextCursor: string | null;
}

/** One task on a work list: the fields the list shows. */
export class WorkItemResponse
  extends PickType(LedgerIssueResponse, [
    'issueKey',
    'sector',
    'kind',
    'subject',
    'villageCode',
    'townshipCode',
    'summary',
    'severity',
    'stage',
    'status',
    'reportedAt',
    'stageSince',
    'currentDueAt',
    'overdueLevel',
    'overdue',
    'extensionStatus',
  ] as const)
  implements WorkItem
{
  @ApiProperty({ example: '2026-EDU-000123' })
  ledgerNo: string;
  @ApiProperty({ example: 'verification', description: 'the act expected of you next' })
  task: string;
}

export class ReportedIssueResponse implements ReportedIssue {
  @ApiProperty({ example: 'issue:education:HH-511921101201-0042:not_returned' })
  issueKey: string;
  @nullable('2026-EDU-000123')
  ledgerNo: string | null;
  @ApiProperty({
    description: 'false when an open issue about the same household, sector and kind existed',
  })
  created: boolean;
  @ApiProperty({ example: 'verification' })
  stage: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  currentDueAt: string | null;
}
