import { Controller, DynamicModule, Get, Inject, Module, Type } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import { CLOCK, systemClock } from './clock';

/**
 * One dependency an app reports on its health endpoint. Each infra lib exports its own
 * (`@sanbao/temporal`, `@sanbao/messaging`, `@sanbao/persistence`), so this module loads no
 * client an app does not use.
 */
export interface HealthProbe {
  check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult>;
}

export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

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
        { provide: CLOCK, useValue: systemClock },
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
