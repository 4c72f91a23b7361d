import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Closure, IssueChannel, OverdueLevel, Sector, Severity, Stage } from '@sanbao/domain';
import { timestamp } from './column-types';

/**
 * The ledger (台账): one row per issue, the read model of the issue workflow's state. The
 * workflow (Temporal) is the source of truth; the worker's saveLedgerRow activity keeps this
 * row up to date, and `lastSeq` makes sure an older snapshot never overwrites a newer one.
 * An issue key written off and reported again is a new issue with its own ledger number: the
 * row is named by its ledger number.
 */
@Entity({ name: 'issue_ledger' })
// The lists' indexes (descending and partial: migration 1767686400000-read-indexes) are
// the migration's; TypeORM can describe neither, so it leaves them alone.
@Index('ix_issue_ledger_reported_order', { synchronize: false })
@Index('ix_issue_ledger_village_reported', { synchronize: false })
@Index('ix_issue_ledger_township_reported', { synchronize: false })
@Index('ix_issue_ledger_sector_reported', { synchronize: false })
@Index('ix_issue_ledger_open_due', { synchronize: false })
@Index('ix_issue_ledger_village_open_due', { synchronize: false })
@Index('ix_issue_ledger_township_open_due', { synchronize: false })
@Index('ix_issue_ledger_sector_open_due', { synchronize: false })
@Index('ix_issue_ledger_village_work', { synchronize: false })
@Index('ix_issue_ledger_township_work', { synchronize: false })
@Index('ix_issue_ledger_sector_work', { synchronize: false })
@Index('ix_issue_ledger_voting', { synchronize: false })
@Index('ix_issue_ledger_stage_scope', { synchronize: false })
@Index('ix_issue_ledger_level_scope', { synchronize: false })
@Index('ix_issue_ledger_due_unmarked', { synchronize: false })
@Index('ix_issue_ledger_stage_reported', { synchronize: false })
@Index('ix_issue_ledger_village_stage_reported', { synchronize: false })
@Index('ix_issue_ledger_township_stage_reported', { synchronize: false })
@Index('ix_issue_ledger_sector_stage_reported', { synchronize: false })
@Index('ix_issue_ledger_level_reported', { synchronize: false })
@Index('ix_issue_ledger_village_level_reported', { synchronize: false })
@Index('ix_issue_ledger_township_level_reported', { synchronize: false })
@Index('ix_issue_ledger_sector_level_reported', { synchronize: false })
@Index('ix_issue_ledger_open_reported', { synchronize: false })
@Index('ix_issue_ledger_village_open_reported', { synchronize: false })
@Index('ix_issue_ledger_township_open_reported', { synchronize: false })
@Index('ix_issue_ledger_sector_open_reported', { synchronize: false })
// By ledger number (migration 1768377600170-ledger-sort-indexes).
@Index('ix_issue_ledger_village_no', { synchronize: false })
@Index('ix_issue_ledger_township_no', { synchronize: false })
@Index('ix_issue_ledger_sector_no', { synchronize: false })
@Index('ix_issue_ledger_level_no', { synchronize: false })
@Index('ix_issue_ledger_village_level_no', { synchronize: false })
@Index('ix_issue_ledger_township_level_no', { synchronize: false })
@Index('ix_issue_ledger_sector_level_no', { synchronize: false })
// The leaders' work list (migration 1768464000000-work-list-indexes).
@Index('ix_issue_ledger_open_voting', { synchronize: false })
@Index('ix_issue_ledger_open_sent_back', { synchronize: false })
@Index('ix_issue_ledger_subject', ['subjectId'])
@Index('ix_issue_ledger_key', ['issueKey'])
@Check('ck_issue_ledger_status', `"status" IN ('open', 'closed')`)
@Check('ck_issue_ledger_overdue', `"overdue_level" IN ('none', 'yellow', 'red')`)
export class IssueLedgerEntity {
  /** e.g. 2026-EDU-000123: names this opening of the issue key */
  @PrimaryColumn({ name: 'ledger_no', type: 'text', primaryKeyConstraintName: 'pk_issue_ledger' })
  ledgerNo: string;

  /** the workflow id; the same for every opening of the same problem */
  @Column({ name: 'issue_key', type: 'text' })
  issueKey: string;

  /** the first run id of the opening's workflow chain; null on rows older than openings */
  @Column({ name: 'opening_id', type: 'text', nullable: true })
  openingId: string | null;

  @Column({ type: 'text' })
  sector: Sector;

  /** the sector's kind of risk, e.g. not_enrolled, outage */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind: 'household' | 'village';

  /** household number in the county register, or the village code for a village-wide issue */
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  /** opaque reference to the person concerned (never an ID number) */
  @Column({ name: 'person_ref', type: 'text', nullable: true })
  personRef: string | null;

  @Column({ name: 'village_code', type: 'text' })
  villageCode: string;

  @Column({ name: 'township_code', type: 'text' })
  townshipCode: string;

  @Column({ type: 'text' })
  channel: IssueChannel;

  @Column({ type: 'text' })
  summary: string;

  /** set by the solution plan */
  @Column({ type: 'text', nullable: true })
  severity: Severity | null;

  @Column({ type: 'text' })
  stage: Stage;

  @Column({ type: 'text' })
  status: 'open' | 'closed';

  @Column({ type: 'text', nullable: true })
  closure: Closure | null;

  @Column({ name: 'reported_at', ...timestamp })
  reportedAt: Date;

  @Column({ name: 'stage_since', ...timestamp })
  stageSince: Date;

  /** the current stage's time limit; null once closed */
  @Column({ name: 'current_due_at', ...timestamp, nullable: true })
  currentDueAt: Date | null;

  @Column({ name: 'overdue_level', type: 'text', default: 'none' })
  overdueLevel: OverdueLevel;

  /** every stage's time limit so far, ISO 8601 by stage */
  @Column({ type: 'jsonb', default: {} })
  deadlines: Partial<Record<Exclude<Stage, 'closed'>, string>>;

  @Column({ name: 'responsible_unit', type: 'text', nullable: true })
  responsibleUnit: string | null;

  @Column({ name: 'responsible_person', type: 'text', nullable: true })
  responsiblePerson: string | null;

  @Column({ name: 'completion_date', ...timestamp, nullable: true })
  completionDate: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  measures: string[] | null;

  @Column({ type: 'jsonb', default: {} })
  /** the rules' flags; calendarUncovered: the years the current limit was counted without holiday lists */
  flags: { emergency?: boolean; transitionalHousing?: boolean; calendarUncovered?: number[] };

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount: number;

  /** reminders sent for the current overdue stage */
  @Column({ type: 'integer', default: 0 })
  reminders: number;

  @Column({ name: 'lapse_count', type: 'integer', default: 0 })
  lapseCount: number;

  /** status of the latest extension request: voting, approved, rejected or lapsed */
  @Column({ name: 'extension_status', type: 'text', nullable: true })
  extensionStatus: 'voting' | 'approved' | 'rejected' | 'lapsed' | null;

  /** the unit that sent the issue back (退回), while it waits for the level above to re-route it */
  @Column({ name: 'sent_back_by', type: 'text', nullable: true })
  sentBackBy: string | null;

  /** the snapshot's highest record seq: a snapshot with a lower one is ignored */
  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;

  @Column({ name: 'closed_at', ...timestamp, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestamp, default: () => 'now()' })
  updatedAt: Date;
}
