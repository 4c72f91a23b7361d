import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bureau officers' console uploads: progress, counts and rejected rows (BureauUploadEntity). */
export class BureauUpload1768377600000 implements MigrationInterface {
  name = 'BureauUpload1768377600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "bureau_upload" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "request_id" uuid NOT NULL,
        "sector" text NOT NULL,
        "kind" text NOT NULL,
        "file_name" text NOT NULL,
        "format" text NOT NULL,
        "status" text NOT NULL,
        "received" integer NOT NULL,
        "processed" integer NOT NULL DEFAULT 0,
        "accepted" integer NOT NULL DEFAULT 0,
        "signals_raised" integer NOT NULL DEFAULT 0,
        "duplicate_signals" integer NOT NULL DEFAULT 0,
        "rejected" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "failure" jsonb,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "pk_bureau_upload" PRIMARY KEY ("id"),
        CONSTRAINT "ck_bureau_upload_sector" CHECK ("sector" IN ('education', 'medical', 'housing', 'water')),
        CONSTRAINT "ck_bureau_upload_status" CHECK ("status" IN ('checking', 'done', 'failed'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_bureau_upload_request" ON "bureau_upload" ("user_id", "request_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "bureau_upload"`);
  }
}
