import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RepairRow } from '@sanbao/persistence';
import type { ReconciliationFinding, ReconciliationReport } from '@sanbao/workflows';

const FINDING_KINDS = [
  'signal_without_issue',
  'workflow_without_ledger_row',
  'stage_differs',
  'needs_repair',
  'doubled',
];

export class ReconciliationFindingResponse implements ReconciliationFinding {
  @ApiProperty({ enum: FINDING_KINDS })
  kind: ReconciliationFinding['kind'];
  @ApiPropertyOptional({ description: 'the signal stream sequence', example: 1042 })
  streamSeq?: number;
  @ApiPropertyOptional({ example: 'issue-7kq3m2x9c4v8b1n5h6j0p2r4t6w8y0z2' })
  workflowId?: string;
  @ApiPropertyOptional({ example: '2026-EDU-000123' })
  ledgerNo?: string;
  @ApiPropertyOptional({ example: 'solution_plan' })
  workflowStage?: string;
  @ApiPropertyOptional({ example: 'township_decision' })
  ledgerStage?: string;
  @ApiProperty({ enum: ['repaired', 'not_repaired', 'none'] })
  action: ReconciliationFinding['action'];
  @ApiProperty({ example: 're-projected from the workflow state' })
  note: string;
}

export class ReconciliationSignalsResponse {
  @ApiProperty({ example: 'SANBAO_SIGNALS' })
  stream: string;
  @ApiProperty({ type: Number, nullable: true, example: 1 })
  firstSeq: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1200 })
  lastSeq: number | null;
  @ApiProperty({ description: 'signals the stream took in the period' })
  count: number;
  @ApiProperty({ description: 'refused by the intake, each with its dead letter' })
  deadLettered: number;
  @ApiProperty({ description: 'not yet taken by the intake' })
  pending: number;
  @ApiProperty({ description: 'accepted signals whose issue exists' })
  withIssue: number;
}

export class ReconciliationWorkflowsResponse {
  @ApiProperty({ description: 'issue workflows compared (running, or started in the period)' })
  checked: number;
  @ApiProperty()
  running: number;
}

export class ReconciliationReportResponse implements ReconciliationReport {
  @ApiProperty({ example: 17 })
  id: number;
  @ApiProperty({ format: 'date-time' })
  from: string;
  @ApiProperty({ format: 'date-time' })
  to: string;
  @ApiProperty({ enum: ['schedule', 'on_demand'] })
  trigger: ReconciliationReport['trigger'];
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiProperty({ format: 'date-time' })
  finishedAt: string;
  @ApiProperty({ type: ReconciliationSignalsResponse })
  signals: ReconciliationSignalsResponse;
  @ApiProperty({ type: ReconciliationWorkflowsResponse })
  workflows: ReconciliationWorkflowsResponse;
  @ApiProperty({ description: 'ledger rows compared' })
  ledgerRows: number;
  @ApiProperty({ description: 'accepted signals without an issue' })
  lost: number;
  @ApiProperty({ description: 'issue keys with more than one open ledger row' })
  doubled: number;
  @ApiProperty()
  repaired: number;
  @ApiProperty()
  notRepaired: number;
  @ApiProperty({ description: 'issues still marked "needs repair" after the run' })
  needsRepair: number;
  @ApiProperty({ type: [ReconciliationFindingResponse] })
  findings: ReconciliationFindingResponse[];
}

export class LatestReconciliationResponse {
  @ApiProperty({ type: ReconciliationReportResponse, nullable: true })
  report: ReconciliationReportResponse | null;
}

export class RepairResponse implements RepairRow {
  @ApiProperty({ example: 'issue-7kq3m2x9c4v8b1n5h6j0p2r4t6w8y0z2' })
  workflowId: string;
  @ApiProperty({ description: 'the first run id of the opening' })
  openingId: string;
  @ApiProperty({ example: 'education' })
  sector: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-EDU-000123' })
  ledgerNo: string | null;
  @ApiProperty({ example: 'writeFlush: the database refused the data (SQLSTATE 23514)' })
  reason: string;
  @ApiProperty({ description: 'failed flushes recorded' })
  failures: number;
  @ApiProperty({ format: 'date-time' })
  firstFailedAt: string;
  @ApiProperty({ format: 'date-time' })
  lastFailedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  repairedAt: string | null;
}
