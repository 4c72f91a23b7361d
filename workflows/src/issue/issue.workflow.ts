import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ACT_NAMES,
  type ActName,
  type ActOf,
  type ActResult,
  type IssueEvent,
  type Evidence,
  type IssueActivities,
  type IssueStartInput,
  type IssueState,
} from '@sanbao/domain';
import { ACT_VALIDATORS, type ActContext, type ActValidator } from './act-validation';
import {
  actUpdates,
  evidenceSignal,
  issueStateQuery,
  mergedInSignal,
  type ActUpdate,
} from './definitions';
import { IssueCase, type EventEffect, type IssueCaseData } from './issue-case';
import { flushInOneWrite } from './one-write-flush';
import { evidenceProblem, startInputProblems } from './input-checks';
import { mergeIn, mergeNotice, noticeProblem } from './rooms/merging';
import { issueSearchAttributes, SearchAttributeSync } from './search-attributes';

/** What a run hands the next one at continue-as-new: the whole case, nothing recomputed. */
export interface IssueContinuation {
  continued: IssueCaseData;
}

export type IssueWorkflowInput = IssueStartInput | IssueContinuation;

/**
 * The worker's I/O. Retried without end: a database or NATS outage must delay the ledger,
 * never drop an act from it. Only input the worker can never use fails for good (and is logged).
 */
const activities = proxyActivities<IssueActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A fresh run needs a few events of its own; never continue-as-new below this. */
const MIN_HISTORY_BEFORE_CONTINUE = 20;
/** Should a wake-up time ever not lie ahead after `tick`, wait this long rather than spin. */
const MIN_WAIT_MS = 1000;
/** Histories before one-write-per-flush: how long an act's answer waited for the read models. */
const ANSWER_WAIT = '10 seconds';
/**
 * Runs since issue 16 upsert their search attributes at most once per workflow task. The marker
 * also stands for every earlier patch (one-write-per-flush, limits-from-entry,
 * flush-needs-repair): a run holding it asks for none of them, so a new run records one patch
 * marker and the one TemporalChangeVersion upsert Core adds to each, not one per patch.
 */
const ONE_UPSERT_PER_TASK = 'search-attributes-once-per-task';

/**
 * One reported issue, from the report to its close: "135" triage (verification, township
 * decision, solution plan) and "710" resolution (resolution, write-off), with every limit on
 * a durable timer. People act through Updates (validated, idempotent by request id); evidence
 * comes as a Signal; the issue never times out into closed. See docs/workflow.md.
 */
export async function issueWorkflow(input: IssueWorkflowInput): Promise<IssueState> {
  // Asked first, and alone in runs that hold it: it implies the patches below (see its note).
  const current = patched(ONE_UPSERT_PER_TASK);
  // Runs started since issue 16 write each step once (one local activity, one transaction) and
  // answer acts at once; histories without the marker replay the activity-per-write path.
  const oneWrite = current || patched('one-write-per-flush');
  const issueCase = begin(input, current);
  const { state, data } = issueCase;
  let changes = 0;
  const searchAttributes = new SearchAttributeSync(
    () => issueSearchAttributes(state),
    upsertSearchAttributes,
    current,
  );
  /** Whatever the search attributes became: upserted before the workflow next yields. */
  const settle = (): void => searchAttributes.settle();

  /** After every change: the search attributes follow (at once or by `settle`), the loop wakes. */
  const changed = (): void => {
    changes++;
    searchAttributes.changed();
  };

  // Handlers first, before any await: a signal-with-start's evidence and early acts arrive now.
  setHandler(issueStateQuery, () => state);
  setHandler(evidenceSignal, (evidence: Evidence) => {
    const problem = evidenceProblem(evidence);
    if (problem) {
      // A signal cannot be refused; a malformed one is logged (without its content, and by
      // ledger number: the issue key names a household) and dropped.
      log.warn('evidence signal ignored', { ledgerNo: state.ledgerNo, problem });
      return;
    }
    if (issueCase.addEvidence(evidence, now())) changed();
  });
  setHandler(mergedInSignal, (notice) => {
    const problem = noticeProblem(notice);
    if (problem) log.warn('merged-in notice ignored', { ledgerNo: state.ledgerNo, problem });
    else if (mergeIn(issueCase, notice, now())) changed();
    else
      log.info('merged-in notice changed nothing', {
        ledgerNo: state.ledgerNo,
        stage: state.stage,
      });
  });

  const context = (): ActContext => ({
    issue: issueCase.issue,
    state,
    answeredAct: (requestId) => issueCase.answeredAct(requestId),
    now: now(),
  });
  /** One act's Update: validated before it is accepted, applied by the act's room. */
  function act<K extends ActName>(name: K): void {
    const validate: ActValidator<ActOf<K>> = ACT_VALIDATORS[name];
    const update: ActUpdate<K> = actUpdates[name];
    setHandler(
      update,
      async (given: ActOf<K>): Promise<ActResult> => {
        // A repeat (its update id already forgotten, e.g. after continue-as-new): the first
        // answer, no second effect.
        const first = issueCase.answer(given.requestId);
        if (first) return withLedgerState(first, data);
        // A limit that passed before the act is processed (a worker down, a busy queue) is a
        // lapse all the same: record it before the act moves the issue on.
        const at = now();
        issueCase.tick(at);
        const result = issueCase.act(name, given, at);
        const upTo = issueCase.lastSeq();
        changed();
        // The decision is durable once this handler returns (the Update's answer is in the
        // history): the read models follow within the flush and the answer says how far they
        // are. Before one-write-per-flush the answer waited for them (read-your-writes).
        if (!oneWrite) await condition(() => data.flushedSeq >= upTo, ANSWER_WAIT);
        return withLedgerState(result, data);
      },
      { validator: (given: ActOf<K>) => validate(context(), given) },
    );
  }
  // The catalogue's order, as before: handlers are registered before the first await.
  for (const name of ACT_NAMES) act(name);
  changed();

  // One-write-per-flush allocates the number in the first flush's transaction.
  if (!oneWrite && !state.ledgerNo) {
    issueCase.setLedgerNo(
      await activities.allocateLedgerNo({
        issueKey: state.issueKey,
        openingId: state.openingId!,
        sector: state.sector,
        reportedAt: state.reportedAt,
      }),
    );
  }

  for (;;) {
    const before = issueCase.lastSeq();
    issueCase.tick(now());
    if (issueCase.lastSeq() !== before) changed();
    settle();
    await (oneWrite ? flushInOneWrite(issueCase, { settle, current }) : flush(issueCase));
    if (issueCase.hasPendingWork()) continue;
    if (state.stage === 'closed') break;

    if (shouldContinueAsNew(issueCase)) {
      // An Update still waiting to answer must finish in this run; one that just came in
      // leaves work for the worker first (it waits for that work), so go round again.
      settle();
      await condition(() => allHandlersFinished() || issueCase.hasPendingWork());
      if (issueCase.hasPendingWork()) continue;
      issueCase.data.run += 1;
      settle();
      return continueAsNew<typeof issueWorkflow>({ continued: issueCase.data });
    }

    const seen = changes;
    const wake = issueCase.nextWakeAt();
    const woken = () => changes !== seen || shouldContinueAsNewSoon();
    // A handler that changes the issue while this waits wakes it in the same activation: the
    // change's upsert still goes out with that task's completion (settled before the flush).
    settle();
    if (wake) {
      const delay = wake.getTime() - Date.now();
      await condition(woken, delay > 0 ? delay : MIN_WAIT_MS);
    } else {
      await condition(woken);
    }
  }

  // The closing step's attributes (stage closed, no next due time) before the workflow ends.
  settle();
  await condition(allHandlersFinished);
  settle();
  await tellSurvivor(issueCase);
  settle();
  return state;
}

/**
 * A duplicate closed by merging tells the issue it was merged into. The signal is a command of
 * this history: sent once, and on replay matched, not sent again; the survivor keeps one
 * `merged_in` per duplicate whatever reaches it. A survivor whose workflow has ended since the
 * API checked it cannot be told: logged (the duplicate's record names it).
 */
async function tellSurvivor(issueCase: IssueCase): Promise<void> {
  const told = mergeNotice(issueCase);
  if (!told) return;
  try {
    await getExternalWorkflowHandle(told.workflowId).signal(mergedInSignal, told.notice);
  } catch (error) {
    log.warn('the issue merged into could not be told', {
      ledgerNo: issueCase.state.ledgerNo,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The answer with how far the ledger holds the issue's record when it is given. */
function withLedgerState(result: ActResult, data: IssueCaseData): ActResult {
  return {
    ...result,
    ledgerSeq: data.flushedSeq,
    readModel: data.flushedSeq >= result.seq ? 'current' : 'pending',
  };
}

function now(): Date {
  return new Date(Date.now());
}

function begin(input: IssueWorkflowInput, current: boolean): IssueCase {
  const issueCase = 'continued' in input ? new IssueCase(input.continued) : open(input, current);
  // The chain's first run id names this opening of the issue key (kept across
  // continue-as-new); a chain continued from before openings were named learns it here.
  issueCase.state.openingId ??= workflowInfo().firstExecutionRunId;
  return issueCase;
}

function open(input: IssueStartInput, current: boolean): IssueCase {
  const problems = startInputProblems(input);
  if (problems.length > 0) {
    // Intake and the API validate before starting; an issue that still gets here is refused
    // outright rather than run under rules nobody can read.
    throw ApplicationFailure.nonRetryable(
      `issueWorkflow: invalid start input: ${problems.join('; ')}`,
      'InvalidIssueStart',
    );
  }
  // Runs started since issue 15 count a back-dated report's limits from its entry and keep its
  // reportedAt on the opened record; histories without the marker replay the old opening.
  return IssueCase.open(input, now(), current || patched('limits-from-entry'));
}

function historyBound(issueCase: IssueCase): number {
  return Math.max(issueCase.issue.policy.historyLimit, MIN_HISTORY_BEFORE_CONTINUE);
}

function shouldContinueAsNew(issueCase: IssueCase): boolean {
  const info = workflowInfo();
  return info.historyLength >= historyBound(issueCase) || info.continueAsNewSuggested;
}

/** The server may suggest continue-as-new while the workflow waits; wake up for it. */
function shouldContinueAsNewSoon(): boolean {
  return workflowInfo().continueAsNewSuggested;
}

/**
 * Hands the worker what the case asks for, in an order the activities rely on: the audit
 * entries, the ledger row (events and notifications read it), lapses, notifications, events.
 * `flushedSeq` then says how far the read models have caught up.
 */
async function flush(issueCase: IssueCase): Promise<void> {
  const { state, data } = issueCase;
  // Which issue the read models file it under: flushing starts once the number is allocated.
  const opening = { issueKey: state.issueKey, ledgerNo: state.ledgerNo! };
  while (issueCase.hasPendingWork()) {
    const upTo = issueCase.lastSeq();
    const records = issueCase.unauditedRecords();
    const effects = issueCase.takeEffects();
    if (records.length > 0) {
      await tolerate('appendAudit', () => activities.appendAudit({ ...opening, records }));
      data.auditedSeq = Math.max(data.auditedSeq, records[records.length - 1].seq);
    }
    if (data.savedSeq < upTo) {
      const saved = snapshot(state);
      await tolerate('saveLedgerRow', () => activities.saveLedgerRow(saved));
      data.savedSeq = Math.max(data.savedSeq, saved.acts.length);
    }
    for (const effect of effects) {
      switch (effect.kind) {
        case 'lapse':
          await tolerate('recordLapse', () =>
            activities.recordLapse({ ...opening, lapse: effect.lapse }),
          );
          break;
        case 'notify':
          await tolerate('notifyEscalation', () =>
            activities.notifyEscalation({ ...effect.escalation, ledgerNo: opening.ledgerNo }),
          );
          break;
        case 'event':
          await tolerate('publishIssueEvent', () =>
            activities.publishIssueEvent(issueEvent(opening, state, effect)),
          );
          break;
      }
    }
    data.flushedSeq = Math.max(data.flushedSeq, upTo);
  }
}

/** An event effect as the bureaus' event: the issue's codes around the effect's name and data. */
function issueEvent(
  opening: { issueKey: string; ledgerNo: string },
  state: IssueState,
  effect: EventEffect,
): IssueEvent {
  // The key order is the one saved histories hold (the activity's input): keep it.
  const event = {
    ...opening,
    event: effect.event,
    seq: effect.seq,
    at: effect.at,
    sector: state.sector,
    townshipCode: state.subject.townshipCode,
    villageCode: state.subject.villageCode,
    stage: effect.stage,
    data: effect.data,
  };
  // `event` and `data` come from one effect, so they belong together.
  return event as IssueEvent;
}

/** A copy, so that what the activity was given cannot change under it. */
function snapshot(state: IssueState): IssueState {
  return JSON.parse(JSON.stringify(state)) as IssueState;
}

/**
 * Activities retry until they succeed; one that fails for good was given input it can never
 * use. The issue itself must go on (its state is the source of truth), so that is logged.
 */
async function tolerate(activity: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    log.error('issue activity failed for good', {
      activity,
      reason: error.cause?.message ?? error.message,
    });
  }
}
