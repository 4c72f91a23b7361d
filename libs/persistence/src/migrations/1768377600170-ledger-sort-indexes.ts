import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's other two orders, by ledger number and by due time, read from indexes in every
 * scope and with every filter, as the default order (newest report first) already is.
 *
 * - By ledger number: per scope (the whole county reads the primary key), and the raised
 *   overdue levels' numbers per scope (a level is kept when an issue closes). Open issues by
 *   number are read along the scope's index (a few dozen entries a page at 4 % open): an
 *   open-only index by number, measured at a million issues, drew the planner into bitmap
 *   scans of every open issue for the work lists.
 *
 * The statistics: a stage names the status (closed exactly at stage closed), and the queries
 * say both (`ledgerStatus`); without the dependency PostgreSQL multiplies the two selectivities,
 * expects a few rows where there are hundreds and sorts them instead of reading an index in
 * order (a township's stage: 38 ms instead of 1 ms at a million issues).
 * - By due time: the issues with a due time are open ones, read from the open-by-due indexes
 *   of the read-indexes migration; the issues without one (closed ones, mostly) follow, by
 *   ledger number, from the indexes above.
 */
const SCOPES: Array<[string, string]> = [
  ['', ''],
  ['village_', '"village_code", '],
  ['township_', '"township_code", '],
  ['sector_', '"sector", '],
];

export const LEDGER_NUMBER_INDEXES: Array<[string, string, string?]> = [
  ...SCOPES.filter(([scope]) => scope !== '').map(([scope, column]): [string, string] => [
    `ix_issue_ledger_${scope}no`,
    `${column}"ledger_no"`,
  ]),
  ...SCOPES.map(([scope, column]): [string, string, string] => [
    `ix_issue_ledger_${scope}level_no`,
    `${column}"overdue_level", "ledger_no"`,
    `"overdue_level" <> 'none'`,
  ]),
];

export class LedgerSortIndexes1768377600170 implements MigrationInterface {
  name = 'LedgerSortIndexes1768377600170';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, columns, where] of LEDGER_NUMBER_INDEXES) {
      await q.query(
        `CREATE INDEX "${name}" ON "issue_ledger" (${columns})${where ? ` WHERE ${where}` : ''}`,
      );
    }
    await q.query(
      `CREATE STATISTICS "st_issue_ledger_stage_status" (dependencies) ON "stage", "status" FROM "issue_ledger"`,
    );
    await q.query(`ANALYZE "issue_ledger"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS "st_issue_ledger_stage_status"`);
    for (const [name] of LEDGER_NUMBER_INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
