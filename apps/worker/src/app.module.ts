import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { infrastructure } from '@sanbao/runtime';
import { WorkerModule } from './worker.module';
import { WorkerProbe } from './worker.probe';

@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ...infrastructure(config, ['temporal', 'postgres', 'nats'], {
          probes: [WorkerProbe],
          imports: [WorkerModule],
        }),
        WorkerModule,
      ],
    };
  }
}
