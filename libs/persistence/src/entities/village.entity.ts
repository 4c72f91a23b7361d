import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestamp } from './column-types';

/** A village (行政村) or community, by its 12-digit code, whose first 9 digits are its township's. */
@Entity({ name: 'village' })
@Index('ix_village_township', ['townshipCode'])
@Check('ck_village_code', `"code" ~ '^[0-9]{12}$' AND left("code", 9) = "township_code"`)
export class VillageEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_village' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'township_code', type: 'text' })
  townshipCode: string;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestamp, default: () => 'now()' })
  updatedAt: Date;
}
