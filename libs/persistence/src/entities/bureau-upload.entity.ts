import type { RejectedRecord } from '@sanbao/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Sector } from '@sanbao/domain';
import { timestamp } from './column-types';

/** Where a console upload stands: being relayed to the sector service, done, or failed. */
export type BureauUploadStatus = 'checking' | 'done' | 'failed';

/**
 * A roster file a bureau officer uploaded from the console (POST /uploads/<sector>/<kind>):
 * the API read it, relays its records to the sector service a slice at a time and keeps the
 * counts here, so that any API instance can report the progress and serve the error sheet.
 * One row per person and request id: the same request sent again is the same upload.
 */
@Entity({ name: 'bureau_upload' })
@Index('uq_bureau_upload_request', ['userId', 'requestId'], { unique: true })
@Check('ck_bureau_upload_sector', `"sector" IN ('education', 'medical', 'housing', 'water')`)
@Check('ck_bureau_upload_status', `"status" IN ('checking', 'done', 'failed')`)
export class BureauUploadEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_bureau_upload' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  sector: Sector;

  @Column({ type: 'text' })
  kind: string;

  /** the file's name as the browser gave it (shown back, never used as a path) */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** csv or xlsx: what the file was read as */
  @Column({ type: 'text' })
  format: string;

  @Column({ type: 'text' })
  status: BureauUploadStatus;

  /** rows the file held */
  @Column({ type: 'integer' })
  received: number;

  /** rows the sector service has answered for so far */
  @Column({ type: 'integer', default: 0 })
  processed: number;

  @Column({ type: 'integer', default: 0 })
  accepted: number;

  @Column({ name: 'signals_raised', type: 'integer', default: 0 })
  signalsRaised: number;

  @Column({ name: 'duplicate_signals', type: 'integer', default: 0 })
  duplicateSignals: number;

  /** the rejected rows so far, by the file's row number, with each field's reasons */
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  rejected: RejectedRecord[];

  /** why a failed upload stopped: the sector service's code and message */
  @Column({ type: 'jsonb', nullable: true })
  failure: { code: string; message: string } | null;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestamp, default: () => 'now()' })
  updatedAt: Date;
}
