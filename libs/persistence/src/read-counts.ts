/**
 * The recount path of the counts PostgreSQL keeps for the monthly report and the dashboard
 * (migration 1767686400001-read-counts): the SQL functions, callable from code and the CLI.
 */
export interface CountDifference {
  /** month_count, ledger_stock or stage_span */
  what: string;
  key: string;
  kept: string;
  counted: string;
}

interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/** Every difference between the kept counts and a full count from the tables (none: equal). */
export function checkReadCounts(db: Queryable): Promise<CountDifference[]> {
  return db.query<CountDifference[]>(`SELECT * FROM read_counts_check()`);
}

/** Counts everything again from the tables (after a bulk load with the triggers off). */
export async function rebuildReadCounts(db: Queryable): Promise<void> {
  await db.query(`SELECT read_counts_rebuild()`);
}

/** Keeps the counts in another time zone's months, counted again. */
export async function setReadCountsZone(db: Queryable, timeZone: string): Promise<void> {
  await db.query(`SELECT read_counts_set_zone($1)`, [timeZone]);
}
