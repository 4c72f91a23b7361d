import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { CustomTransportStrategy, MicroserviceOptions } from '@nestjs/microservices';

/**
 * The token under which a feature module provides a transport server (libs/messaging's
 * NatsQueueServer, JetStreamPullServer). Servers are providers, not objects made in main.ts, so
 * that they get the module's lifecycle: they stop, finishing their work in hand, before the
 * shared NATS connection closes.
 */
export const TRANSPORT_SERVER = Symbol('TRANSPORT_SERVER');

/**
 * Makes the app hybrid: connects each transport server its modules provide (NATS request/reply
 * in the sector services, the signal stream in the intake) beside its HTTP edge. Call before
 * init(); start them with `app.startAllMicroservices()` after it.
 */
export function connectMicroservices(app: INestApplication): number {
  // Read from the module graph rather than `app.get(TOKEN)`: for an app with HTTP only that
  // lookup throws, and Nest logs every such miss as an ERROR line at start-up.
  const servers: CustomTransportStrategy[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    const wrapper = module.providers.get(TRANSPORT_SERVER);
    if (wrapper?.instance) servers.push(wrapper.instance as CustomTransportStrategy);
  }
  for (const strategy of servers) app.connectMicroservice<MicroserviceOptions>({ strategy });
  return servers.length;
}
