/**
 * The reconciliation's report (issue 12), shared by the worker that makes it, the API that
 * keeps and answers it and the console that shows it. Names stream positions, workflow ids and
 * ledger numbers, never a household.
 */

/** What a finding is about. */
export type FindingKind =
  /** an accepted signal (neither dead-lettered nor still waiting) whose key has no issue */
  | 'signal_without_issue'
  /** an issue workflow (open, or closed in the period) without its ledger row */
  | 'workflow_without_ledger_row'
  /** a ledger row whose stage is not its workflow's */
  | 'stage_differs'
  /** an issue its workflow marked "needs repair" (a flush that failed for good) */
  | 'needs_repair'
  /** one issue key with more than one open ledger row */
  | 'doubled';

/** One thing found; names stream positions, workflow ids and ledger numbers, never a household. */
export interface ReconciliationFinding {
  kind: FindingKind;
  streamSeq?: number;
  workflowId?: string;
  ledgerNo?: string;
  workflowStage?: string;
  ledgerStage?: string;
  /** `repaired`: the ledger now holds the workflow's state; `not_repaired`: see `note` */
  action: 'repaired' | 'not_repaired' | 'none';
  note: string;
}

export interface ReconciliationReport {
  /** the stored report's id */
  id?: number;
  from: string;
  to: string;
  trigger: 'schedule' | 'on_demand';
  startedAt: string;
  finishedAt: string;
  signals: {
    stream: string;
    /** the stream sequence range the period covers (null: no signal in it) */
    firstSeq: number | null;
    lastSeq: number | null;
    count: number;
    deadLettered: number;
    /** not yet taken by the intake (past its consumer's acknowledged floor) */
    pending: number;
    withIssue: number;
  };
  workflows: { checked: number; running: number };
  ledgerRows: number;
  /** accepted signals without an issue */
  lost: number;
  /** issue keys with more than one open ledger row */
  doubled: number;
  repaired: number;
  notRepaired: number;
  /** open "needs repair" marks left after this run */
  needsRepair: number;
  /** every finding, at most `FINDINGS_LIMIT` (the counts above are complete) */
  findings: ReconciliationFinding[];
}
