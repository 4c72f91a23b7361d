export * from './issue-activities.service';
export * from './issue-events.publisher';
export * from './issue-records.repository';
export * from './issue-activities.module';
export * from './issue-flush.service';
export * from './issue-outbox.relay';
