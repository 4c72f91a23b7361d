import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateTime, IsOneOf, IsText, REQUEST_ID } from '../common/validation';

/** The longest free text of an act, as the workflow's validator allows. */
export const MAX_TEXT = 4000;

/**
 * Every act carries a request id chosen by the caller (a UUID is fine): sending the same act
 * again with the same id is answered with the first result and changes nothing.
 */
export class ActDto {
  @ApiProperty({
    example: '7f0c1c7e-5b7e-4b8e-9a53-0f6d2a1d9c11',
    description: 'idempotency key: 8-100 characters of letters, digits, . _ : -',
  })
  @IsString()
  @Matches(REQUEST_ID, { message: 'requestId must be 8-100 letters, digits, ".", "_", ":" or "-"' })
  requestId: string;
}

export class VerificationDto extends ActDto {
  @ApiProperty({ example: true, description: 'did the home visit confirm the problem?' })
  @IsBoolean()
  confirmed: boolean;

  @IsText(MAX_TEXT, '入户核实：孩子因照顾生病的祖母未返校，家庭有返校意愿。')
  findings: string;

  @IsDateTime('2026-03-02T10:30:00+08:00')
  visitedAt: string;
}

export class TownshipDecisionDto extends ActDto {
  @IsOneOf(['forward', 'persuade', 'unfounded'] as const, 'forward')
  decision: 'forward' | 'persuade' | 'unfounded';

  @IsText(MAX_TEXT, '需县教科局协调学校安排返校及资助。')
  explanation: string;
}

export class SolutionPlanDto extends ActDto {
  @IsText(200, '陈敏')
  responsiblePerson: string;

  @IsText(200, '县教科局学生资助中心')
  responsibleUnit: string;

  @ApiProperty({ example: ['学校派车接送返校', '落实寄宿生生活补助'], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_TEXT, { each: true })
  measures: string[];

  @IsDateTime('2026-03-09T17:00:00+08:00')
  completionDate: string;

  @IsOneOf(['general', 'major'] as const, 'general')
  severity: 'general' | 'major';
}

export class ProgressNoteDto extends ActDto {
  @IsText(MAX_TEXT, '已与学校对接，下周一返校。')
  note: string;
}

export class CompletionDto extends ActDto {
  @IsText(MAX_TEXT, '学生已返校就读，资助已发放。')
  outcome: string;

  @ApiProperty({ example: ['school-register:2026-03-06:row-17'], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  evidenceRefs: string[];
}

export class MilestoneDto {
  @IsText(MAX_TEXT, '完成危房主体结构')
  description: string;

  @IsDateTime('2026-04-15T17:00:00+08:00')
  dueDate: string;
}

export class ExtensionRequestDto extends ActDto {
  @IsDateTime('2026-04-30T17:00:00+08:00')
  newDeadline: string;

  @IsText(MAX_TEXT, '重建需等待雨季结束，申请延期。')
  reason: string;

  @ApiProperty({ type: [MilestoneDto], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones: MilestoneDto[];
}

export class LeaderVoteDto extends ActDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  approve: boolean;

  @IsText(MAX_TEXT, '同意，按新节点推进并每周报告。')
  comment: string;
}

export class WriteOffCheckDto extends ActDto {
  @IsOneOf(['resolved', 'not_resolved'] as const, 'resolved')
  result: 'resolved' | 'not_resolved';

  @ApiPropertyOptional({ example: '回访确认问题已解决。', maxLength: MAX_TEXT })
  @IsText(MAX_TEXT, '回访确认问题已解决。', true)
  reason?: string;
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
}
