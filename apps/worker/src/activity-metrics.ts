import { Injectable } from '@nestjs/common';
import { Metrics } from '@sanbao/runtime';
import type { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Counts and times each activity execution by activity name and outcome, as a Temporal
 * activity interceptor: every activity is counted, including ones added later, without each
 * service remembering to. A failed attempt Temporal will retry counts as failed too; the
 * attempts are what the database and NATS saw.
 */
@Injectable()
export class ActivityMetrics {
  private readonly executions;
  private readonly duration;

  constructor(metrics: Metrics) {
    this.executions = metrics.counter({
      name: 'sanbao_worker_activities_total',
      help: 'Activity executions (attempts), by activity and outcome: completed, failed or cancelled',
      labelNames: ['activity', 'outcome'],
    });
    this.duration = metrics.histogram({
      name: 'sanbao_worker_activity_duration_seconds',
      help: 'Time an activity execution (attempt) took, by activity and outcome',
      labelNames: ['activity', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
  }

  readonly interceptor: ActivityInterceptorsFactory = (ctx: Context) => ({
    inbound: {
      execute: async (input, next) => {
        const started = process.hrtime.bigint();
        const settle = (outcome: string) => {
          const labels = { activity: ctx.info.activityType, outcome };
          this.executions.inc(labels);
          this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        };
        try {
          const result = await next(input);
          settle('completed');
          return result;
        } catch (error) {
          settle(error instanceof CancelledFailure ? 'cancelled' : 'failed');
          throw error;
        }
      },
    },
  });
}
