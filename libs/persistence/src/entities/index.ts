import { IssueAuditEntity } from './issue-audit.entity';
import { IssueLapseEntity } from './issue-lapse.entity';
import { IssueLedgerEntity } from './issue-ledger.entity';
import { IssueNotificationEntity } from './issue-notification.entity';
import { IssueLedgerNoEntity, LedgerSequenceEntity } from './ledger-sequence.entity';

export * from './issue-audit.entity';
export * from './issue-lapse.entity';
export * from './issue-ledger.entity';
export * from './issue-notification.entity';
export * from './ledger-sequence.entity';

/** Every TypeORM entity of the system; the data source and migrations are built from this list. */
export const ENTITIES: Function[] = [
  IssueLedgerEntity,
  IssueAuditEntity,
  IssueLapseEntity,
  IssueNotificationEntity,
  LedgerSequenceEntity,
  IssueLedgerNoEntity,
];
