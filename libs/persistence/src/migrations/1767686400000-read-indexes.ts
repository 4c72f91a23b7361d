import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes shaped like the lists that read them: scope first (village, township, sector or the
 * whole county), then the list's order, with `ledger_no` last as the tie-break the keyset
 * cursor continues from. A page is then one index range read in order: no sort of the scope,
 * however deep the page. Open-only lists (work lists, "open, by due") read partial indexes of
 * the open rows, a small part of the ledger. The single-column indexes these replace served
 * none of the lists well (each page sorted every row of its scope).
 */
export const LEDGER_LIST_INDEXES: Array<[string, string, string?]> = [
  // The ledger's default order, newest report first, per scope.
  ['ix_issue_ledger_reported_order', '"reported_at" DESC, "ledger_no" DESC'],
  ['ix_issue_ledger_village_reported', '"village_code", "reported_at" DESC, "ledger_no" DESC'],
  ['ix_issue_ledger_township_reported', '"township_code", "reported_at" DESC, "ledger_no" DESC'],
  ['ix_issue_ledger_sector_reported', '"sector", "reported_at" DESC, "ledger_no" DESC'],
  // Open issues by due, per scope ("open, by due"; the supervisor's overdue list).
  ['ix_issue_ledger_open_due', '"current_due_at", "ledger_no"', `"status" = 'open'`],
  [
    'ix_issue_ledger_village_open_due',
    '"village_code", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  [
    'ix_issue_ledger_township_open_due',
    '"township_code", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  [
    'ix_issue_ledger_sector_open_due',
    '"sector", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  // Work lists: open issues waiting at a stage in a scope, soonest due first.
  [
    'ix_issue_ledger_village_work',
    '"village_code", "stage", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  [
    'ix_issue_ledger_township_work',
    '"township_code", "stage", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  [
    'ix_issue_ledger_sector_work',
    '"sector", "stage", "current_due_at", "ledger_no"',
    `"status" = 'open'`,
  ],
  // Leaders' work: extensions being voted on.
  ['ix_issue_ledger_voting', '"current_due_at", "ledger_no"', `"extension_status" = 'voting'`],
  // Counting a page's total when a filter is selective and not the scope (a stage, a level):
  // the count stops at its cap, but reading a township's or a sector's rows to find a few
  // hundred matches would not. These hold the filter first, the scopes after it.
  ['ix_issue_ledger_stage_scope', '"stage", "township_code", "village_code", "sector"'],
  ['ix_issue_ledger_level_scope', '"overdue_level", "township_code", "village_code", "sector"'],
  // The dashboard's "past due but not marked yet": a handful of rows between a limit passing
  // and the workflow marking it.
  [
    'ix_issue_ledger_due_unmarked',
    '"current_due_at"',
    `"status" = 'open' AND "overdue_level" = 'none'`,
  ],
];

const REPLACED = [
  ['ix_issue_ledger_sector', '"sector"'],
  ['ix_issue_ledger_township', '"township_code"'],
  ['ix_issue_ledger_village', '"village_code"'],
  ['ix_issue_ledger_stage', '"stage"'],
  ['ix_issue_ledger_status_due', '"status", "current_due_at"'],
  ['ix_issue_ledger_overdue', '"overdue_level"'],
  ['ix_issue_ledger_reported', '"reported_at"'],
];

/** The accountability register: lapses by due time, in a range, optionally per sector/township. */
export const LAPSE_LIST_INDEXES: Array<[string, string]> = [
  ['ix_issue_lapse_due', '"due_at", "id"'],
  ['ix_issue_lapse_sector_due', '"sector", "due_at", "id"'],
  ['ix_issue_lapse_township_due', '"township_code", "due_at", "id"'],
];

export class ReadIndexes1767686400000 implements MigrationInterface {
  name = 'ReadIndexes1767686400000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, columns, where] of LEDGER_LIST_INDEXES) {
      await q.query(
        `CREATE INDEX "${name}" ON "issue_ledger" (${columns})${where ? ` WHERE ${where}` : ''}`,
      );
    }
    for (const [name] of REPLACED) await q.query(`DROP INDEX "${name}"`);
    for (const [name, columns] of LAPSE_LIST_INDEXES) {
      await q.query(`CREATE INDEX "${name}" ON "issue_lapse" (${columns})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of LAPSE_LIST_INDEXES) await q.query(`DROP INDEX "${name}"`);
    for (const [name, columns] of REPLACED) {
      await q.query(`CREATE INDEX "${name}" ON "issue_ledger" (${columns})`);
    }
    for (const [name] of LEDGER_LIST_INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
