import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Actor, RecordKind, RecordPayload, Stage } from '@sanbao/domain';
import { timestamp } from './column-types';

/**
 * The audit trail: every entry of an issue's signed record (acts, evidence, lapses, reminders,
 * escalations, decisions), kept for ever. Append-only: a trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'issue_audit' })
@Index('ix_issue_audit_kind_at', ['kind', 'at'])
@Index('ix_issue_audit_at', ['at'])
@Index('ix_issue_audit_key', ['issueKey'])
export class IssueAuditEntity {
  /** the opening of the issue the entry belongs to */
  @PrimaryColumn({ name: 'ledger_no', type: 'text', primaryKeyConstraintName: 'pk_issue_audit' })
  ledgerNo: string;

  @Column({ name: 'issue_key', type: 'text' })
  issueKey: string;

  /** the entry's place in the opening's record */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_issue_audit' })
  seq: number;

  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ type: 'text' })
  kind: RecordKind;

  @Column({ type: 'jsonb' })
  /** who signed the entry, with the scope they acted in (the act's Actor, nothing more) */
  actor: Actor;

  @Column(timestamp)
  at: Date;

  /** the stage the act was done in */
  @Column({ type: 'text' })
  stage: Stage;

  @Column({ type: 'text' })
  summary: string;

  /** the entry's payload, typed by its kind: read it through typedRecord() to narrow on kind */
  @Column({ type: 'jsonb', default: {} })
  payload: RecordPayload;

  @Column({ name: 'recorded_at', ...timestamp, default: () => 'now()' })
  recordedAt: Date;
}
