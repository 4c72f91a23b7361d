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
  static forRoot(config: AppConfig): DynamicModule {
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
