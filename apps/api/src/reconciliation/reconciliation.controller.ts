import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sanbao/auth';
import type { RepairRow } from '@sanbao/persistence';
import type { ReconciliationReport } from '@sanbao/workflows';
import { ApiErrorResponses } from '../common/responses/error.response';
import { ReconciliationRunDto } from './reconciliation.dto';
import {
  LatestReconciliationResponse,
  ReconciliationReportResponse,
  RepairResponse,
} from './reconciliation.response';
import { ReconciliationReportsService } from './reconciliation.service';

@ApiTags('reconciliation')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('reconciliation')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationReportsService) {}

  @Get('reports/latest')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: "The last reconciliation report (the schedule's or one run on demand)",
    description:
      'Signals of the period without an issue, issue workflows without their ledger row, ledger ' +
      "rows whose stage differs from their workflow's, and what was repaired. `report` is null " +
      'before the first run.',
  })
  @ApiOkResponse({ type: LatestReconciliationResponse })
  @ApiErrorResponses(503)
  async latest(): Promise<{ report: ReconciliationReport | null }> {
    return { report: (await this.reconciliation.latest()) ?? null };
  }

  @Post('runs')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Reconcile a period now, repair what can be repaired, and keep the report',
    description: 'Waits for the report (a period of at most 31 days).',
  })
  @ApiOkResponse({ type: ReconciliationReportResponse })
  @ApiErrorResponses(400, 422, 503)
  run(@Body() body: ReconciliationRunDto): Promise<ReconciliationReport> {
    return this.reconciliation.runNow(body);
  }

  @Get('repairs')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Issues marked "needs repair": a ledger write failed for good',
    description:
      'Oldest first. A reconciliation run (scheduled or POST /reconciliation/runs) re-projects ' +
      'each from its workflow and clears the mark.',
  })
  @ApiOkResponse({ type: [RepairResponse] })
  @ApiErrorResponses(503)
  repairs(): Promise<RepairRow[]> {
    return this.reconciliation.openRepairs();
  }
}
