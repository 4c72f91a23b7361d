import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Sector } from '@sanbao/domain';
import { timestamp } from './column-types';

/**
 * A bureau system's key for one sector's ingest endpoints. Only the SHA-256 of the key is
 * kept: keys are 256 random bits, so a fast hash is enough and a stolen table opens nothing.
 */
@Entity({ name: 'machine_key' })
@Index('uq_machine_key_hash', ['keyHash'], { unique: true })
@Index('ix_machine_key_sector', ['sector'])
@Check('ck_machine_key_sector', `"sector" IN ('education', 'medical', 'housing', 'water')`)
export class MachineKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_machine_key' })
  id: string;

  @Column({ type: 'text' })
  sector: Sector;

  /** hex SHA-256 of the key */
  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  /** who holds the key, e.g. "县教科局 学籍系统" */
  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  /** set once the key may no longer be used; the row stays for the record */
  @Column({ name: 'revoked_at', ...timestamp, nullable: true })
  revokedAt: Date | null;
}
