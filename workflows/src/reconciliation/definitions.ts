/**
 * The reconciliation (issue 12's proof that nothing is lost): its input, its report, the
 * activity that makes it and the workflow type. Pure types and constants: the worker, the API
 * and the workflow share them.
 */

import type { ReconciliationReport } from '@sanbao/domain';

export type { FindingKind, ReconciliationFinding, ReconciliationReport } from '@sanbao/domain';

export const RECONCILIATION_WORKFLOW_TYPE = 'reconciliationWorkflow';

export interface ReconciliationInput {
  /** ISO 8601; without it, `windowHours` before `to` */
  from?: string;
  /** ISO 8601; without it, when the workflow runs (the schedule's case) */
  to?: string;
  /** how far back a run without `from` looks */
  windowHours: number;
  trigger: ReconciliationReport['trigger'];
}

export const FINDINGS_LIMIT = 500;

/** The worker's reconciliation activity as the workflow sees it. */
export interface ReconciliationActivities {
  reconcile(
    input: Required<Pick<ReconciliationInput, 'from' | 'to' | 'trigger'>>,
  ): Promise<ReconciliationReport>;
}
