import { DynamicModule, Type } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@sanbao/config';
import { HealthModule, HealthProbe } from './health';
import { MetricsModule } from './metrics';

/**
 * One shared dependency of an app: its module and the probe that reports it. The infra libs
 * make them (`usesPostgres()`, `usesNats()`, `usesTemporal()`).
 */
export interface Dependency {
  module: DynamicModule;
  probe: Type<HealthProbe>;
}

/**
 * The shared modules an app needs, the health endpoint that reports exactly those
 * dependencies, and the Prometheus /metrics every app serves. Apps list what they use;
 * nothing else is connected, or even loaded.
 */
export function infrastructure(
  config: AppConfig,
  uses: Dependency[],
  extra: { probes?: Type<HealthProbe>[]; imports?: DynamicModule['imports'] } = {},
): NonNullable<DynamicModule['imports']> {
  return [
    ConfigModule.forRoot(config),
    MetricsModule,
    ...uses.map((dependency) => dependency.module),
    HealthModule.forRoot({
      probes: [...uses.map((dependency) => dependency.probe), ...(extra.probes ?? [])],
      imports: extra.imports,
    }),
  ];
}
