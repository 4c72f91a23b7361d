import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One ledger row per opening of an issue key. After write-off the same key (workflow id) may
 * open a new issue: a new workflow chain, told apart by its first run id (`opening_id`), with
 * a ledger number of its own. The read models were keyed by issue key, so a second opening
 * overwrote nothing and was lost; they are now keyed by ledger number, which names one opening.
 *
 * Rows written before this migration keep a null `opening_id`: their workflows already carry
 * their ledger number, so they never look it up by opening again.
 */
export class IssueOpenings1767484800000 implements MigrationInterface {
  name = 'IssueOpenings1767484800000';

  async up(q: QueryRunner): Promise<void> {
    // Ledger numbers: one per opening.
    await q.query(`ALTER TABLE "issue_ledger_no" ADD "opening_id" text`);
    await q.query(`ALTER TABLE "issue_ledger_no" DROP CONSTRAINT "pk_issue_ledger_no"`);
    await q.query(`ALTER TABLE "issue_ledger_no" DROP CONSTRAINT "uq_issue_ledger_no_ledger_no"`);
    await q.query(
      `ALTER TABLE "issue_ledger_no" ADD CONSTRAINT "pk_issue_ledger_no" PRIMARY KEY ("ledger_no")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_issue_ledger_no_opening" ON "issue_ledger_no" ("issue_key", "opening_id")`,
    );

    // The ledger: keyed by ledger number. No unique "one open row per key": Temporal already
    // runs one workflow per key at a time, and an issue whose workflow an operator terminated
    // stays open in the ledger; a constraint would then refuse the key's next issue its row.
    await q.query(`ALTER TABLE "issue_ledger" ADD "opening_id" text`);
    await q.query(`
      UPDATE "issue_ledger" l SET "ledger_no" = n."ledger_no"
      FROM "issue_ledger_no" n WHERE l."ledger_no" IS NULL AND n."issue_key" = l."issue_key"`);
    await q.query(`ALTER TABLE "issue_ledger" DROP CONSTRAINT "pk_issue_ledger"`);
    await q.query(`DROP INDEX "uq_issue_ledger_ledger_no"`);
    await q.query(`ALTER TABLE "issue_ledger" ALTER COLUMN "ledger_no" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "issue_ledger" ADD CONSTRAINT "pk_issue_ledger" PRIMARY KEY ("ledger_no")`,
    );
    await q.query(`CREATE INDEX "ix_issue_ledger_key" ON "issue_ledger" ("issue_key")`);

    // The audit trail: entries are numbered within an opening. Filling in the new column is
    // the one change the append-only trigger lets through, with the trigger off for it.
    await q.query(`ALTER TABLE "issue_audit" ADD "ledger_no" text`);
    await q.query(`ALTER TABLE "issue_audit" DISABLE TRIGGER "issue_audit_append_only"`);
    await q.query(`
      UPDATE "issue_audit" a SET "ledger_no" = n."ledger_no"
      FROM "issue_ledger_no" n WHERE n."issue_key" = a."issue_key"`);
    await q.query(`ALTER TABLE "issue_audit" ENABLE TRIGGER "issue_audit_append_only"`);
    await q.query(`ALTER TABLE "issue_audit" ALTER COLUMN "ledger_no" SET NOT NULL`);
    await q.query(`ALTER TABLE "issue_audit" DROP CONSTRAINT "pk_issue_audit"`);
    await q.query(
      `ALTER TABLE "issue_audit" ADD CONSTRAINT "pk_issue_audit" PRIMARY KEY ("ledger_no", "seq")`,
    );
    await q.query(`CREATE INDEX "ix_issue_audit_key" ON "issue_audit" ("issue_key")`);

    // Lapses: one per (opening, stage, due time).
    await q.query(`
      UPDATE "issue_lapse" p SET "ledger_no" = n."ledger_no"
      FROM "issue_ledger_no" n WHERE p."ledger_no" IS NULL AND n."issue_key" = p."issue_key"`);
    await q.query(`ALTER TABLE "issue_lapse" ALTER COLUMN "ledger_no" SET NOT NULL`);
    await q.query(`ALTER TABLE "issue_lapse" DROP CONSTRAINT "uq_issue_lapse"`);
    await q.query(
      `ALTER TABLE "issue_lapse" ADD CONSTRAINT "uq_issue_lapse" UNIQUE ("ledger_no", "stage", "due_at")`,
    );
    await q.query(`CREATE INDEX "ix_issue_lapse_key" ON "issue_lapse" ("issue_key")`);

    // Reminders and escalations: one per (opening, record entry).
    await q.query(`ALTER TABLE "issue_notification" ADD "ledger_no" text`);
    await q.query(`
      UPDATE "issue_notification" t SET "ledger_no" = n."ledger_no"
      FROM "issue_ledger_no" n WHERE n."issue_key" = t."issue_key"`);
    await q.query(`ALTER TABLE "issue_notification" ALTER COLUMN "ledger_no" SET NOT NULL`);
    await q.query(`ALTER TABLE "issue_notification" DROP CONSTRAINT "pk_issue_notification"`);
    await q.query(
      `ALTER TABLE "issue_notification" ADD CONSTRAINT "pk_issue_notification" PRIMARY KEY ("ledger_no", "seq")`,
    );
    await q.query(`CREATE INDEX "ix_issue_notification_key" ON "issue_notification" ("issue_key")`);
  }

  /** Only while every issue key has been opened once: the old keys cannot hold a second. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_issue_notification_key"`);
    await q.query(`ALTER TABLE "issue_notification" DROP CONSTRAINT "pk_issue_notification"`);
    await q.query(
      `ALTER TABLE "issue_notification" ADD CONSTRAINT "pk_issue_notification" PRIMARY KEY ("issue_key", "seq")`,
    );
    await q.query(`ALTER TABLE "issue_notification" DROP COLUMN "ledger_no"`);

    await q.query(`DROP INDEX "ix_issue_lapse_key"`);
    await q.query(`ALTER TABLE "issue_lapse" DROP CONSTRAINT "uq_issue_lapse"`);
    await q.query(
      `ALTER TABLE "issue_lapse" ADD CONSTRAINT "uq_issue_lapse" UNIQUE ("issue_key", "stage", "due_at")`,
    );
    await q.query(`ALTER TABLE "issue_lapse" ALTER COLUMN "ledger_no" DROP NOT NULL`);

    await q.query(`DROP INDEX "ix_issue_audit_key"`);
    await q.query(`ALTER TABLE "issue_audit" DROP CONSTRAINT "pk_issue_audit"`);
    await q.query(
      `ALTER TABLE "issue_audit" ADD CONSTRAINT "pk_issue_audit" PRIMARY KEY ("issue_key", "seq")`,
    );
    await q.query(`ALTER TABLE "issue_audit" DROP COLUMN "ledger_no"`);

    await q.query(`DROP INDEX "ix_issue_ledger_key"`);
    await q.query(`ALTER TABLE "issue_ledger" DROP CONSTRAINT "pk_issue_ledger"`);
    await q.query(`ALTER TABLE "issue_ledger" ALTER COLUMN "ledger_no" DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_issue_ledger_ledger_no" ON "issue_ledger" ("ledger_no")`,
    );
    await q.query(
      `ALTER TABLE "issue_ledger" ADD CONSTRAINT "pk_issue_ledger" PRIMARY KEY ("issue_key")`,
    );
    await q.query(`ALTER TABLE "issue_ledger" DROP COLUMN "opening_id"`);

    await q.query(`DROP INDEX "uq_issue_ledger_no_opening"`);
    await q.query(`ALTER TABLE "issue_ledger_no" DROP CONSTRAINT "pk_issue_ledger_no"`);
    await q.query(
      `ALTER TABLE "issue_ledger_no" ADD CONSTRAINT "uq_issue_ledger_no_ledger_no" UNIQUE ("ledger_no")`,
    );
    await q.query(
      `ALTER TABLE "issue_ledger_no" ADD CONSTRAINT "pk_issue_ledger_no" PRIMARY KEY ("issue_key")`,
    );
    await q.query(`ALTER TABLE "issue_ledger_no" DROP COLUMN "opening_id"`);
  }
}
