export * from './plain-json';
export * from './subject-pattern';
export * from './nats-queue.server';
export * from './jetstream.context';
export * from './message-outcomes';
export * from './dead-letter';
export * from './jetstream-pull.server';
export * from './jetstream-event.client';
