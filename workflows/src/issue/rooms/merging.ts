import type { Evidence, MergedInNotice } from '@sanbao/domain';
import type { ActHandler, IssueCase } from '../issue-case';

/**
 * Merge: a duplicate goes into the issue it duplicates (the survivor). The duplicate records
 * the act and closes as `merged`; once its step is written, its workflow tells the survivor's
 * (the `mergedIn` signal, a command in the duplicate's history: sent once, never again on
 * replay), which links the duplicate's evidence and records `merged_in`. A notice the survivor
 * already holds, or one that reaches it closed, changes nothing.
 */
export const MERGE_ACTS: { readonly merge: ActHandler<'merge'> } = {
  merge(c, act, now) {
    const seq = c.recordAct('merge', act, now, `merged into ${act.into}`, {
      into: act.into,
      reason: act.reason,
      workflowId: act.survivor.workflowId,
    });
    c.emit('merged', seq, { into: act.into });
    c.close('merged', act.actor, now);
    return c.answerAct('merge', act, seq, now);
  },
};

/** What a duplicate closed by a merge must tell its survivor, and where (none otherwise). */
export function mergeNotice(
  c: IssueCase,
): { workflowId: string; notice: MergedInNotice } | undefined {
  if (c.state.closure !== 'merged') return undefined;
  const merge = c.state.acts.find((r) => r.act === 'merge');
  if (merge?.act !== 'merge' || !c.state.ledgerNo) return undefined;
  return {
    workflowId: merge.payload.workflowId,
    notice: {
      duplicate: c.state.ledgerNo,
      actor: merge.actor,
      at: merge.at,
      reason: merge.payload.reason,
      evidence: c.state.evidence,
    },
  };
}

/** Why a notice cannot be taken (a signal is never refused: it is logged and dropped). */
export function noticeProblem(notice: MergedInNotice): string | undefined {
  if (typeof notice !== 'object' || notice === null) return 'not an object';
  if (typeof notice.duplicate !== 'string' || notice.duplicate === '')
    return 'duplicate is required';
  if (typeof notice.actor?.id !== 'string') return 'actor is required';
  if (typeof notice.at !== 'string' || !Number.isFinite(Date.parse(notice.at)))
    return 'at is required';
  if (typeof notice.reason !== 'string') return 'reason is required';
  if (!Array.isArray(notice.evidence)) return 'evidence must be a list';
  return undefined;
}

/**
 * The survivor takes a merged duplicate: its evidence joins this issue's (each evidence id
 * once) and the record says so. False when nothing changed: the issue is closed, or it holds
 * this duplicate already.
 */
export function mergeIn(c: IssueCase, notice: MergedInNotice, now: Date): boolean {
  if (c.state.stage === 'closed') return false;
  if (c.state.acts.some((r) => r.act === 'merged_in' && r.payload.duplicate === notice.duplicate)) {
    return false;
  }
  const known = new Set(c.state.evidence.map((e) => e.evidenceId));
  const linked: Evidence[] = notice.evidence.filter(
    (e) => typeof e?.evidenceId === 'string' && !known.has(e.evidenceId),
  );
  c.state.evidence.push(...linked.map((e) => ({ ...e })));
  const seq = c.record(
    'merged_in',
    notice.actor,
    `merged in: ${notice.duplicate}`,
    {
      duplicate: notice.duplicate,
      reason: notice.reason,
      evidence: notice.evidence.map((e) => ({
        evidenceId: e.evidenceId,
        source: e.source,
        receivedAt: e.receivedAt,
      })),
    },
    `merged_in:${notice.duplicate}`,
    now,
  );
  c.emit('merged_in', seq, {
    duplicate: notice.duplicate,
    evidenceIds: notice.evidence.map((e) => e.evidenceId),
  });
  return true;
}
