import { Controller, DynamicModule, Get, Inject, Injectable, Module, Type } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import { NatsService } from '@sanbao/messaging';
import { Database } from '@sanbao/persistence';
import { TemporalClientService } from '@sanbao/temporal';

/** One dependency an app reports on its health endpoint. */
export interface HealthProbe {
  check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult>;
}

export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

@Injectable()
export class DatabaseProbe implements HealthProbe {
  constructor(private readonly database: Database) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('postgres');
    if (!this.database.isConnected) {
      return session.down({ message: this.database.error ?? 'not connected' });
    }
    try {
      await this.database.source.query('SELECT 1');
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'query failed' });
    }
  }
}

@Injectable()
export class NatsProbe implements HealthProbe {
  constructor(private readonly nats: NatsService) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('nats');
    return (await this.nats.ping()) ? session.up() : session.down({ message: 'not reachable' });
  }
}

@Injectable()
export class TemporalProbe implements HealthProbe {
  constructor(private readonly temporal: TemporalClientService) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('temporal');
    return (await this.temporal.ping())
      ? session.up({ namespace: this.temporal.namespace })
      : session.down({ message: 'frontend not reachable' });
  }
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbe[],
  ) {}

  /** 200 with every dependency "up", or 503 naming the ones that are down. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.probes.map((probe) => () => probe.check(this.indicators)));
  }
}

@Module({})
export class HealthModule {
  static forRoot(options: { probes: Type<HealthProbe>[]; imports?: DynamicModule['imports'] }) {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        ...options.probes,
        {
          provide: HEALTH_PROBES,
          useFactory: (...probes: HealthProbe[]) => probes,
          inject: options.probes,
        },
      ],
    } satisfies DynamicModule;
  }
}
