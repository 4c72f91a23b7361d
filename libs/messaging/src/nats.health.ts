import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { MessagingModule } from './messaging.module';
import { NatsService } from './nats.service';

/** NATS as an app's health endpoint reports it. */
@Injectable()
export class NatsProbe {
  constructor(private readonly nats: NatsService) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('nats');
    return (await this.nats.ping()) ? session.up() : session.down({ message: 'not reachable' });
  }
}

/** NATS for an app that uses it: the connection and its probe. */
export function usesNats() {
  return { module: MessagingModule.forRoot(), probe: NatsProbe };
}
