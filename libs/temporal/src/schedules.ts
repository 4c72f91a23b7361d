import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ScheduleAlreadyRunning, type ScheduleOptions } from '@temporalio/client';
import { TemporalClientService } from './temporal-client.service';

/**
 * Keeps one Temporal Schedule: made (or brought up to date) when the app starts, in the
 * background, retried until Temporal answers (the app serves while Temporal is away). Temporal
 * runs it, so it fires once however many processes keep it.
 */
export abstract class ScheduleKeeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private stopped = false;
  private ensuring?: Promise<void>;

  protected constructor(
    protected readonly temporal: TemporalClientService,
    private readonly name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** Unique per task queue: test runs that share a Temporal server do not collide. */
  abstract get scheduleId(): string;

  abstract options(): ScheduleOptions;

  onApplicationBootstrap(): void {
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
          `${this.name} schedule not ensured yet (${error instanceof Error ? error.name : 'error'}); retrying`,
        );
        for (let waited = 0; waited < delay && !this.stopped; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }
}
