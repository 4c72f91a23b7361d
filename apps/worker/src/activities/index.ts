export * from './issue-activities.service';
export * from './issue-events.publisher';
export * from './issue-records.repository';
