import type { ActHandler } from '../issue-case';
import { decideExtension } from './extension';

/**
 * Resolution ("710"): the bureau works on the fix (progress notes), reports it done, and the
 * township checks with the household: written off, or reopened with a fresh limit.
 */
export const RESOLUTION_ACTS: {
  readonly progressNote: ActHandler<'progressNote'>;
  readonly completion: ActHandler<'completion'>;
  readonly writeOffCheck: ActHandler<'writeOffCheck'>;
} = {
  progressNote(c, act, now) {
    const seq = c.recordAct('progressNote', act, now, 'progress note', { note: act.note });
    return c.answerAct('progressNote', act, seq, now);
  },

  completion(c, act, now) {
    const seq = c.recordAct('completion', act, now, 'completion reported', {
      outcome: act.outcome,
      evidenceRefs: [...act.evidenceRefs],
    });
    // A vote still open when the work is done is no longer needed: it ends undecided.
    const open = c.openExtension();
    if (open)
      decideExtension(c, open, 'lapsed', now, 'completion reported while the vote was open');
    c.moveTo('write_off', seq, now);
    return c.answerAct('completion', act, seq, now);
  },

  writeOffCheck(c, act, now) {
    const seq = c.recordAct('writeOffCheck', act, now, `write-off check: ${act.result}`, {
      result: act.result,
      ...(act.reason !== undefined ? { reason: act.reason } : {}),
    });
    if (act.result === 'resolved') {
      c.close('written_off', act.actor, now);
    } else {
      c.state.reopenCount += 1;
      const reopened = c.record(
        'reopened',
        act.actor,
        'reopened: back to resolution',
        {
          reason: act.reason,
          reopenCount: c.state.reopenCount,
        },
        `reopened:${act.requestId}`,
        now,
      );
      c.moveTo('resolution', seq, now);
      c.emit('reopened', reopened, { reopenCount: c.state.reopenCount });
    }
    return c.answerAct('writeOffCheck', act, seq, now);
  },
};
