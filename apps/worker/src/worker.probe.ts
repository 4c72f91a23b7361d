import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthProbe } from '@sanbao/runtime';
import { WorkerService } from './worker.service';

@Injectable()
export class WorkerProbe implements HealthProbe {
  constructor(private readonly worker: WorkerService) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('worker');
    const state = this.worker.state;
    return state === 'RUNNING' ? session.up({ state }) : session.down({ state });
  }
}
