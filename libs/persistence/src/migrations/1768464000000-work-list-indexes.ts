import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leaders' work list read in its order from two small indexes: the open issues whose
 * extension is being voted on, and the open issues a unit sent back (a leader re-routes a plan
 * a bureau sent back; the other units' lists read them from their scope's work index).
 *
 * Before, the voting index covered closed issues too, so with `status = 'open'` PostgreSQL
 * joined it with a bitmap of every open issue and sorted what was left; the sent-back branch
 * did the same with the open-by-due index. At a million issues (2,813 being voted on) that
 * was 63–184 ms a request, depending on the statistics of the day; read in order and stopped
 * at the page's size, 0.6 ms (docs/benchmarks.md).
 */
export const WORK_LIST_INDEXES: Array<[string, string, string]> = [
  [
    'ix_issue_ledger_open_voting',
    '"current_due_at", "ledger_no"',
    `"status" = 'open' AND "extension_status" = 'voting'`,
  ],
  [
    'ix_issue_ledger_open_sent_back',
    '"stage", "current_due_at", "ledger_no"',
    `"status" = 'open' AND "sent_back_by" IS NOT NULL`,
  ],
];

export class WorkListIndexes1768464000000 implements MigrationInterface {
  name = 'WorkListIndexes1768464000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, columns, where] of WORK_LIST_INDEXES) {
      await q.query(`CREATE INDEX "${name}" ON "issue_ledger" (${columns}) WHERE ${where}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of WORK_LIST_INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
