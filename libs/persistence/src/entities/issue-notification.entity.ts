import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverdueLevel, Stage } from '@sanbao/domain';
import { timestamp } from './column-types';

/** A reminder or escalation sent about an overdue stage: who was told, and when. */
@Entity({ name: 'issue_notification' })
@Index('ix_issue_notification_unit', ['responsibleUnit'])
@Index('ix_issue_notification_at', ['at'])
@Index('ix_issue_notification_key', ['issueKey'])
export class IssueNotificationEntity {
  /** the opening of the issue the notification is about */
  @PrimaryColumn({
    name: 'ledger_no',
    type: 'text',
    primaryKeyConstraintName: 'pk_issue_notification',
  })
  ledgerNo: string;

  @Column({ name: 'issue_key', type: 'text' })
  issueKey: string;

  /** the record entry (reminder / escalation) this notification belongs to */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_issue_notification' })
  seq: number;

  /** the issue event published with it: `reminded` (yellow) or `escalated` (red) */
  @Column({ type: 'text' })
  event: 'reminded' | 'escalated';

  @Column({ type: 'text' })
  stage: Stage;

  @Column({ type: 'text' })
  level: OverdueLevel;

  @Column({ name: 'responsible_unit', type: 'text' })
  responsibleUnit: string;

  /** the levels told: village, township, bureau, leader, supervisor */
  @Column({ type: 'text', array: true })
  notify: string[];

  @Column({ name: 'due_at', ...timestamp })
  dueAt: Date;

  @Column(timestamp)
  at: Date;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;
}
