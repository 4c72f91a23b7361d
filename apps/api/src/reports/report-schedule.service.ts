import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { TemporalClientService } from '@sanbao/temporal';
import { monthlyReportWorkflow } from '@sanbao/workflows';
import { ScheduleAlreadyRunning, type ScheduleOptions } from '@temporalio/client';

/**
 * Keeps the Temporal Schedule that produces the monthly report at 01:00 on the 1st of each
 * month, county time. Made (or brought up to date) when the API starts; Temporal runs it, so
 * it fires once however many API processes there are.
 */
@Injectable()
export class ReportScheduleService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportSchedule');
  private stopped = false;
  private ensuring?: Promise<void>;

  constructor(
    private readonly temporal: TemporalClientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One schedule per task queue: test runs that share a Temporal server do not collide. */
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

  onApplicationBootstrap(): void {
    // In the background: the API serves while Temporal is away, and retries until it is back.
    this.ensuring = this.ensureLoop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.ensuring;
  }

  /** Creates the schedule, or updates it to the current spec when it exists. */
  async ensure(): Promise<void> {
    const client = this.temporal.client.schedule;
    const options = this.options();
    try {
      await client.create(options);
      this.logger.log(`schedule ${this.scheduleId} created`);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.getHandle(this.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: { ...previous.policies, ...options.policies },
      }));
    }
  }

  private async ensureLoop(): Promise<void> {
    let delay = 1000;
    while (!this.stopped) {
      try {
        await this.ensure();
        return;
      } catch (error) {
        this.logger.warn(
          `monthly report schedule not ensured yet (${error instanceof Error ? error.name : 'error'}); retrying`,
        );
        for (let waited = 0; waited < delay && !this.stopped; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }
}
