import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two small tables for issue 12's "nothing is lost":
 *
 * - `issue_repairs`: an issue whose flush (`writeFlush`) failed for good, recorded by its
 *   workflow so that it is never invisible. Only the workflow id (a keyed hash, or the raw key
 *   of an issue from before ids were hashed), its opening, sector, ledger number if it had one
 *   and a reason that names codes, never values: a write this small cannot fail for the reason
 *   the flush did. A repair re-projects the workflow's state and sets `repaired_at`.
 * - `reconciliation_reports`: every reconciliation run's report (signals, workflows, ledger
 *   rows of a period; what was found and what was repaired), newest first.
 */
export class Reconciliation1768032000000 implements MigrationInterface {
  name = 'Reconciliation1768032000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "issue_repairs" (
        "workflow_id" text NOT NULL,
        "opening_id" text NOT NULL,
        "sector" text NOT NULL,
        "ledger_no" text,
        "reason" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 1,
        "first_failed_at" timestamptz NOT NULL DEFAULT now(),
        "last_failed_at" timestamptz NOT NULL DEFAULT now(),
        "repaired_at" timestamptz,
        CONSTRAINT "pk_issue_repairs" PRIMARY KEY ("workflow_id", "opening_id")
      )`);
    await q.query(
      `CREATE INDEX "ix_issue_repairs_open" ON "issue_repairs" ("first_failed_at") WHERE "repaired_at" IS NULL`,
    );
    await q.query(`
      CREATE TABLE "reconciliation_reports" (
        "id" bigserial NOT NULL,
        "from_at" timestamptz NOT NULL,
        "to_at" timestamptz NOT NULL,
        "trigger" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz NOT NULL,
        "report" jsonb NOT NULL,
        CONSTRAINT "pk_reconciliation_reports" PRIMARY KEY ("id")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reconciliation_reports"`);
    await q.query(`DROP TABLE "issue_repairs"`);
  }
}
