import { IssueAuditEntity } from './issue-audit.entity';
import { IssueLapseEntity } from './issue-lapse.entity';
import { IssueLedgerEntity } from './issue-ledger.entity';
import { IssueNotificationEntity } from './issue-notification.entity';
import { IssueLedgerNoEntity, LedgerSequenceEntity } from './ledger-sequence.entity';
import { MachineKeyEntity } from './machine-key.entity';
import { AppUserEntity } from './app-user.entity';
import { BureauUploadEntity } from './bureau-upload.entity';
import { MonthlyReportEntity } from './monthly-report.entity';
import { TownshipEntity } from './township.entity';
import { VillageEntity } from './village.entity';

export * from './issue-audit.entity';
export * from './issue-lapse.entity';
export * from './issue-ledger.entity';
export * from './issue-notification.entity';
export * from './ledger-sequence.entity';
export * from './machine-key.entity';
export * from './app-user.entity';
export * from './bureau-upload.entity';
export * from './monthly-report.entity';
export * from './township.entity';
export * from './village.entity';

/** Every TypeORM entity of the system; the data source and migrations are built from this list. */
export const ENTITIES: Function[] = [
  IssueLedgerEntity,
  IssueAuditEntity,
  IssueLapseEntity,
  IssueNotificationEntity,
  LedgerSequenceEntity,
  IssueLedgerNoEntity,
  TownshipEntity,
  VillageEntity,
  AppUserEntity,
  MonthlyReportEntity,
  MachineKeyEntity,
  BureauUploadEntity,
];
