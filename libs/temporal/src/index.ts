export * from './issue-workflows';
export * from './payload-codec';
export * from './report-workflows';
export * from './temporal-client.service';
export * from './temporal.health';
export * from './temporal.module';
export * from './workflow-ids';
