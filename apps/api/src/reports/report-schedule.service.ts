import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { ScheduleKeeper, TemporalClientService } from '@sanbao/temporal';
import { monthlyReportWorkflow } from '@sanbao/workflows';
import type { ScheduleOptions } from '@temporalio/client';

/**
 * Keeps the Temporal Schedule that produces the monthly report at 01:00 on the 1st of each
 * month, county time. Made (or brought up to date) when the API starts.
 */
@Injectable()
export class ReportScheduleService extends ScheduleKeeper {
  constructor(
    temporal: TemporalClientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(temporal, 'ReportSchedule');
  }

  get scheduleId(): string {
    return `monthly-report:${this.temporal.taskQueue}`;
  }

  options(): ScheduleOptions {
    const timeZone = this.config.deadlinePolicy.timeZone;
    return {
      scheduleId: this.scheduleId,
      spec: { calendars: [{ dayOfMonth: 1, hour: 1, minute: 0 }], timezone: timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: monthlyReportWorkflow,
        taskQueue: this.temporal.taskQueue,
        args: [{ timeZone, producedBy: 'schedule', keep: true }],
        workflowExecutionTimeout: '1 hour',
      },
      // A missed 1st (Temporal down) still produces its report when Temporal is back.
      policies: { catchupWindow: '7 days', overlap: 'SKIP' },
    };
  }
}
