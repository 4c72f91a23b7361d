import {
  addPolicyDuration,
  nextReminderAt,
  overdueLevel,
  redAt,
  stageDueAt,
  type ActName,
  type ActRecord,
  type ActResult,
  type Actor,
  type CompletionAct,
  type Escalation,
  type Evidence,
  type ExtensionRequestAct,
  type ExtensionState,
  type IssueEventName,
  type IssueStartInput,
  type IssueState,
  type Lapse,
  type LeaderVoteAct,
  type ProgressNoteAct,
  type RecordKind,
  type SolutionPlanAct,
  type Stage,
  type TownshipDecisionAct,
  type VerificationAct,
  type WriteOffCheckAct,
} from '@sanbao/domain';
import { rejectAct } from './rejections';
import { notifyFor, responsibleUnit } from './responsibility';

/**
 * One issue's state and rules, without Temporal: the workflow feeds it acts, evidence and the
 * clock, and drains what it asks the worker to do. Everything in it is plain data, so the whole
 * case travels through continue-as-new.
 */

type OpenStage = Exclude<Stage, 'closed'>;

/** The worker's name for the workflow's own entries in the record (timers, decisions by count). */
export const SYSTEM_ACTOR: Actor = {
  id: 'system:issue-workflow',
  name: 'issue workflow',
  role: 'system',
};

/** Work for the worker's activities, kept in order until done. */
export type Effect =
  | { kind: 'lapse'; lapse: Lapse }
  | { kind: 'notify'; escalation: Escalation }
  | {
      kind: 'event';
      event: IssueEventName;
      seq: number;
      at: string;
      stage: Stage;
      data: Record<string, unknown>;
    };

/** Everything an issue carries from one run to the next. */
export interface IssueCaseData {
  issue: IssueStartInput;
  state: IssueState;
  /** requestId -> the act it answered and the answer (a repeat gets the same answer) */
  answered: Record<string, { act: ActName; result: ActResult }>;
  /** when the overdue stage's unit is reminded next */
  nextReminderAt?: string;
  /** effects not yet done by the worker */
  outbox: Effect[];
  /** highest record seq appended to the audit trail */
  auditedSeq: number;
  /** highest record seq the ledger row has seen */
  savedSeq: number;
  /** highest record seq whose audit entry, ledger row, lapses, notices and events are done */
  flushedSeq: number;
  /** how many runs the issue has lived through (continue-as-new) */
  run: number;
}

function iso(date: Date): string {
  return date.toISOString();
}

export class IssueCase {
  constructor(readonly data: IssueCaseData) {}

  /** A new issue, opened at `now`: the record starts with the report. */
  static open(issue: IssueStartInput, now: Date): IssueCase {
    const reportedAt = new Date(issue.reportedAt);
    const state: IssueState = {
      issueKey: issue.issueKey,
      sector: issue.sector,
      kind: issue.kind,
      subject: issue.subject,
      summary: issue.summary,
      channel: issue.channel,
      flags: issue.flags ?? {},
      reportedAt: iso(reportedAt),
      stage: 'verification',
      stageSince: iso(reportedAt),
      deadlines: {},
      overdueLevel: 'none',
      extensions: [],
      lapses: [],
      reminders: 0,
      acts: [],
      evidence: [],
      reopenCount: 0,
    };
    const issueCase = new IssueCase({
      issue,
      state,
      answered: {},
      outbox: [],
      auditedSeq: 0,
      savedSeq: 0,
      flushedSeq: 0,
      run: 1,
    });
    // The village's day counts from the report, not from when the workflow got to run.
    issueCase.setDeadline('verification', issueCase.dueAt('verification', reportedAt));
    const seq = issueCase.record(
      'opened',
      issue.reportedBy,
      `opened: ${issue.sector}/${issue.kind}`,
      {
        channel: issue.channel,
        severityHint: issue.severityHint,
        policyVersion: issue.policy.version,
        dueAt: state.currentDueAt,
      },
      `opened:${issue.issueKey}`,
      now,
    );
    issueCase.emit('opened', seq, { channel: issue.channel, dueAt: state.currentDueAt });
    return issueCase;
  }

  get state(): IssueState {
    return this.data.state;
  }

  get issue(): IssueStartInput {
    return this.data.issue;
  }

  answeredAct(requestId: string): ActName | undefined {
    return this.data.answered[requestId]?.act;
  }

  /** The first answer to a request id, for a repeated act. */
  answer(requestId: string): ActResult | undefined {
    return this.data.answered[requestId]?.result;
  }

  // -------------------------------------------------------------------------------------------
  // acts (already validated)

  verification(act: VerificationAct, now: Date): ActResult {
    const seq = this.recordAct(
      'verification',
      act,
      now,
      `verification: ${act.confirmed ? 'confirmed' : 'not confirmed'}`,
      {
        confirmed: act.confirmed,
        findings: act.findings,
        visitedAt: act.visitedAt,
      },
    );
    this.moveTo('township_decision', seq, now);
    return this.answerAct('verification', act, seq, now);
  }

  townshipDecision(act: TownshipDecisionAct, now: Date): ActResult {
    const seq = this.recordAct('townshipDecision', act, now, `township decision: ${act.decision}`, {
      decision: act.decision,
      explanation: act.explanation,
    });
    if (act.decision === 'forward') this.moveTo('solution_plan', seq, now);
    else this.close(act.decision === 'persuade' ? 'persuaded' : 'unfounded', act.actor, now);
    return this.answerAct('townshipDecision', act, seq, now);
  }

  solutionPlan(act: SolutionPlanAct, now: Date): ActResult {
    const plan = {
      responsiblePerson: act.responsiblePerson,
      responsibleUnit: act.responsibleUnit,
      measures: [...act.measures],
      completionDate: iso(new Date(act.completionDate)),
      severity: act.severity,
    };
    const seq = this.recordAct('solutionPlan', act, now, `solution plan: ${act.severity}`, plan);
    this.state.plan = plan;
    this.state.severity = act.severity;
    this.moveTo('resolution', seq, now);
    return this.answerAct('solutionPlan', act, seq, now);
  }

  progressNote(act: ProgressNoteAct, now: Date): ActResult {
    const seq = this.recordAct('progressNote', act, now, 'progress note', { note: act.note });
    return this.answerAct('progressNote', act, seq, now);
  }

  completion(act: CompletionAct, now: Date): ActResult {
    const seq = this.recordAct('completion', act, now, 'completion reported', {
      outcome: act.outcome,
      evidenceRefs: [...act.evidenceRefs],
    });
    // A vote still open when the work is done is no longer needed: it ends undecided.
    const open = this.openExtension();
    if (open)
      this.decideExtension(open, 'lapsed', now, 'completion reported while the vote was open');
    this.moveTo('write_off', seq, now);
    return this.answerAct('completion', act, seq, now);
  }

  extensionRequest(act: ExtensionRequestAct, now: Date): ActResult {
    const votingDeadline = addPolicyDuration(
      this.issue.policy,
      now,
      this.issue.policy.limits.extensionVote,
    );
    const newDeadline = iso(new Date(act.newDeadline));
    const seq = this.recordAct('extensionRequest', act, now, 'extension requested', {
      newDeadline,
      reason: act.reason,
      milestones: act.milestones,
      currentDueAt: this.state.currentDueAt,
      votingDeadline: iso(votingDeadline),
    });
    this.state.extensions.push({
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
    this.emit('extension_requested', seq, { newDeadline, votingDeadline: iso(votingDeadline) });
    return this.answerAct('extensionRequest', act, seq, now);
  }

  leaderVote(act: LeaderVoteAct, now: Date): ActResult {
    const open = this.openExtension();
    // The validator makes sure of it; should it ever not hold, the vote fails, not the issue.
    if (!open) rejectAct('not_allowed', 'leaderVote: no extension request is waiting for a vote');
    const seq = this.recordAct(
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
    const quorum = this.issue.policy.leaderQuorum;
    const approvals = open.votes.filter((v) => v.approve).length;
    const rejections = open.votes.length - approvals;
    if (approvals >= quorum) this.decideExtension(open, 'approved', now, `${approvals} approvals`);
    else if (rejections >= quorum)
      this.decideExtension(open, 'rejected', now, `${rejections} rejections`);
    return this.answerAct('leaderVote', act, seq, now);
  }

  writeOffCheck(act: WriteOffCheckAct, now: Date): ActResult {
    const seq = this.recordAct('writeOffCheck', act, now, `write-off check: ${act.result}`, {
      result: act.result,
      ...(act.reason !== undefined ? { reason: act.reason } : {}),
    });
    if (act.result === 'resolved') {
      this.close('written_off', act.actor, now);
    } else {
      this.state.reopenCount += 1;
      const reopened = this.record(
        'reopened',
        act.actor,
        'reopened: back to resolution',
        {
          reason: act.reason,
          reopenCount: this.state.reopenCount,
        },
        `reopened:${act.requestId}`,
        now,
      );
      this.moveTo('resolution', seq, now);
      this.emit('reopened', reopened, { reopenCount: this.state.reopenCount });
    }
    return this.answerAct('writeOffCheck', act, seq, now);
  }

  /** New evidence; false when the same evidence id was already appended. */
  addEvidence(evidence: Evidence, now: Date): boolean {
    if (this.state.evidence.some((e) => e.evidenceId === evidence.evidenceId)) return false;
    const kept: Evidence = {
      evidenceId: evidence.evidenceId,
      source: evidence.source,
      receivedAt: evidence.receivedAt,
      description: evidence.description,
      ...(evidence.data !== undefined ? { data: evidence.data } : {}),
    };
    this.state.evidence.push(kept);
    const seq = this.record(
      'evidence',
      { ...SYSTEM_ACTOR, id: evidence.source, name: evidence.source },
      'evidence added',
      {
        evidenceId: evidence.evidenceId,
        source: evidence.source,
        receivedAt: evidence.receivedAt,
      },
      `evidence:${evidence.evidenceId}`,
      now,
    );
    this.emit('evidence_added', seq, { evidenceId: evidence.evidenceId, source: evidence.source });
    return true;
  }

  setLedgerNo(ledgerNo: string): void {
    this.state.ledgerNo = ledgerNo;
  }

  // -------------------------------------------------------------------------------------------
  // time

  /** Does whatever fell due by `now`: vote windows, deadlines, red escalation, reminders. */
  tick(now: Date): void {
    const s = this.state;
    if (s.stage === 'closed') return;
    const open = this.openExtension();
    if (open && now.getTime() >= Date.parse(open.votingDeadline)) this.lapseVote(open, now);
    if (!s.currentDueAt) return;
    const dueAt = new Date(s.currentDueAt);
    const level = overdueLevel(this.issue.policy, dueAt, now);
    if (s.overdueLevel === 'none' && level !== 'none') this.markOverdue(dueAt, now);
    if (level === 'red' && s.overdueLevel !== 'red') {
      this.escalateRed(dueAt, now);
    } else if (
      s.overdueLevel !== 'none' &&
      this.data.nextReminderAt &&
      now.getTime() >= Date.parse(this.data.nextReminderAt)
    ) {
      this.remind(dueAt, now);
    }
  }

  /** The next moment `tick` has something to do, if any. */
  nextWakeAt(): Date | undefined {
    const s = this.state;
    if (s.stage === 'closed') return undefined;
    const times: number[] = [];
    const open = this.openExtension();
    if (open) times.push(Date.parse(open.votingDeadline));
    if (s.currentDueAt) {
      const dueAt = new Date(s.currentDueAt);
      if (s.overdueLevel === 'none') times.push(dueAt.getTime());
      if (s.overdueLevel === 'yellow') times.push(redAt(this.issue.policy, dueAt).getTime());
      if (s.overdueLevel !== 'none' && this.data.nextReminderAt) {
        times.push(Date.parse(this.data.nextReminderAt));
      }
    }
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // the worker's share

  takeEffects(): Effect[] {
    return this.data.outbox.splice(0, this.data.outbox.length);
  }

  unauditedRecords(): ActRecord[] {
    return this.state.acts.filter((r) => r.seq > this.data.auditedSeq);
  }

  lastSeq(): number {
    return this.state.acts.length;
  }

  hasPendingWork(): boolean {
    const last = this.lastSeq();
    return this.data.outbox.length > 0 || this.data.auditedSeq < last || this.data.savedSeq < last;
  }

  // -------------------------------------------------------------------------------------------
  // internals

  private openExtension(): ExtensionState | undefined {
    return this.state.extensions.find((e) => e.status === 'voting');
  }

  private dueAt(stage: OpenStage, handedOverAt: Date, freshLimit = false): Date {
    // A reopened resolution gets a new limit even when the county counts from the report.
    const policy = freshLimit
      ? { ...this.issue.policy, countFrom: 'handover' as const }
      : this.issue.policy;
    return stageDueAt(policy, {
      stage,
      severity: this.state.severity,
      handedOverAt,
      reportedAt: new Date(this.state.reportedAt),
    });
  }

  private setDeadline(stage: OpenStage, dueAt: Date): void {
    this.state.deadlines[stage] = iso(dueAt);
    this.state.currentDueAt = iso(dueAt);
    this.state.overdueLevel = 'none';
    this.state.reminders = 0;
    this.data.nextReminderAt = undefined;
  }

  /** Hands the issue to the next stage; `seq` is the act that did it. */
  private moveTo(stage: OpenStage, seq: number, now: Date): void {
    const from = this.state.stage;
    this.state.stage = stage;
    this.state.stageSince = iso(now);
    this.setDeadline(stage, this.dueAt(stage, now, from === 'write_off'));
    this.emit('stage_changed', seq, { from, to: stage, dueAt: this.state.currentDueAt });
  }

  private close(closure: NonNullable<IssueState['closure']>, actor: Actor, now: Date): void {
    const from = this.state.stage;
    const s = this.state;
    s.stage = 'closed';
    s.stageSince = iso(now);
    s.closure = closure;
    s.closedAt = iso(now);
    s.currentDueAt = undefined;
    s.overdueLevel = 'none';
    s.reminders = 0;
    this.data.nextReminderAt = undefined;
    const seq = this.record(
      'closed',
      actor,
      `closed: ${closure}`,
      { closure },
      `closed:${s.issueKey}`,
      now,
    );
    this.emit('stage_changed', seq, { from, to: 'closed', closure });
    if (closure === 'written_off') this.emit('written_off', seq, { closure });
    this.emit('closed', seq, { closure });
  }

  private decideExtension(
    extension: ExtensionState,
    status: 'approved' | 'rejected' | 'lapsed',
    now: Date,
    why: string,
  ): number {
    extension.status = status;
    extension.decidedAt = iso(now);
    const seq = this.record(
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
      this.setDeadline('resolution', new Date(extension.newDeadline));
    }
    this.emit('extension_decided', seq, {
      status,
      newDeadline: extension.newDeadline,
      dueAt: this.state.currentDueAt,
    });
    return seq;
  }

  /**
   * The leaders did not decide in time: the old deadline stands and the matter goes up to the
   * leaders and supervisors, as a red notification (red is what tells them).
   */
  private lapseVote(extension: ExtensionState, now: Date): void {
    this.decideExtension(extension, 'lapsed', now, 'undecided within the voting window');
    const dueAt = this.state.currentDueAt as string;
    const unit = responsibleUnit(this.issue, 'resolution');
    const notify: Escalation['notify'] = ['bureau', 'leader', 'supervisor'];
    const seq = this.record(
      'escalation',
      SYSTEM_ACTOR,
      'escalation: extension undecided, the old deadline stands',
      { extension: extension.requestId, level: 'red', unit, dueAt, notify },
      `escalation:vote:${extension.requestId}`,
      now,
    );
    this.notify(seq, 'resolution', 'red', unit, notify, dueAt, now);
  }

  private markOverdue(dueAt: Date, now: Date): void {
    const stage = this.state.stage as OpenStage;
    const unit = responsibleUnit(this.issue, stage);
    const lapse: Lapse = { stage, unit, dueAt: iso(dueAt), detectedAt: iso(now), level: 'yellow' };
    this.state.lapses.push(lapse);
    this.state.overdueLevel = 'yellow';
    this.data.nextReminderAt = iso(nextReminderAt(this.issue.policy, dueAt, now));
    const notify = notifyFor(stage, 'overdue');
    const seq = this.record(
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
    this.data.outbox.push({ kind: 'lapse', lapse: { ...lapse } });
    this.notify(seq, stage, 'yellow', unit, notify, iso(dueAt), now);
    this.emit('overdue', seq, { unit, dueAt: iso(dueAt), level: 'yellow' });
  }

  private escalateRed(dueAt: Date, now: Date): void {
    const stage = this.state.stage as OpenStage;
    const unit = responsibleUnit(this.issue, stage);
    this.state.overdueLevel = 'red';
    const lapse = this.state.lapses.find((l) => l.stage === stage && l.dueAt === iso(dueAt));
    if (lapse) {
      lapse.level = 'red';
      this.data.outbox.push({ kind: 'lapse', lapse: { ...lapse } });
    }
    const notify = notifyFor(stage, 'red');
    const seq = this.record(
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
    this.data.nextReminderAt = iso(nextReminderAt(this.issue.policy, dueAt, now));
    this.notify(seq, stage, 'red', unit, notify, iso(dueAt), now);
  }

  private remind(dueAt: Date, now: Date): void {
    const stage = this.state.stage as OpenStage;
    const unit = responsibleUnit(this.issue, stage);
    const level = this.state.overdueLevel;
    this.state.reminders += 1;
    // Once red, every reminder goes up the whole chain again, leaders and supervisors too.
    const notify = notifyFor(stage, level === 'red' ? 'red' : 'reminder');
    const seq = this.record(
      'reminder',
      SYSTEM_ACTOR,
      `reminder ${this.state.reminders}: ${stage}`,
      {
        unit,
        dueAt: iso(dueAt),
        level,
        notify,
        reminder: this.state.reminders,
      },
      `reminder:${stage}:${iso(dueAt)}:${this.state.reminders}`,
      now,
    );
    this.data.nextReminderAt = iso(nextReminderAt(this.issue.policy, dueAt, now));
    this.notify(seq, stage, level, unit, notify, iso(dueAt), now);
  }

  private notify(
    seq: number,
    stage: OpenStage,
    level: Escalation['level'],
    unit: string,
    notify: Escalation['notify'],
    dueAt: string,
    now: Date,
  ): void {
    this.data.outbox.push({
      kind: 'notify',
      escalation: {
        issueKey: this.state.issueKey,
        seq,
        stage,
        level,
        responsibleUnit: unit,
        notify,
        dueAt,
        at: iso(now),
      },
    });
  }

  private recordAct(
    name: ActName,
    act: { requestId: string; actor: Actor },
    now: Date,
    summary: string,
    payload: Record<string, unknown>,
  ): number {
    return this.record(name, act.actor, summary, payload, act.requestId, now);
  }

  private answerAct(name: ActName, act: { requestId: string }, seq: number, now: Date): ActResult {
    const result: ActResult = {
      requestId: act.requestId,
      accepted: true,
      stage: this.state.stage,
      seq,
      at: iso(now),
    };
    this.data.answered[act.requestId] = { act: name, result };
    return result;
  }

  private record(
    kind: RecordKind,
    actor: Actor,
    summary: string,
    payload: Record<string, unknown>,
    requestId: string,
    now: Date,
  ): number {
    const seq = this.state.acts.length + 1;
    const entry: ActRecord = {
      seq,
      requestId,
      act: kind,
      actor: { ...actor },
      at: iso(now),
      stage: this.state.stage,
      summary,
      payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
    };
    this.state.acts.push(entry);
    return seq;
  }

  /** An issue event for bureau systems; `reminded` and `escalated` go out with notifyEscalation. */
  private emit(event: IssueEventName, seq: number, data: Record<string, unknown>): void {
    this.data.outbox.push({
      kind: 'event',
      event,
      seq,
      at: this.state.acts[seq - 1].at,
      stage: this.state.stage,
      data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    });
  }
}
