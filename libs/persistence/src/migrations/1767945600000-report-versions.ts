import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kept monthly reports become versions (the one month rule, docs/data-model.md): a month is
 * kept once it has ended (version 1, as produced), and changed only by a correction, a new
 * version that says who, when and why. Every version is kept: the table is append-only.
 * Reports kept before this migration become version 1 of their month.
 */
export class ReportVersions1767945600000 implements MigrationInterface {
  name = 'ReportVersions1767945600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "monthly_report" ADD "version" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "monthly_report" ALTER COLUMN "version" DROP DEFAULT`);
    await q.query(`ALTER TABLE "monthly_report" ADD "correction" jsonb`);
    await q.query(`ALTER TABLE "monthly_report" DROP CONSTRAINT "pk_monthly_report"`);
    await q.query(
      `ALTER TABLE "monthly_report" ADD CONSTRAINT "pk_monthly_report" PRIMARY KEY ("month", "version")`,
    );
    await q.query(
      `ALTER TABLE "monthly_report" ADD CONSTRAINT "ck_monthly_report_version" CHECK ("version" >= 1 AND ("version" = 1) = ("correction" IS NULL))`,
    );
    await q.query(`ALTER TABLE "monthly_report" DROP CONSTRAINT "ck_monthly_report_produced_by"`);
    await q.query(
      `ALTER TABLE "monthly_report" ADD CONSTRAINT "ck_monthly_report_produced_by" CHECK ("produced_by" IN ('schedule', 'on_demand', 'correction'))`,
    );
    await q.query(`
      CREATE FUNCTION "monthly_report_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'monthly_report is append-only: a correction is a new version'
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER "monthly_report_append_only" BEFORE UPDATE OR DELETE ON "monthly_report"
      FOR EACH ROW EXECUTE FUNCTION "monthly_report_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "monthly_report_append_only" ON "monthly_report"`);
    await q.query(`DROP FUNCTION "monthly_report_append_only"()`);
    // Only the latest version of each month can stay under the one-per-month key.
    await q.query(`ALTER TABLE "monthly_report" DROP CONSTRAINT "ck_monthly_report_version"`);
    await q.query(`ALTER TABLE "monthly_report" DROP CONSTRAINT "ck_monthly_report_produced_by"`);
    await q.query(`DELETE FROM "monthly_report" AS r WHERE EXISTS (
      SELECT 1 FROM "monthly_report" AS n WHERE n."month" = r."month" AND n."version" > r."version")`);
    await q.query(
      `UPDATE "monthly_report" SET "produced_by" = 'on_demand' WHERE "produced_by" = 'correction'`,
    );
    await q.query(
      `ALTER TABLE "monthly_report" ADD CONSTRAINT "ck_monthly_report_produced_by" CHECK ("produced_by" IN ('schedule', 'on_demand'))`,
    );
    await q.query(`ALTER TABLE "monthly_report" DROP CONSTRAINT "pk_monthly_report"`);
    await q.query(
      `ALTER TABLE "monthly_report" ADD CONSTRAINT "pk_monthly_report" PRIMARY KEY ("month")`,
    );
    await q.query(`ALTER TABLE "monthly_report" DROP COLUMN "correction"`);
    await q.query(`ALTER TABLE "monthly_report" DROP COLUMN "version"`);
  }
}
