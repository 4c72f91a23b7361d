import { MigrationInterface, QueryRunner } from 'typeorm';

/** The bureau systems' machine keys (hashed) for the sector services' ingest endpoints. */
export class MachineKey1767398400000 implements MigrationInterface {
  name = 'MachineKey1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "machine_key" (
        "id" uuid NOT NULL,
        "sector" text NOT NULL,
        "key_hash" text NOT NULL,
        "label" text NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "revoked_at" timestamp with time zone,
        CONSTRAINT "pk_machine_key" PRIMARY KEY ("id"),
        CONSTRAINT "ck_machine_key_sector" CHECK ("sector" IN ('education', 'medical', 'housing', 'water'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_machine_key_hash" ON "machine_key" ("key_hash")`);
    await q.query(`CREATE INDEX "ix_machine_key_sector" ON "machine_key" ("sector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "machine_key"`);
  }
}
