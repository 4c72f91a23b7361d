import { INestApplication } from '@nestjs/common';
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
  let servers: CustomTransportStrategy[];
  try {
    servers = app.get<CustomTransportStrategy>(TRANSPORT_SERVER, { strict: false, each: true });
  } catch {
    return 0; // an app with HTTP only
  }
  for (const strategy of servers) app.connectMicroservice<MicroserviceOptions>({ strategy });
  return servers.length;
}
