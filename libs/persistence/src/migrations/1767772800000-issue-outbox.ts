import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of issue events. A workflow step's rows and its events are written
 * in one transaction (`writeFlush`); the worker's relay publishes each unsent row on JetStream
 * with its message id (`<ledgerNo>:<event>:<seq>`, so a repeated publish is dropped by the
 * stream) and marks it sent. A worker that dies between commit and publish leaves the rows
 * unsent: the next relay publishes them. Sent rows are pruned after the stream's two-day
 * duplicate window, so a replayed flush can never publish an event twice.
 *
 * `prefix` is the NATS prefix of the worker that wrote the row (NATS_PREFIX): a relay sends only
 * its own deployment's rows, so deployments (or test runs) sharing a database stay apart.
 */
export class IssueOutbox1767772800000 implements MigrationInterface {
  name = 'IssueOutbox1767772800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "issue_outbox" (
        "id" bigserial NOT NULL,
        "prefix" text NOT NULL,
        "message_id" text NOT NULL,
        "ledger_no" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "sent_at" timestamptz,
        CONSTRAINT "pk_issue_outbox" PRIMARY KEY ("id"),
        CONSTRAINT "uq_issue_outbox_message_id" UNIQUE ("prefix", "message_id")
      )`);
    // The relay reads only what is still to send, oldest first.
    await q.query(
      `CREATE INDEX "ix_issue_outbox_unsent" ON "issue_outbox" ("prefix", "id") WHERE "sent_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_issue_outbox_sent" ON "issue_outbox" ("sent_at") WHERE "sent_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "issue_outbox"`);
  }
}
