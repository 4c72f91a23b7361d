import type { WorkItem } from '../views';
import { decodeCursor, encodeCursor } from './keyset';

/**
 * Work lists ("my work"): open issues soonest due first, a page at a time, with only the fields
 * a list shows. Each list is one or more index range reads of the open rows (one per stage:
 * `ix_issue_ledger_*_work`, or `ix_issue_ledger_open_due` / `_voting`), merged by PostgreSQL;
 * the cursor continues after the last (due time, ledger number).
 */

/** The columns a work list shows, and the sort value for the cursor. */
const COLUMNS = `l.issue_key, l.ledger_no, l.sector, l.kind, l.subject_kind, l.subject_id,
  l.person_ref, l.village_code, l.township_code, l.summary, l.severity, l.stage, l.status,
  l.reported_at, l.stage_since, l.current_due_at, l.overdue_level, l.extension_status,
  l.sent_back_by, l.current_due_at::text AS cursor_value`;

export interface WorkRow {
  issue_key: string;
  ledger_no: string;
  sector: string;
  kind: string;
  subject_kind: string;
  subject_id: string;
  person_ref: string | null;
  village_code: string;
  township_code: string;
  summary: string;
  severity: string | null;
  stage: string;
  status: 'open' | 'closed';
  reported_at: Date;
  stage_since: Date;
  current_due_at: Date | null;
  overdue_level: string;
  extension_status: string | null;
  /** the unit that sent the issue back, while it waits for a re-route */
  sent_back_by: string | null;
  cursor_value: string | null;
}

/** Which open rows a work list holds: SQL conditions over `l`, with $-numbered parameters. */
export interface WorkListSpec {
  /** a name for the cursor: a cursor of one list is refused on another */
  name: string;
  /** conditions every branch has (scope, status, ...) */
  where: string[];
  params: unknown[];
  /** one index range per branch, e.g. one per stage; none: a single range */
  branches?: string[];
}

export interface WorkPageRequest {
  cursor?: string;
  limit: number;
}

/** The SQL of one page and its parameters. */
export function workPageSql(spec: WorkListSpec, page: WorkPageRequest): [string, unknown[]] {
  const params = [...spec.params];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const after = page.cursor ? decodeCursor(page.cursor, `work:${spec.name}`) : undefined;
  const limit = param(page.limit + 1);
  const parts: string[] = [];
  for (const branch of spec.branches ?? ['true']) {
    const where = [...spec.where, branch];
    // Rows with a due time, after the cursor's; then the rows without one, by ledger number.
    if (!after || after.value !== null) {
      const dated = [...where, 'l.current_due_at IS NOT NULL'];
      if (after) {
        dated.push(
          `(l.current_due_at, l.ledger_no) > (${param(after.value)}::timestamptz, ${param(after.key)})`,
        );
      }
      parts.push(
        `(SELECT ${COLUMNS} FROM issue_ledger l WHERE ${dated.join(' AND ')}
           ORDER BY l.current_due_at, l.ledger_no LIMIT ${limit})`,
      );
    }
    const undated = [...where, 'l.current_due_at IS NULL'];
    if (after?.value === null) undated.push(`l.ledger_no > ${param(after.key)}`);
    // Ordered as the index holds it (the due time, null here, then the ledger number): the
    // planner then reads the index in order instead of walking the whole ledger by number.
    parts.push(
      `(SELECT ${COLUMNS} FROM issue_ledger l WHERE ${undated.join(' AND ')}
         ORDER BY l.current_due_at, l.ledger_no LIMIT ${limit})`,
    );
  }
  const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) AS work
    ORDER BY work.current_due_at ASC NULLS LAST, work.ledger_no LIMIT ${limit}`;
  return [sql, params];
}

/** The page's items and the cursor of the next page (null on the last). */
export function workPage(
  spec: WorkListSpec,
  page: WorkPageRequest,
  rows: WorkRow[],
  task: (row: WorkRow) => string,
  now = new Date(),
): { items: WorkItem[]; nextCursor: string | null } {
  const shown = rows.slice(0, page.limit);
  const last = rows.length > page.limit ? shown[shown.length - 1] : undefined;
  return {
    items: shown.map((row) => workItem(row, task(row), now)),
    nextCursor: last
      ? encodeCursor({ list: `work:${spec.name}`, value: last.cursor_value, key: last.ledger_no })
      : null,
  };
}

function workItem(row: WorkRow, task: string, now: Date): WorkItem {
  const due = row.current_due_at;
  return {
    issueKey: row.issue_key,
    ledgerNo: row.ledger_no,
    task,
    sector: row.sector,
    kind: row.kind,
    subject: { kind: row.subject_kind, id: row.subject_id, personRef: row.person_ref },
    villageCode: row.village_code,
    townshipCode: row.township_code,
    summary: row.summary,
    severity: row.severity,
    stage: row.stage,
    status: row.status,
    reportedAt: row.reported_at.toISOString(),
    stageSince: row.stage_since.toISOString(),
    currentDueAt: due ? due.toISOString() : null,
    overdueLevel: row.overdue_level,
    overdue:
      row.status === 'open' &&
      (row.overdue_level !== 'none' || (due !== null && due.getTime() <= now.getTime())),
    extensionStatus: row.extension_status,
  };
}
