import { MigrationInterface, QueryRunner } from 'typeorm';

/** The county's townships and villages, the people who sign in to the API, kept monthly reports. */
export class PeopleAndReports1767312000000 implements MigrationInterface {
  name = 'PeopleAndReports1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "township" (
        "code" text NOT NULL,
        "name" text NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_township" PRIMARY KEY ("code"),
        CONSTRAINT "ck_township_code" CHECK ("code" ~ '^[0-9]{9}$')
      )`);
    await q.query(`
      CREATE TABLE "village" (
        "code" text NOT NULL,
        "name" text NOT NULL,
        "township_code" text NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_village" PRIMARY KEY ("code"),
        CONSTRAINT "fk_village_township" FOREIGN KEY ("township_code")
          REFERENCES "township" ("code") ON DELETE RESTRICT,
        CONSTRAINT "ck_village_code"
          CHECK ("code" ~ '^[0-9]{12}$' AND left("code", 9) = "township_code")
      )`);
    await q.query(`CREATE INDEX "ix_village_township" ON "village" ("township_code")`);

    await q.query(`
      CREATE TABLE "app_user" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "password_hash" text NOT NULL,
        "role" text NOT NULL,
        "village_code" text,
        "township_code" text,
        "sector" text,
        "active" boolean NOT NULL DEFAULT true,
        "tokens_valid_from" timestamp with time zone NOT NULL DEFAULT now(),
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_app_user" PRIMARY KEY ("id"),
        CONSTRAINT "fk_app_user_village" FOREIGN KEY ("village_code")
          REFERENCES "village" ("code") ON DELETE RESTRICT,
        CONSTRAINT "fk_app_user_township" FOREIGN KEY ("township_code")
          REFERENCES "township" ("code") ON DELETE RESTRICT,
        CONSTRAINT "ck_app_user_username" CHECK ("username" ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        CONSTRAINT "ck_app_user_role"
          CHECK ("role" IN ('village', 'township', 'bureau', 'leader', 'supervisor', 'admin')),
        CONSTRAINT "ck_app_user_sector"
          CHECK ("sector" IS NULL OR "sector" IN ('education', 'medical', 'housing', 'water')),
        CONSTRAINT "ck_app_user_scope" CHECK (
          ("role" = 'village' AND "village_code" IS NOT NULL AND "township_code" IS NULL AND "sector" IS NULL)
          OR ("role" = 'township' AND "township_code" IS NOT NULL AND "village_code" IS NULL AND "sector" IS NULL)
          OR ("role" = 'bureau' AND "sector" IS NOT NULL AND "village_code" IS NULL AND "township_code" IS NULL)
          OR ("role" IN ('leader', 'supervisor', 'admin') AND "village_code" IS NULL AND "township_code" IS NULL AND "sector" IS NULL)
        )
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")`);

    await q.query(`
      CREATE TABLE "monthly_report" (
        "month" text NOT NULL,
        "time_zone" text NOT NULL,
        "from_at" timestamp with time zone NOT NULL,
        "to_at" timestamp with time zone NOT NULL,
        "rows" jsonb NOT NULL,
        "totals" jsonb NOT NULL,
        "produced_by" text NOT NULL,
        "generated_at" timestamp with time zone NOT NULL,
        CONSTRAINT "pk_monthly_report" PRIMARY KEY ("month"),
        CONSTRAINT "ck_monthly_report_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT "ck_monthly_report_produced_by" CHECK ("produced_by" IN ('schedule', 'on_demand'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "monthly_report"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP TABLE "village"`);
    await q.query(`DROP TABLE "township"`);
  }
}
