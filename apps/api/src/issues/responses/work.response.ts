import { ApiProperty } from '@nestjs/swagger';
import type { ExtensionView } from '../../views';
import type {
  AccountabilityGroup,
  AccountabilityItem,
  AccountabilityRegister,
} from '../issue-reads.service';

type Vote = ExtensionView['votes'][number];
type Milestone = ExtensionView['milestones'][number];

export class PersonResponse {
  @ApiProperty({ example: '0b6f…' })
  id: string;
  @ApiProperty({ example: '陈敏' })
  name: string;
}

export class MilestoneResponse implements Milestone {
  @ApiProperty({ example: '完成危房主体结构' })
  description: string;
  @ApiProperty({ format: 'date-time', example: '2026-04-15T17:00:00+08:00' })
  dueDate: string;
}

export class VoteResponse implements Vote {
  @ApiProperty({ type: PersonResponse })
  leader: PersonResponse;
  @ApiProperty()
  approve: boolean;
  @ApiProperty({ example: '同意，按新节点推进并每周报告。' })
  comment: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** An extension request with the votes cast on it. */
export class ExtensionResponse implements ExtensionView {
  @ApiProperty()
  issueKey: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-HOU-000042' })
  ledgerNo: string | null;
  @ApiProperty({ example: 'housing' })
  sector: string;
  @ApiProperty({ example: '511921101' })
  townshipCode: string;
  @ApiProperty()
  requestId: string;
  @ApiProperty({ type: PersonResponse })
  requestedBy: PersonResponse;
  @ApiProperty({ format: 'date-time' })
  requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  currentDueAt: string | null;
  @ApiProperty({ format: 'date-time' })
  newDeadline: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  votingDeadline: string | null;
  @ApiProperty({ example: '重建需等待雨季结束，申请延期。' })
  reason: string;
  @ApiProperty({ type: [MilestoneResponse] })
  milestones: MilestoneResponse[];
  @ApiProperty({ example: 'awaiting', description: 'awaiting, approved, rejected or expired' })
  status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;
  @ApiProperty({ type: [VoteResponse] })
  votes: VoteResponse[];
}

export class LapseResponse implements AccountabilityItem {
  @ApiProperty({ example: '511921101201', description: 'the unit answerable for the stage' })
  unit: string;
  @ApiProperty({ example: 'verification' })
  stage: string;
  @ApiProperty()
  issueKey: string;
  @ApiProperty({ type: String, nullable: true })
  ledgerNo: string | null;
  @ApiProperty({ example: 'housing' })
  sector: string;
  @ApiProperty({ type: String, nullable: true, example: '511921101' })
  townshipCode: string | null;
  @ApiProperty({ format: 'date-time' })
  dueAt: string;
  @ApiProperty({ format: 'date-time' })
  detectedAt: string;
  @ApiProperty({ example: 'yellow' })
  level: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt: string | null;
  @ApiProperty({ example: 2.5 })
  daysLate: number;
  @ApiProperty({ example: 216000, description: 'the same to the second' })
  secondsLate: number;
  @ApiProperty({
    description: 'its issue was reported back-dated into an earlier month (a late entry)',
  })
  lateEntry: boolean;
}

/** 责任追究: the lapses of one responsible unit at one stage. */
export class AccountabilityGroupResponse implements AccountabilityGroup {
  @ApiProperty({ example: '511921101', description: 'township code, or a bureau’s sector' })
  unit: string;
  @ApiProperty({ example: 'verification' })
  stage: string;
  @ApiProperty({ example: 3 })
  lapses: number;
  @ApiProperty({ example: 1, description: 'lapses whose act has still not been done' })
  stillWaiting: number;
  @ApiProperty({ example: 4.5 })
  totalDaysLate: number;
  @ApiProperty({ example: 2.5 })
  worstDaysLate: number;
}

/** 责任追究 over a range of due times: every group's figures, one page of the lapses. */
export class AccountabilityRegisterResponse implements AccountabilityRegister {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-03',
    description: 'the month asked for',
  })
  month: string | null;
  @ApiProperty({ format: 'date-time', description: 'lapses due from this instant…' })
  from: string;
  @ApiProperty({ format: 'date-time', description: '…to this one (excluded)' })
  to: string;
  @ApiProperty({ type: [AccountabilityGroupResponse] })
  groups: AccountabilityGroupResponse[];
  @ApiProperty({ type: [LapseResponse], description: 'one page, by due time' })
  items: LapseResponse[];
  @ApiProperty({ example: 100 })
  pageSize: number;
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  nextCursor: string | null;
}
