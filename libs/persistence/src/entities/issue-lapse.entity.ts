import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { OverdueLevel, Sector, Stage } from '@sanbao/domain';
import { numericAsNumber, timestamp } from './column-types';

/**
 * Accountability (责任追究): one row per missed time limit, against the unit answerable for
 * the stage. `resolvedAt` and `daysLate` are filled when the issue leaves the lapsed stage;
 * while open, days late is counted up to now by whoever reads it.
 */
@Entity({ name: 'issue_lapse' })
@Unique('uq_issue_lapse', ['ledgerNo', 'stage', 'dueAt'])
@Index('ix_issue_lapse_key', ['issueKey'])
@Index('ix_issue_lapse_unit_stage', ['unit', 'stage'])
@Index('ix_issue_lapse_sector', ['sector'])
@Index('ix_issue_lapse_township', ['townshipCode'])
@Index('ix_issue_lapse_detected', ['detectedAt'])
@Index('ix_issue_lapse_due', { synchronize: false })
@Index('ix_issue_lapse_sector_due', { synchronize: false })
@Index('ix_issue_lapse_township_due', { synchronize: false })
export class IssueLapseEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_issue_lapse',
  })
  id: string;

  @Column({ name: 'issue_key', type: 'text' })
  issueKey: string;

  /** the opening of the issue that lapsed */
  @Column({ name: 'ledger_no', type: 'text' })
  ledgerNo: string;

  @Column({ type: 'text' })
  sector: Sector;

  @Column({ name: 'township_code', type: 'text', nullable: true })
  townshipCode: string | null;

  @Column({ name: 'village_code', type: 'text', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text' })
  stage: Stage;

  /** the unit answerable: a village code, a township code or the sector's bureau */
  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'due_at', ...timestamp })
  dueAt: Date;

  @Column({ name: 'detected_at', ...timestamp })
  detectedAt: Date;

  /** the highest overdue level this lapse reached (yellow, then red) */
  @Column({ type: 'text' })
  level: OverdueLevel;

  /** when the issue left the lapsed stage; null while it still waits */
  @Column({ name: 'resolved_at', ...timestamp, nullable: true })
  resolvedAt: Date | null;

  /** (resolvedAt - dueAt) in days, filled with resolvedAt */
  @Column({
    name: 'days_late',
    type: 'numeric',
    precision: 10,
    scale: 3,
    nullable: true,
    transformer: numericAsNumber,
  })
  daysLate: number | null;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;
}
