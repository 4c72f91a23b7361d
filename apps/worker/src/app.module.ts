import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { usesNats } from '@sanbao/messaging';
import { usesPostgres } from '@sanbao/persistence';
import { CalendarProbe, infrastructure } from '@sanbao/runtime';
import { usesTemporal } from '@sanbao/temporal';
import { WorkerModule } from './worker.module';
import { WorkerProbe } from './worker.probe';

@Module({})
export class WorkerAppModule {
  static forRoot(given: AppConfig): DynamicModule {
    const config = withWorkerPool(given);
    return {
      module: WorkerAppModule,
      imports: [
        ...infrastructure(config, [usesTemporal(), usesPostgres(), usesNats()], {
          probes: [WorkerProbe, CalendarProbe],
          imports: [WorkerModule],
        }),
        WorkerModule,
      ],
    };
  }
}

/**
 * The worker's pool matches its work: a connection for each activity and each local activity
 * it runs at once, one for the outbox relay and one for health, so no activity waits for a
 * connection that another activity of its own worker holds.
 */
export function withWorkerPool(config: AppConfig): AppConfig {
  const { activityConcurrency } = config.worker;
  return { ...config, database: { ...config.database, poolSize: 2 * activityConcurrency + 2 } };
}
