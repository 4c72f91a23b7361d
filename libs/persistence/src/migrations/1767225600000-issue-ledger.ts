import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The issue workflow's read models: the ledger (台账), the audit trail, lapses for
 * accountability, reminders and escalations sent, and the ledger-number counters.
 */
export class IssueLedger1767225600000 implements MigrationInterface {
  name = 'IssueLedger1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "issue_ledger" (
        "issue_key" text NOT NULL,
        "ledger_no" text,
        "sector" text NOT NULL,
        "kind" text NOT NULL,
        "subject_kind" text NOT NULL,
        "subject_id" text NOT NULL,
        "person_ref" text,
        "village_code" text NOT NULL,
        "township_code" text NOT NULL,
        "channel" text NOT NULL,
        "summary" text NOT NULL,
        "severity" text,
        "stage" text NOT NULL,
        "status" text NOT NULL,
        "closure" text,
        "reported_at" timestamp with time zone NOT NULL,
        "stage_since" timestamp with time zone NOT NULL,
        "current_due_at" timestamp with time zone,
        "overdue_level" text NOT NULL DEFAULT 'none',
        "deadlines" jsonb NOT NULL DEFAULT '{}',
        "responsible_unit" text,
        "responsible_person" text,
        "completion_date" timestamp with time zone,
        "measures" jsonb,
        "flags" jsonb NOT NULL DEFAULT '{}',
        "reopen_count" integer NOT NULL DEFAULT 0,
        "reminders" integer NOT NULL DEFAULT 0,
        "lapse_count" integer NOT NULL DEFAULT 0,
        "extension_status" text,
        "last_seq" integer NOT NULL,
        "closed_at" timestamp with time zone,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_issue_ledger" PRIMARY KEY ("issue_key"),
        CONSTRAINT "ck_issue_ledger_status" CHECK ("status" IN ('open', 'closed')),
        CONSTRAINT "ck_issue_ledger_overdue" CHECK ("overdue_level" IN ('none', 'yellow', 'red'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_issue_ledger_ledger_no" ON "issue_ledger" ("ledger_no")`,
    );
    // The API's ledger filters and "my work" (open issues, soonest due first).
    await q.query(`CREATE INDEX "ix_issue_ledger_sector" ON "issue_ledger" ("sector")`);
    await q.query(`CREATE INDEX "ix_issue_ledger_township" ON "issue_ledger" ("township_code")`);
    await q.query(`CREATE INDEX "ix_issue_ledger_village" ON "issue_ledger" ("village_code")`);
    await q.query(`CREATE INDEX "ix_issue_ledger_stage" ON "issue_ledger" ("stage")`);
    await q.query(
      `CREATE INDEX "ix_issue_ledger_status_due" ON "issue_ledger" ("status", "current_due_at")`,
    );
    await q.query(`CREATE INDEX "ix_issue_ledger_overdue" ON "issue_ledger" ("overdue_level")`);
    await q.query(`CREATE INDEX "ix_issue_ledger_reported" ON "issue_ledger" ("reported_at")`);
    await q.query(`CREATE INDEX "ix_issue_ledger_subject" ON "issue_ledger" ("subject_id")`);

    await q.query(`
      CREATE TABLE "issue_audit" (
        "issue_key" text NOT NULL,
        "seq" integer NOT NULL,
        "request_id" text NOT NULL,
        "kind" text NOT NULL,
        "actor" jsonb NOT NULL,
        "at" timestamp with time zone NOT NULL,
        "stage" text NOT NULL,
        "summary" text NOT NULL,
        "payload" jsonb NOT NULL DEFAULT '{}',
        "recorded_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_issue_audit" PRIMARY KEY ("issue_key", "seq")
      )`);
    await q.query(`CREATE INDEX "ix_issue_audit_kind_at" ON "issue_audit" ("kind", "at")`);
    await q.query(`CREATE INDEX "ix_issue_audit_at" ON "issue_audit" ("at")`);
    // Kept for ever: the database itself refuses to change or remove an entry.
    await q.query(`
      CREATE FUNCTION "issue_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'issue_audit is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER "issue_audit_append_only" BEFORE UPDATE OR DELETE ON "issue_audit"
      FOR EACH ROW EXECUTE FUNCTION "issue_audit_append_only"()`);

    await q.query(`
      CREATE TABLE "issue_lapse" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "issue_key" text NOT NULL,
        "ledger_no" text,
        "sector" text NOT NULL,
        "township_code" text,
        "village_code" text,
        "stage" text NOT NULL,
        "unit" text NOT NULL,
        "due_at" timestamp with time zone NOT NULL,
        "detected_at" timestamp with time zone NOT NULL,
        "level" text NOT NULL,
        "resolved_at" timestamp with time zone,
        "days_late" numeric(10,3),
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_issue_lapse" PRIMARY KEY ("id"),
        CONSTRAINT "uq_issue_lapse" UNIQUE ("issue_key", "stage", "due_at")
      )`);
    await q.query(`CREATE INDEX "ix_issue_lapse_unit_stage" ON "issue_lapse" ("unit", "stage")`);
    await q.query(`CREATE INDEX "ix_issue_lapse_sector" ON "issue_lapse" ("sector")`);
    await q.query(`CREATE INDEX "ix_issue_lapse_township" ON "issue_lapse" ("township_code")`);
    await q.query(`CREATE INDEX "ix_issue_lapse_detected" ON "issue_lapse" ("detected_at")`);

    await q.query(`
      CREATE TABLE "issue_notification" (
        "issue_key" text NOT NULL,
        "seq" integer NOT NULL,
        "event" text NOT NULL,
        "stage" text NOT NULL,
        "level" text NOT NULL,
        "responsible_unit" text NOT NULL,
        "notify" text array NOT NULL,
        "due_at" timestamp with time zone NOT NULL,
        "at" timestamp with time zone NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_issue_notification" PRIMARY KEY ("issue_key", "seq")
      )`);
    await q.query(
      `CREATE INDEX "ix_issue_notification_unit" ON "issue_notification" ("responsible_unit")`,
    );
    await q.query(`CREATE INDEX "ix_issue_notification_at" ON "issue_notification" ("at")`);

    await q.query(`
      CREATE TABLE "ledger_sequence" (
        "year" integer NOT NULL,
        "sector_code" text NOT NULL,
        "last_number" integer NOT NULL,
        CONSTRAINT "pk_ledger_sequence" PRIMARY KEY ("year", "sector_code")
      )`);
    await q.query(`
      CREATE TABLE "issue_ledger_no" (
        "issue_key" text NOT NULL,
        "ledger_no" text NOT NULL,
        "year" integer NOT NULL,
        "sector_code" text NOT NULL,
        "number" integer NOT NULL,
        "allocated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_issue_ledger_no" PRIMARY KEY ("issue_key"),
        CONSTRAINT "uq_issue_ledger_no_ledger_no" UNIQUE ("ledger_no")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "issue_ledger_no"`);
    await q.query(`DROP TABLE "ledger_sequence"`);
    await q.query(`DROP TABLE "issue_notification"`);
    await q.query(`DROP TABLE "issue_lapse"`);
    await q.query(`DROP TABLE "issue_audit"`);
    await q.query(`DROP FUNCTION "issue_audit_append_only"()`);
    await q.query(`DROP TABLE "issue_ledger"`);
  }
}
