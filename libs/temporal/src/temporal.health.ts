import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientService } from './temporal-client.service';
import { TemporalModule } from './temporal.module';

/** The Temporal frontend as an app's health endpoint reports it. */
@Injectable()
export class TemporalProbe {
  constructor(private readonly temporal: TemporalClientService) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('temporal');
    return (await this.temporal.ping())
      ? session.up({ namespace: this.temporal.namespace })
      : session.down({ message: 'frontend not reachable' });
  }
}

/**
 * Temporal for an app that uses it: the client and its probe. Only apps that call this load
 * `@temporalio/client` (the runtime lib names no dependency itself).
 */
export function usesTemporal() {
  return { module: TemporalModule.forRoot(), probe: TemporalProbe };
}
