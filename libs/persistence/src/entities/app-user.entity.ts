import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, Sector } from '@sanbao/domain';
import { timestamp } from './column-types';

/** The roles a person can hold; `system` is for machines (API keys), never for a person. */
export type UserRole = Exclude<Role, 'system'>;

/**
 * A person who signs in to the API, with the one role and scope they act in: a village cadre
 * their village, a township officer their township, a bureau officer their sector; leaders,
 * supervisors and administrators the whole county. No ID-card or phone numbers are kept.
 */
@Entity({ name: 'app_user' })
@Index('uq_app_user_username', ['username'], { unique: true })
@Check('ck_app_user_username', `"username" ~ '^[a-z0-9][a-z0-9._-]{2,63}$'`)
@Check(
  'ck_app_user_scope',
  `("role" = 'village' AND "village_code" IS NOT NULL AND "township_code" IS NULL AND "sector" IS NULL)
   OR ("role" = 'township' AND "township_code" IS NOT NULL AND "village_code" IS NULL AND "sector" IS NULL)
   OR ("role" = 'bureau' AND "sector" IS NOT NULL AND "village_code" IS NULL AND "township_code" IS NULL)
   OR ("role" IN ('leader', 'supervisor', 'admin') AND "village_code" IS NULL AND "township_code" IS NULL AND "sector" IS NULL)`,
)
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** lower-case sign-in name */
  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** bcrypt hash; the password itself is never stored or logged */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: UserRole;

  @Column({ name: 'village_code', type: 'text', nullable: true })
  villageCode: string | null;

  @Column({ name: 'township_code', type: 'text', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'text', nullable: true })
  sector: Sector | null;

  /** a deactivated user cannot sign in, and their tokens stop working at once */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** when earlier sessions were last ended (password, role or scope changed); for people to read */
  @Column({ name: 'tokens_valid_from', ...timestamp, default: () => 'now()' })
  tokensValidFrom: Date;

  /**
   * Every token carries the version it was issued under and works only while it is current.
   * Only ever raised in SQL (`token_version + 1`), never written from a loaded entity: a stale
   * copy saved over a newer version would bring revoked tokens back.
   */
  @Column({ name: 'token_version', type: 'integer', default: 0, update: false })
  tokenVersion: number;

  @Column({ name: 'created_at', ...timestamp, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestamp, default: () => 'now()' })
  updatedAt: Date;
}
