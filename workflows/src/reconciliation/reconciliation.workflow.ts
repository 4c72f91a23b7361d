import { proxyActivities } from '@temporalio/workflow';
import type {
  ReconciliationActivities,
  ReconciliationInput,
  ReconciliationReport,
} from './definitions';

const { reconcile } = proxyActivities<ReconciliationActivities>({
  // Reading a period of the signal stream, the visibility store and the ledger, then repairing:
  // a busy county's day takes a while; a retry starts the comparison again.
  startToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 5,
  },
});

/**
 * One reconciliation of a period: the schedule starts it without a period (the last
 * `windowHours` up to now), the API for any period. The report is stored by the activity.
 */
export async function reconciliationWorkflow(
  input: ReconciliationInput,
): Promise<ReconciliationReport> {
  const to = input.to ?? new Date(Date.now()).toISOString();
  const from = input.from ?? new Date(Date.parse(to) - input.windowHours * 3_600_000).toISOString();
  return reconcile({ from, to, trigger: input.trigger });
}
