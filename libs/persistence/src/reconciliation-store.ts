import type { DataSource } from 'typeorm';

/** An issue its workflow marked "needs repair", as the dashboard lists it. */
export interface RepairRow {
  workflowId: string;
  openingId: string;
  sector: string;
  ledgerNo: string | null;
  reason: string;
  failures: number;
  firstFailedAt: string;
  lastFailedAt: string;
  repairedAt: string | null;
}

interface RepairRecord {
  workflow_id: string;
  opening_id: string;
  sector: string;
  ledger_no: string | null;
  reason: string;
  failures: number;
  first_failed_at: Date;
  last_failed_at: Date;
  repaired_at: Date | null;
}

/** A stored reconciliation report, with what it was stored under. */
export interface StoredReport<R> {
  id: number;
  report: R;
}

/**
 * The two tables of issue 12's reconciliation (migration 1768032000000): the "needs repair"
 * marks workflows leave and the reports of every run. Plain SQL over the given data source;
 * the worker writes both, the API reads them.
 */
export const reconciliationStore = {
  /** Marks (again) an opening as needing repair; a repaired mark is opened anew. */
  async markNeedsRepair(
    source: DataSource,
    mark: {
      workflowId: string;
      openingId: string;
      sector: string;
      ledgerNo?: string;
      reason: string;
    },
  ): Promise<void> {
    await source.query(
      `INSERT INTO issue_repairs (workflow_id, opening_id, sector, ledger_no, reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workflow_id, opening_id) DO UPDATE SET
         failures = issue_repairs.failures + 1,
         last_failed_at = now(),
         reason = EXCLUDED.reason,
         ledger_no = COALESCE(EXCLUDED.ledger_no, issue_repairs.ledger_no),
         repaired_at = NULL`,
      [mark.workflowId, mark.openingId, mark.sector, mark.ledgerNo ?? null, mark.reason],
    );
  },

  async markRepaired(
    source: DataSource,
    mark: { workflowId: string; openingId: string; ledgerNo: string },
  ): Promise<void> {
    await source.query(
      `UPDATE issue_repairs SET repaired_at = now(), ledger_no = $3
       WHERE workflow_id = $1 AND opening_id = $2 AND repaired_at IS NULL`,
      [mark.workflowId, mark.openingId, mark.ledgerNo],
    );
  },

  /** Marks still open, oldest first. */
  async openRepairs(source: DataSource, limit = 500): Promise<RepairRow[]> {
    const rows: RepairRecord[] = await source.query(
      `SELECT * FROM issue_repairs WHERE repaired_at IS NULL ORDER BY first_failed_at LIMIT $1`,
      [limit],
    );
    return rows.map(repairRow);
  },

  async countOpenRepairs(source: DataSource): Promise<number> {
    const rows: Array<{ n: number }> = await source.query(
      `SELECT count(*)::int AS n FROM issue_repairs WHERE repaired_at IS NULL`,
    );
    return rows[0].n;
  },

  async saveReport<R extends { from: string; to: string; trigger: string }>(
    source: DataSource,
    report: R & { startedAt: string; finishedAt: string },
  ): Promise<number> {
    const rows: Array<{ id: string }> = await source.query(
      `INSERT INTO reconciliation_reports (from_at, to_at, trigger, started_at, finished_at, report)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        report.from,
        report.to,
        report.trigger,
        report.startedAt,
        report.finishedAt,
        JSON.stringify(report),
      ],
    );
    return Number(rows[0].id);
  },

  async latestReport<R>(source: DataSource): Promise<StoredReport<R> | undefined> {
    const rows: Array<{ id: string; report: R }> = await source.query(
      `SELECT id, report FROM reconciliation_reports ORDER BY id DESC LIMIT 1`,
    );
    if (rows.length === 0) return undefined;
    return { id: Number(rows[0].id), report: rows[0].report };
  },
};

function repairRow(row: RepairRecord): RepairRow {
  return {
    workflowId: row.workflow_id,
    openingId: row.opening_id,
    sector: row.sector,
    ledgerNo: row.ledger_no,
    reason: row.reason,
    failures: row.failures,
    firstFailedAt: row.first_failed_at.toISOString(),
    lastFailedAt: row.last_failed_at.toISOString(),
    repairedAt: row.repaired_at ? row.repaired_at.toISOString() : null,
  };
}
