import { DynamicModule, Type } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@sanbao/config';
import { MessagingModule } from '@sanbao/messaging';
import { PersistenceModule } from '@sanbao/persistence';
import { TemporalModule } from '@sanbao/temporal';
import { DatabaseProbe, HealthModule, HealthProbe, NatsProbe, TemporalProbe } from './health';

export type Dependency = 'postgres' | 'nats' | 'temporal';

/**
 * The shared modules an app needs and the health endpoint that reports exactly those
 * dependencies. Apps list what they use; nothing else is connected.
 */
export function infrastructure(
  config: AppConfig,
  uses: Dependency[],
  extra: { probes?: Type<HealthProbe>[]; imports?: DynamicModule['imports'] } = {},
): NonNullable<DynamicModule['imports']> {
  const imports: NonNullable<DynamicModule['imports']> = [ConfigModule.forRoot(config)];
  const probes: Type<HealthProbe>[] = [];
  for (const dependency of uses) {
    switch (dependency) {
      case 'postgres':
        imports.push(PersistenceModule.forRoot());
        probes.push(DatabaseProbe);
        break;
      case 'nats':
        imports.push(MessagingModule.forRoot());
        probes.push(NatsProbe);
        break;
      case 'temporal':
        imports.push(TemporalModule.forRoot());
        probes.push(TemporalProbe);
        break;
    }
  }
  imports.push(
    HealthModule.forRoot({
      probes: [...probes, ...(extra.probes ?? [])],
      imports: extra.imports,
    }),
  );
  return imports;
}
