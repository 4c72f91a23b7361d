import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { reconciliationWorkflow, type ReconciliationReport } from '@sanbao/workflows';
import type { ScheduleOptions } from '@temporalio/client';
import { randomUUID } from 'crypto';
import { ScheduleKeeper } from './schedules';
import { TemporalClientService } from './temporal-client.service';

/** The reconciliation workflow, run on demand (the schedule runs it every few minutes). */
@Injectable()
export class ReconciliationWorkflows {
  constructor(
    private readonly temporal: TemporalClientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reconciles the period in a workflow of its own and waits for the report. */
  async runNow(period: { from?: string; to?: string }): Promise<ReconciliationReport> {
    return this.temporal.client.workflow.execute(reconciliationWorkflow, {
      workflowId: `reconciliation:${randomUUID()}`,
      taskQueue: this.temporal.taskQueue,
      args: [
        {
          ...period,
          windowHours: this.config.reconciliation.windowHours,
          trigger: 'on_demand',
        },
      ],
      workflowExecutionTimeout: '30 minutes',
    });
  }
}

/**
 * Keeps the Schedule that reconciles the last RECONCILIATION_WINDOW_HOURS every
 * RECONCILIATION_EVERY_MINUTES; made (or brought up to date) when the worker starts.
 */
@Injectable()
export class ReconciliationScheduleService extends ScheduleKeeper {
  constructor(
    temporal: TemporalClientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(temporal, 'ReconciliationSchedule');
  }

  get scheduleId(): string {
    return `reconciliation:${this.temporal.taskQueue}`;
  }

  options(): ScheduleOptions {
    const { everyMinutes, windowHours } = this.config.reconciliation;
    return {
      scheduleId: this.scheduleId,
      spec: { intervals: [{ every: `${everyMinutes} minutes` }] },
      action: {
        type: 'startWorkflow',
        workflowType: reconciliationWorkflow,
        taskQueue: this.temporal.taskQueue,
        args: [{ windowHours, trigger: 'schedule' }],
        workflowExecutionTimeout: '1 hour',
      },
      // A run missed while Temporal was away is not made up: the next one covers its window.
      policies: { overlap: 'SKIP' },
    };
  }
}
