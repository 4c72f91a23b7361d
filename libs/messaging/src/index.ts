export * from './nats.service';
export * from './streams';
export * from './messaging.module';
export * from './nats.health';
export * from './transport';
