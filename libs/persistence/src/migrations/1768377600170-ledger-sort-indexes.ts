import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's other two orders, by ledger number and by due time, read from indexes in every
 * scope and with every filter, as the default order (newest report first) already is.
 *
 * - By ledger number: per scope (the whole county reads the primary key); the open issues'
 *   numbers per scope (a filter on an open stage or a due time implies open, and the queries
 *   say so: see `ledgerStatus`), and the raised overdue levels' numbers per scope (a level is
 *   kept when an issue closes, so it is not an open-only filter).
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
    `ix_issue_ledger_${scope}open_no`,
    `${column}"ledger_no"`,
    `"status" = 'open'`,
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
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of LEDGER_NUMBER_INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
