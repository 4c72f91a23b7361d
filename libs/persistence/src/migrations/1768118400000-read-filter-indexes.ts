import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's filtered pages in their order (measured at a million issues): a filter on an
 * open stage, on a raised overdue level or on open issues reads only a small part of a scope,
 * so reading the scope's index in order and filtering along it (or fetching every match from a
 * filter-first index and sorting them) costs a heap fetch per row it passes. These hold just
 * the rows such a filter can match (partial indexes), scope first, then the filter, then the
 * ledger's default order (read backward: oldest first), so a page is one index range read.
 *
 * The predicates are on the filtered column itself (`stage <> 'closed'`, `overdue_level <>
 * 'none'`): PostgreSQL proves them from the query's `stage = $n` / `overdue_level = $n` with
 * the value bound, so the queries stay as they are. `stage = 'closed'` and `overdue_level =
 * 'none'` match most of a scope and are read along the scope's own index.
 */
const SCOPES: Array<[string, string]> = [
  ['', ''],
  ['village_', '"village_code", '],
  ['township_', '"township_code", '],
  ['sector_', '"sector", '],
];

const FILTERS: Array<[string, string, string]> = [
  ['stage', '"stage", ', `"stage" <> 'closed'`],
  ['level', '"overdue_level", ', `"overdue_level" <> 'none'`],
  ['open', '', `"status" = 'open'`],
];

export const LEDGER_FILTER_INDEXES: Array<[string, string, string]> = FILTERS.flatMap(
  ([filter, column, where]) =>
    SCOPES.map(([scope, scopeColumn]): [string, string, string] => [
      `ix_issue_ledger_${scope}${filter}_reported`,
      `${scopeColumn}${column}"reported_at" DESC, "ledger_no" DESC`,
      where,
    ]),
);

export class ReadFilterIndexes1768118400000 implements MigrationInterface {
  name = 'ReadFilterIndexes1768118400000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, columns, where] of LEDGER_FILTER_INDEXES) {
      await q.query(`CREATE INDEX "${name}" ON "issue_ledger" (${columns}) WHERE ${where}`);
    }
    // The dashboard's figures read a few metrics over a few months: by metric, then month (the
    // key starts with the month and holds every township's and sector's metrics in between).
    await q.query(
      `CREATE INDEX "ix_read_month_count_metric" ON "read_month_count" ("metric", "month")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_read_month_count_metric"`);
    for (const [name] of LEDGER_FILTER_INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
