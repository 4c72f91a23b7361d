import { nextReminderAt, overdueLevel, redAt, type Lapse } from '@sanbao/domain';
import type { IssueCase } from '../issue-case';
import { iso, SYSTEM_ACTOR, type OpenStage } from './basics';
import { notifyFor, responsibleUnit } from '../responsibility';
import { lapseVote } from './extension';

/**
 * The clock's consequences: a stage's limit passes (a lapse against the responsible unit,
 * yellow), turns red (leaders and supervisors told), and reminders follow until the stage's
 * act is done; an extension vote's window closes.
 */

/** Does whatever fell due by `now`: vote windows, deadlines, red escalation, reminders. */
export function tick(c: IssueCase, now: Date): void {
  const s = c.state;
  if (s.stage === 'closed') return;
  const open = c.openExtension();
  if (open && now.getTime() >= Date.parse(open.votingDeadline)) lapseVote(c, open, now);
  if (!s.currentDueAt) return;
  const dueAt = new Date(s.currentDueAt);
  const level = overdueLevel(c.issue.policy, dueAt, now);
  if (s.overdueLevel === 'none' && level !== 'none') markOverdue(c, dueAt, now);
  if (level === 'red' && s.overdueLevel !== 'red') {
    escalateRed(c, dueAt, now);
  } else if (
    s.overdueLevel !== 'none' &&
    c.data.nextReminderAt &&
    now.getTime() >= Date.parse(c.data.nextReminderAt)
  ) {
    remind(c, dueAt, now);
  }
}

/** The next moment `tick` has something to do, if any. */
export function nextWakeAt(c: IssueCase): Date | undefined {
  const s = c.state;
  if (s.stage === 'closed') return undefined;
  const times: number[] = [];
  const open = c.openExtension();
  if (open) times.push(Date.parse(open.votingDeadline));
  if (s.currentDueAt) {
    const dueAt = new Date(s.currentDueAt);
    if (s.overdueLevel === 'none') times.push(dueAt.getTime());
    if (s.overdueLevel === 'yellow') times.push(redAt(c.issue.policy, dueAt).getTime());
    if (s.overdueLevel !== 'none' && c.data.nextReminderAt) {
      times.push(Date.parse(c.data.nextReminderAt));
    }
  }
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

function markOverdue(c: IssueCase, dueAt: Date, now: Date): void {
  const stage = c.state.stage as OpenStage;
  const unit = responsibleUnit(c.issue, stage, c.state.sentBack !== undefined);
  const lapse: Lapse = { stage, unit, dueAt: iso(dueAt), detectedAt: iso(now), level: 'yellow' };
  c.state.lapses.push(lapse);
  c.state.overdueLevel = 'yellow';
  c.data.nextReminderAt = iso(nextReminderAt(c.issue.policy, dueAt, now));
  const notify = notifyFor(stage, 'overdue', c.state.sentBack !== undefined);
  const seq = c.record(
    'overdue',
    SYSTEM_ACTOR,
    `overdue: ${stage} limit passed`,
    {
      unit,
      dueAt: iso(dueAt),
      level: 'yellow',
      notify,
    },
    `overdue:${stage}:${iso(dueAt)}`,
    now,
  );
  c.data.outbox.push({ kind: 'lapse', lapse: { ...lapse } });
  c.notify(seq, stage, 'yellow', unit, notify, iso(dueAt), now);
  c.emit('overdue', seq, { unit, dueAt: iso(dueAt), level: 'yellow' });
}

function escalateRed(c: IssueCase, dueAt: Date, now: Date): void {
  const stage = c.state.stage as OpenStage;
  const unit = responsibleUnit(c.issue, stage, c.state.sentBack !== undefined);
  c.state.overdueLevel = 'red';
  const lapse = c.state.lapses.find((l) => l.stage === stage && l.dueAt === iso(dueAt));
  if (lapse) {
    lapse.level = 'red';
    c.data.outbox.push({ kind: 'lapse', lapse: { ...lapse } });
  }
  const notify = notifyFor(stage, 'red', c.state.sentBack !== undefined);
  const seq = c.record(
    'escalation',
    SYSTEM_ACTOR,
    `escalation: ${stage} red`,
    {
      unit,
      dueAt: iso(dueAt),
      level: 'red',
      notify,
    },
    `escalation:${stage}:${iso(dueAt)}`,
    now,
  );
  c.data.nextReminderAt = iso(nextReminderAt(c.issue.policy, dueAt, now));
  c.notify(seq, stage, 'red', unit, notify, iso(dueAt), now);
}

function remind(c: IssueCase, dueAt: Date, now: Date): void {
  const stage = c.state.stage as OpenStage;
  const unit = responsibleUnit(c.issue, stage, c.state.sentBack !== undefined);
  const level = c.state.overdueLevel;
  c.state.reminders += 1;
  // Once red, every reminder goes up the whole chain again, leaders and supervisors too.
  const notify = notifyFor(
    stage,
    level === 'red' ? 'red' : 'reminder',
    c.state.sentBack !== undefined,
  );
  const seq = c.record(
    'reminder',
    SYSTEM_ACTOR,
    `reminder ${c.state.reminders}: ${stage}`,
    {
      unit,
      dueAt: iso(dueAt),
      level,
      notify,
      reminder: c.state.reminders,
    },
    `reminder:${stage}:${iso(dueAt)}:${c.state.reminders}`,
    now,
  );
  c.data.nextReminderAt = iso(nextReminderAt(c.issue.policy, dueAt, now));
  c.notify(seq, stage, level, unit, notify, iso(dueAt), now);
}
