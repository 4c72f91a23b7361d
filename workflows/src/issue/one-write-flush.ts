import {
  ActivityFailure,
  ApplicationFailure,
  log,
  patched,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { IssueActivities, IssueFlush, IssueState } from '@sanbao/domain';
import type { Effect, EventEffect, IssueCase } from './issue-case';

/**
 * The flush as one local activity: a short database transaction in the worker's own process,
 * with no activity task to schedule, poll and record (a new issue: one local activity instead
 * of allocateLedgerNo + appendAudit + saveLedgerRow + publishIssueEvent, each behind a
 * workflow task). Retried without end like the old activities: an outage delays the ledger,
 * never drops an act. The timeout is long on purpose: a lock held on a ledger table makes the
 * transaction wait (it queues in the pool and at the lock), and that wait must not count as a
 * failure; past a minute of attempts the SDK backs off on a timer instead of in memory.
 */
const local = proxyLocalActivities<IssueActivities>({
  startToCloseTimeout: '2 minutes',
  localRetryThreshold: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** How the workflow's run flushes: what it does before each wait, which patches it implies. */
export interface FlushRun {
  /** upserts the search attributes changed since the workflow last yielded */
  settle: () => void;
  /** the run holds search-attributes-once-per-task, which implies flush-needs-repair */
  current: boolean;
}

/**
 * Hands the worker everything the case asks for at once: audit entries, the ledger row,
 * lapses, notifications and events (to the outbox), in one transaction. The first flush also
 * gets the issue its ledger number. `flushedSeq` then says how far the read models hold.
 */
export async function flushInOneWrite(issueCase: IssueCase, run: FlushRun): Promise<void> {
  const { state, data } = issueCase;
  while (issueCase.hasPendingWork()) {
    // A handler may have changed the issue while the last write ran: upsert before this wait.
    run.settle();
    const upTo = issueCase.lastSeq();
    const records = issueCase.unauditedRecords();
    const effects = issueCase.takeEffects();
    const saveRow = data.savedSeq < upTo;
    const flush: IssueFlush = {
      issueKey: state.issueKey,
      openingId: state.openingId!,
      sector: state.sector,
      townshipCode: state.subject.townshipCode,
      villageCode: state.subject.villageCode,
      reportedAt: state.reportedAt,
      ...(state.ledgerNo ? { ledgerNo: state.ledgerNo } : {}),
      records,
      ...(saveRow ? { state: snapshot(state) } : {}),
      lapses: effects.flatMap((e) => (e.kind === 'lapse' ? [e.lapse] : [])),
      notifications: effects.flatMap((e) => (e.kind === 'notify' ? [e.escalation] : [])),
      events: effects.filter(isEvent).map((e) => ({
        event: e.event,
        seq: e.seq,
        at: e.at,
        stage: e.stage,
        data: e.data,
      })) as IssueFlush['events'],
    };
    try {
      const { ledgerNo } = await local.writeFlush(flush);
      if (!state.ledgerNo) issueCase.setLedgerNo(ledgerNo);
    } catch (error) {
      if (!failedForGood(error, run)) throw error;
      // Input the worker can never use: the issue itself goes on (its state is the truth).
      const reason =
        error instanceof ActivityFailure ? (error.cause?.message ?? error.message) : error.message;
      log.error('issue activity failed for good', { activity: 'writeFlush', reason });
      await recordNeedsRepair(issueCase, reason, run);
    }
    if (records.length > 0) {
      data.auditedSeq = Math.max(data.auditedSeq, records[records.length - 1].seq);
    }
    if (saveRow) data.savedSeq = Math.max(data.savedSeq, upTo);
    data.flushedSeq = Math.max(data.flushedSeq, upTo);
  }
}

/** Runs since issue 12 record a flush that failed for good, so the issue is never unseen. */
export const NEEDS_REPAIR_PATCH = 'flush-needs-repair';

/**
 * A local activity that failed for good reaches the workflow as its own failure (Core does not
 * wrap it in an ActivityFailure as it does a normal activity's). Before the patch that failure
 * was rethrown and failed the whole workflow — the issue was gone from every list; runs with
 * the patch take it as failed for good. Histories without the marker replay as they ran.
 */
function failedForGood(
  error: unknown,
  run: FlushRun,
): error is ActivityFailure | ApplicationFailure {
  if (error instanceof ActivityFailure) return true;
  return error instanceof ApplicationFailure && needsRepairPath(run);
}

/** Runs with search-attributes-once-per-task take the path without asking for its marker. */
function needsRepairPath(run: FlushRun): boolean {
  return run.current || patched(NEEDS_REPAIR_PATCH);
}

/**
 * The issue is marked "needs repair" (a small row without the issue's content, which cannot
 * fail for the reason the flush did), retried without end like the flush. The supervisors'
 * dashboard lists it and the reconciliation re-projects the workflow's state into the ledger.
 * Histories from before the patch replay without it (the marker is asked for only here).
 */
async function recordNeedsRepair(
  issueCase: IssueCase,
  reason: string,
  run: FlushRun,
): Promise<void> {
  if (!needsRepairPath(run)) return;
  const { state } = issueCase;
  run.settle();
  try {
    await local.recordNeedsRepair({
      workflowId: workflowInfo().workflowId,
      openingId: state.openingId!,
      sector: state.sector,
      ...(state.ledgerNo ? { ledgerNo: state.ledgerNo } : {}),
      reason: reason.slice(0, 500),
    });
  } catch (error) {
    if (!(error instanceof ActivityFailure) && !(error instanceof ApplicationFailure)) throw error;
    log.error('issue activity failed for good', { activity: 'recordNeedsRepair' });
  }
}

function isEvent(effect: Effect): effect is EventEffect {
  return effect.kind === 'event';
}

/** A copy, so that what the activity was given cannot change under it. */
function snapshot(state: IssueState): IssueState {
  return JSON.parse(JSON.stringify(state)) as IssueState;
}
