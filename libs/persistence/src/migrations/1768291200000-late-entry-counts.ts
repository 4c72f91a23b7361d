import { MigrationInterface, QueryRunner } from 'typeorm';
import { countFunctions } from './read-count-functions';
import { COUNTED_KINDS } from './read-counts.sql';

/**
 * The one month rule's late entries in the kept counts (docs/data-model.md): an `opened` entry
 * whose report time (`payload.reportedAt`, recorded since limits-from-entry) falls in an
 * earlier county month than the entry also counts `audit:opened:late`, in the month it arrived.
 * The count functions are replaced (CREATE OR REPLACE, the same kinds as 1768204800141 plus the
 * late metric) and everything is counted again; `down` puts 1768204800141's versions back.
 */
export class LateEntryCounts1768291200000 implements MigrationInterface {
  name = 'LateEntryCounts1768291200000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of countFunctions(COUNTED_KINDS, true)) await q.query(sql);
    await q.query(`SELECT read_counts_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of countFunctions(COUNTED_KINDS)) await q.query(sql);
    await q.query(`SELECT read_counts_rebuild()`);
  }
}
