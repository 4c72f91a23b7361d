import { ApiProperty } from '@nestjs/swagger';
import {
  IsDateTime,
  IsFlag,
  IsKind,
  IsLedgerNo,
  IsNestedList,
  IsOneOf,
  IsRequestId,
  IsText,
  IsTextList,
  IsVillageCode,
} from '@sanbao/contracts';
import { MAX_ITEMS, MAX_TEXT, SECTORS, type Sector } from '@sanbao/domain';

/**
 * Free text of an act: never empty, at most MAX_TEXT, as the workflow's validator allows; typed
 * in a text area, so it may hold lines.
 */
const actText = (example: string, optional = false) =>
  IsText({ max: MAX_TEXT, example, optional, multiline: true });

/**
 * Every act carries a request id chosen by the caller (a UUID is fine): sending the same act
 * again with the same id is answered with the first result and changes nothing.
 */
export class ActDto {
  @IsRequestId()
  requestId: string;
}

export class VerificationDto extends ActDto {
  @IsFlag({ example: true, description: 'did the home visit confirm the problem?' })
  confirmed: boolean;

  @actText('入户核实：孩子因照顾生病的祖母未返校，家庭有返校意愿。')
  findings: string;

  @IsDateTime({ example: '2026-03-02T10:30:00+08:00' })
  visitedAt: string;

  @IsKind({
    optional: true,
    example: 'dropped_out',
    description: "the kind the visit found, within the issue's family (corrects the issue's kind)",
  })
  kind?: string;
}

export class TownshipDecisionDto extends ActDto {
  @IsOneOf(['forward', 'persuade', 'unfounded'] as const, { example: 'forward' })
  decision: 'forward' | 'persuade' | 'unfounded';

  @actText('需县教科局协调学校安排返校及资助。')
  explanation: string;
}

export class SolutionPlanDto extends ActDto {
  @IsText({ max: 200, example: '陈敏' })
  responsiblePerson: string;

  @IsText({ max: 200, example: '县教科局学生资助中心' })
  responsibleUnit: string;

  @IsTextList({
    max: MAX_TEXT,
    maxItems: MAX_ITEMS,
    example: ['学校派车接送返校', '落实寄宿生生活补助'],
  })
  measures: string[];

  @IsDateTime({ example: '2026-03-09T17:00:00+08:00' })
  completionDate: string;

  @IsOneOf(['general', 'major'] as const, { example: 'general' })
  severity: 'general' | 'major';
}

export class ProgressNoteDto extends ActDto {
  @actText('已与学校对接，下周一返校。')
  note: string;
}

export class CompletionDto extends ActDto {
  @actText('学生已返校就读，资助已发放。')
  outcome: string;

  @IsTextList({ max: 500, maxItems: MAX_ITEMS, example: ['school-register:2026-03-06:row-17'] })
  evidenceRefs: string[];
}

export class MilestoneDto {
  @actText('完成危房主体结构')
  description: string;

  @IsDateTime({ example: '2026-04-15T17:00:00+08:00' })
  dueDate: string;
}

export class ExtensionRequestDto extends ActDto {
  @IsDateTime({ example: '2026-04-30T17:00:00+08:00' })
  newDeadline: string;

  @actText('重建需等待雨季结束，申请延期。')
  reason: string;

  @IsNestedList(() => MilestoneDto, { maxItems: MAX_ITEMS })
  milestones: MilestoneDto[];
}

export class LeaderVoteDto extends ActDto {
  @IsFlag({ example: true })
  approve: boolean;

  @actText('同意，按新节点推进并每周报告。')
  comment: string;
}

export class WriteOffCheckDto extends ActDto {
  @IsOneOf(['resolved', 'not_resolved'] as const, { example: 'resolved' })
  result: 'resolved' | 'not_resolved';

  @actText('回访确认问题已解决。', true)
  reason?: string;
}

export class MergeDto extends ActDto {
  @IsLedgerNo({
    example: '2026-EDU-000009',
    description: 'the open issue this one duplicates: same sector, in your scope',
  })
  into: string;

  @actText('同一儿童已由学籍比对立案（2026-EDU-000009），本件为热线重复上报。')
  reason: string;
}

export class SendBackDto extends ActDto {
  @actText('经核实，该户不属本村，户籍在青山村。')
  reason: string;
}

export class RerouteDto extends ActDto {
  @actText('该户户籍在青山村，转青山村核查。')
  reason: string;

  @IsVillageCode({
    optional: true,
    description: 'the village the issue belongs to (its township follows from the code)',
  })
  villageCode?: string;

  @IsOneOf(SECTORS, {
    optional: true,
    example: 'medical',
    description:
      "another sector (only when a bureau sent the plan back: a county leader's re-route)",
  })
  sector?: Sector;

  @IsKind({
    optional: true,
    example: 'high_out_of_pocket',
    description: "a kind of the new sector's catalogue",
  })
  kind?: string;
}

export class ActResultDto {
  @ApiProperty({ example: '7f0c1c7e-5b7e-4b8e-9a53-0f6d2a1d9c11' })
  requestId: string;
  @ApiProperty({ example: true })
  accepted: true;
  @ApiProperty({ example: 'township_decision', description: 'the stage after the act' })
  stage: string;
  @ApiProperty({ example: 3, description: "the act's place in the issue's record" })
  seq: number;
  @ApiProperty({ example: '2026-03-02T02:31:07.120Z' })
  at: string;
  @ApiProperty({
    example: 2,
    required: false,
    description:
      'the record seq the ledger, audit trail and events held when the answer was given: the ' +
      'answer comes once the decision is durable, the read models follow within a moment',
  })
  ledgerSeq?: number;
  @ApiProperty({
    enum: ['pending', 'current'],
    required: false,
    description:
      "'current' when the ledger already holds this act; 'pending' when it follows (read it " +
      'with GET /issues/:id?minSeq=<seq>)',
  })
  readModel?: 'pending' | 'current';
}
