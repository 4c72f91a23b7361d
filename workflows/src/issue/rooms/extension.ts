import { addPolicyDuration, type Escalation, type ExtensionState } from '@sanbao/domain';
import type { ActHandler, IssueCase } from '../issue-case';
import { iso, SYSTEM_ACTOR } from './basics';
import { rejectAct } from '../rejections';
import { responsibleUnit } from '../responsibility';

/**
 * Extension (集体研究决定): a major issue's bureau asks the county leaders for a later
 * deadline; the leaders vote until a quorum decides or the voting window lapses.
 */
export const EXTENSION_ACTS: {
  readonly extensionRequest: ActHandler<'extensionRequest'>;
  readonly leaderVote: ActHandler<'leaderVote'>;
} = {
  extensionRequest(c, act, now) {
    const votingDeadline = addPolicyDuration(
      c.issue.policy,
      now,
      c.issue.policy.limits.extensionVote,
    );
    const newDeadline = iso(new Date(act.newDeadline));
    const seq = c.recordAct('extensionRequest', act, now, 'extension requested', {
      newDeadline,
      reason: act.reason,
      milestones: act.milestones,
      currentDueAt: c.state.currentDueAt,
      votingDeadline: iso(votingDeadline),
    });
    c.state.extensions.push({
      requestId: act.requestId,
      requestedBy: act.actor,
      requestedAt: iso(now),
      newDeadline,
      reason: act.reason,
      milestones: act.milestones.map((m) => ({
        description: m.description,
        dueDate: iso(new Date(m.dueDate)),
      })),
      votes: [],
      status: 'voting',
      votingDeadline: iso(votingDeadline),
    });
    c.emit('extension_requested', seq, { newDeadline, votingDeadline: iso(votingDeadline) });
    return c.answerAct('extensionRequest', act, seq, now);
  },

  leaderVote(c, act, now) {
    const open = c.openExtension();
    // The validator makes sure of it; should it ever not hold, the vote fails, not the issue.
    if (!open) rejectAct('not_allowed', 'leaderVote: no extension request is waiting for a vote');
    const seq = c.recordAct(
      'leaderVote',
      act,
      now,
      `leader vote: ${act.approve ? 'approve' : 'reject'}`,
      {
        extension: open.requestId,
        approve: act.approve,
        comment: act.comment,
      },
    );
    open.votes.push({
      leader: act.actor,
      approve: act.approve,
      comment: act.comment,
      at: iso(now),
    });
    const quorum = c.issue.policy.leaderQuorum;
    const approvals = open.votes.filter((v) => v.approve).length;
    const rejections = open.votes.length - approvals;
    if (approvals >= quorum) decideExtension(c, open, 'approved', now, `${approvals} approvals`);
    else if (rejections >= quorum)
      decideExtension(c, open, 'rejected', now, `${rejections} rejections`);
    return c.answerAct('leaderVote', act, seq, now);
  },
};

/** Ends the vote: approved (the new deadline runs), rejected, or lapsed (undecided). */
export function decideExtension(
  c: IssueCase,
  extension: ExtensionState,
  status: 'approved' | 'rejected' | 'lapsed',
  now: Date,
  why: string,
): number {
  extension.status = status;
  extension.decidedAt = iso(now);
  const seq = c.record(
    'extension_decided',
    SYSTEM_ACTOR,
    `extension ${status}: ${why}`,
    {
      extension: extension.requestId,
      status,
      newDeadline: extension.newDeadline,
      approvals: extension.votes.filter((v) => v.approve).length,
      rejections: extension.votes.filter((v) => !v.approve).length,
    },
    `extension_decided:${extension.requestId}`,
    now,
  );
  if (status === 'approved') {
    c.setDeadline('resolution', new Date(extension.newDeadline));
  }
  c.emit('extension_decided', seq, {
    status,
    newDeadline: extension.newDeadline,
    dueAt: c.state.currentDueAt,
  });
  return seq;
}

/**
 * The leaders did not decide in time: the old deadline stands and the matter goes up to the
 * leaders and supervisors, as a red notification (red is what tells them).
 */
export function lapseVote(c: IssueCase, extension: ExtensionState, now: Date): void {
  decideExtension(c, extension, 'lapsed', now, 'undecided within the voting window');
  const dueAt = c.state.currentDueAt as string;
  const unit = responsibleUnit(c.issue, 'resolution');
  const notify: Escalation['notify'] = ['bureau', 'leader', 'supervisor'];
  const seq = c.record(
    'escalation',
    SYSTEM_ACTOR,
    'escalation: extension undecided, the old deadline stands',
    { extension: extension.requestId, level: 'red', unit, dueAt, notify },
    `escalation:vote:${extension.requestId}`,
    now,
  );
  c.notify(seq, 'resolution', 'red', unit, notify, dueAt, now);
}
