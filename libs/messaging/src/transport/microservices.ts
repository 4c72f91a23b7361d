import type { CustomTransportStrategy } from '@nestjs/microservices';

/**
 * The token under which a feature module provides a transport server (a NatsQueueServer, a
 * JetStreamPullServer). Servers are providers, not objects made in main.ts, so that they get
 * the module's lifecycle: they stop, finishing their work in hand, before the shared NATS
 * connection closes. Bootstrap connects every one it finds (`connectMicroservices`).
 */
export const TRANSPORT_SERVER = Symbol('TRANSPORT_SERVER');

export type TransportServer = CustomTransportStrategy;
