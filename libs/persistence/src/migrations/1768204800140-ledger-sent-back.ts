import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Send back and re-route (退回/转办): the ledger row says which unit sent the issue back while
 * it waits for the level above to re-route it, so the work lists move it from the unit that
 * sent it back to the level above, and the re-route (which clears it) to the receiving unit.
 */
export class LedgerSentBack1768204800140 implements MigrationInterface {
  name = 'LedgerSentBack1768204800140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "issue_ledger" ADD "sent_back_by" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "issue_ledger" DROP COLUMN "sent_back_by"`);
  }
}
