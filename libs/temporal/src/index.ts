export * from './temporal-client.service';
export * from './temporal.module';
export * from './temporal.health';
