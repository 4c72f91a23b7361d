import { MigrationInterface, QueryRunner } from 'typeorm';
import { countFunctions } from './read-count-functions';
import { COUNTED_KINDS, COUNTED_KINDS_V1 } from './read-counts.sql';

/**
 * The kept counts count send-backs and re-routes (退回/转办) too, for the monthly report's
 * `sentBack` and `rerouted`: the count functions are replaced with the longer list of kinds
 * and everything is counted again from the tables.
 */
export class CountRouting1768204800141 implements MigrationInterface {
  name = 'CountRouting1768204800141';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of countFunctions(COUNTED_KINDS)) await q.query(sql);
    await q.query(`SELECT read_counts_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of countFunctions(COUNTED_KINDS_V1)) await q.query(sql);
    await q.query(`SELECT read_counts_rebuild()`);
  }
}
