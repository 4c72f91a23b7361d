import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { timestamp } from './column-types';

/** A township (乡镇) of the county, or the town-area office (城区事务中心), by its 9-digit code. */
@Entity({ name: 'township' })
@Check('ck_township_code', `"code" ~ '^[0-9]{9}$'`)
export class TownshipEntity {
  /** administrative division code (统计用区划代码), 9 digits */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_township' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestamp, default: () => 'now()' })
  updatedAt: Date;
}
