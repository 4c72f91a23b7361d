import { Injectable } from '@nestjs/common';
import {
  monthlyReportWorkflow,
  type MonthlyReport,
  type MonthlyReportInput,
} from '@sanbao/workflows';
import { randomUUID } from 'crypto';
import { TemporalClientService } from './temporal-client.service';

/** The monthly report workflow, run on demand (the schedule runs it on the 1st). */
@Injectable()
export class ReportWorkflows {
  constructor(private readonly temporal: TemporalClientService) {}

  /** Counts the month in a workflow of its own and waits for the answer. */
  async runMonthly(input: MonthlyReportInput & { month: string }): Promise<MonthlyReport> {
    return this.temporal.client.workflow.execute(monthlyReportWorkflow, {
      workflowId: `monthly-report:${input.month}:${randomUUID()}`,
      taskQueue: this.temporal.taskQueue,
      args: [input],
      workflowExecutionTimeout: '10 minutes',
    });
  }
}
