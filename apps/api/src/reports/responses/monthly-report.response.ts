import { ApiProperty } from '@nestjs/swagger';
import type {
  MonthlyFigures,
  MonthlyReport,
  MonthlyReportRow,
  ReportCorrection,
  StageDays,
} from '@sanbao/workflows';

export class StageDaysResponse implements StageDays {
  @ApiProperty({ example: 4 })
  count: number;
  @ApiProperty({ type: Number, nullable: true, example: 1.5 })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 3 })
  worstDays: number | null;
}

export class MonthlyFiguresResponse implements MonthlyFigures {
  @ApiProperty() new: number;
  @ApiProperty({ description: 'of new: reports back-dated into an earlier month (late entries)' })
  lateEntries: number;
  @ApiProperty() verified: number;
  @ApiProperty() forwarded: number;
  @ApiProperty() persuaded: number;
  @ApiProperty() unfounded: number;
  @ApiProperty() planned: number;
  @ApiProperty() resolved: number;
  @ApiProperty() writtenOff: number;
  @ApiProperty({ description: 'duplicates merged into another issue (new problems: new - merged)' })
  merged: number;
  @ApiProperty() overdue: number;
  @ApiProperty() extended: number;
  @ApiProperty({ description: 'issues sent back (退回) by the unit they reached' })
  sentBack: number;
  @ApiProperty({ description: 'issues re-routed (转办) by the level above' }) rerouted: number;
  @ApiProperty() stillOpen: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/StageDaysResponse' },
    description: 'stages that ended in the month, by stage: how many, median and worst days',
  })
  stageDays: Record<string, StageDaysResponse>;
}

export class MonthlyReportRowResponse implements MonthlyReportRow {
  @ApiProperty({ example: '511921101' })
  townshipCode: string;
  @ApiProperty({ example: '城关镇' })
  townshipName: string;
  @ApiProperty({ example: 'education' })
  sector: string;
  @ApiProperty({ type: MonthlyFiguresResponse })
  figures: MonthlyFiguresResponse;
}

export class CorrectorResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '周督查' }) name: string;
  @ApiProperty({ example: 'supervisor' }) role: string;
}

/** Who corrected a closed month, when and why. */
export class ReportCorrectionResponse implements ReportCorrection {
  @ApiProperty({ example: '城关镇两户漏报，补录后重新统计。' })
  reason: string;
  @ApiProperty({ type: CorrectorResponse })
  by: CorrectorResponse;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty()
  requestId: string;
}

/** 月报: one month per township and sector. */
export class MonthlyReportResponse implements MonthlyReport {
  @ApiProperty({ example: '2026-03' })
  month: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone: string;
  @ApiProperty({ format: 'date-time' })
  fromAt: string;
  @ApiProperty({ format: 'date-time' })
  toAt: string;
  @ApiProperty({ type: [MonthlyReportRowResponse] })
  rows: MonthlyReportRowResponse[];
  @ApiProperty({ type: MonthlyFiguresResponse })
  totals: MonthlyFiguresResponse;
  @ApiProperty({ enum: ['schedule', 'on_demand', 'correction'] })
  producedBy: 'schedule' | 'on_demand' | 'correction';
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
  @ApiProperty({ description: 'true when the report is kept (a closed month)' })
  kept: boolean;
  @ApiProperty({
    description:
      'true while the month is still running: counted now, and counted again on every read',
  })
  provisional: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'the kept version; null if not kept' })
  version: number | null;
  @ApiProperty({ type: ReportCorrectionResponse, nullable: true })
  correction: ReportCorrectionResponse | null;
}

/** A kept version of a month, in the lists. */
export class KeptReportResponse {
  @ApiProperty({ example: '2026-03' })
  month: string;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ example: 'schedule' })
  producedBy: string;
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
  @ApiProperty({ type: ReportCorrectionResponse, nullable: true })
  correction: ReportCorrectionResponse | null;
}
