import type { DataSource, Logger } from 'typeorm';

/**
 * The load-independent half of `bench:reads`: the SQL one request sends, captured from the
 * API's own DataSource, run again under `EXPLAIN (ANALYZE, BUFFERS)`. Its execution times are
 * what the database spent, whatever the machine's load did to the HTTP timings around them.
 */
export class SqlCapture implements Logger {
  private queries: Array<{ sql: string; params: unknown[] }> | undefined;

  logQuery(sql: string, params?: unknown[]): void {
    this.queries?.push({ sql, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  /** The reads (SELECT and WITH statements) `call` sends. */
  async during(call: () => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
    this.queries = [];
    try {
      await call();
      // The worker's outbox relay polls on its own: not the request's.
      return this.queries.filter(
        (q) => /^\s*(SELECT|WITH)\b/i.test(q.sql) && !/\bissue_outbox\b/.test(q.sql),
      );
    } finally {
      this.queries = undefined;
    }
  }
}

export interface Explained {
  /** execution times summed over the request's statements (ms) */
  totalMs: number;
  /** the slowest statement's execution time (ms) */
  slowestMs: number;
  statements: number;
  /** the plans as text, slowest first (for BENCH_PLANS=1) */
  plans: string[];
}

/**
 * Each statement under EXPLAIN (ANALYZE, BUFFERS), read-only in a transaction rolled back;
 * without the timing of each plan node (its clock reads would add to the total) unless `timing`.
 */
export async function explainAll(
  db: DataSource,
  queries: Array<{ sql: string; params: unknown[] }>,
  timing = false,
): Promise<Explained> {
  const runner = db.createQueryRunner();
  const timed: Array<{ ms: number; text: string }> = [];
  try {
    await runner.startTransaction();
    await runner.query('SET TRANSACTION READ ONLY');
    for (const q of queries) {
      const rows = (await runner.query(
        `EXPLAIN (ANALYZE, BUFFERS${timing ? '' : ', TIMING OFF'}) ${q.sql}`,
        q.params,
      )) as Array<{
        'QUERY PLAN': string;
      }>;
      const text = rows.map((r) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
      timed.push({ ms, text: `${q.sql.replace(/\s+/g, ' ').slice(0, 400)}\n${text}` });
    }
  } finally {
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
  timed.sort((a, b) => b.ms - a.ms);
  return {
    totalMs: timed.reduce((sum, t) => sum + t.ms, 0),
    slowestMs: timed[0]?.ms ?? 0,
    statements: timed.length,
    plans: timed.map((t) => `${t.ms} ms\n${t.text}`),
  };
}
