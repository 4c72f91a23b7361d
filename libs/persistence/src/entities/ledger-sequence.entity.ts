import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
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
 * The ledger number given to each issue key. Allocation looks here first, so a retried
 * activity gets the same number back instead of burning a second one.
 */
@Entity({ name: 'issue_ledger_no' })
@Unique('uq_issue_ledger_no_ledger_no', ['ledgerNo'])
export class IssueLedgerNoEntity {
  @PrimaryColumn({
    name: 'issue_key',
    type: 'text',
    primaryKeyConstraintName: 'pk_issue_ledger_no',
  })
  issueKey: string;

  @Column({ name: 'ledger_no', type: 'text' })
  ledgerNo: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ name: 'sector_code', type: 'text' })
  sectorCode: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'allocated_at', ...timestamp, default: () => 'now()' })
  allocatedAt: Date;
}
