import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestamp } from './column-types';

/** The last ledger number handed out per year and sector (2026-EDU-000123 is number 123). */
@Entity({ name: 'ledger_sequence' })
export class LedgerSequenceEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_ledger_sequence' })
  year: number;

  /** SECTOR_CODES: EDU, MED, HOU, WAT */
  @PrimaryColumn({
    name: 'sector_code',
    type: 'text',
    primaryKeyConstraintName: 'pk_ledger_sequence',
  })
  sectorCode: string;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}

/**
 * The ledger number given to each opening of an issue key (a key written off and reported
 * again opens anew). Allocation looks here first, so a retried activity gets the same number
 * back instead of burning a second one.
 */
@Entity({ name: 'issue_ledger_no' })
@Index('uq_issue_ledger_no_opening', ['issueKey', 'openingId'], { unique: true })
export class IssueLedgerNoEntity {
  @PrimaryColumn({
    name: 'ledger_no',
    type: 'text',
    primaryKeyConstraintName: 'pk_issue_ledger_no',
  })
  ledgerNo: string;

  @Column({ name: 'issue_key', type: 'text' })
  issueKey: string;

  /** the first run id of the opening's workflow chain; null on numbers older than openings */
  @Column({ name: 'opening_id', type: 'text', nullable: true })
  openingId: string | null;

  @Column({ type: 'integer' })
  year: number;

  @Column({ name: 'sector_code', type: 'text' })
  sectorCode: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'allocated_at', ...timestamp, default: () => 'now()' })
  allocatedAt: Date;
}
