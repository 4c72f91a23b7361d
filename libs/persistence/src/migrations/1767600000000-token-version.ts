import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user token version: every sign-in token carries the version it was issued under, and
 * a password change, deactivation or role/scope change adds one, so every earlier token stops
 * working. `tokens_valid_from` compared times in whole seconds (a JWT's `iat`), so a token
 * issued in the same second as the change outlived it. Existing tokens carry no version and are
 * refused once: everyone signs in again after this deploy.
 */
export class TokenVersion1767600000000 implements MigrationInterface {
  name = 'TokenVersion1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "token_version"`);
  }
}
