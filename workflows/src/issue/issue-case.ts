import {
  actFingerprint,
  stageDueAt,
  type ActBase,
  type ActName,
  type ActOf,
  type ActResult,
  type Actor,
  type Escalation,
  type Evidence,
  type ExtensionState,
  type IssueEventData,
  type IssueEventName,
  type IssueEventPart,
  type IssueRecord,
  type IssueStartInput,
  type IssueState,
  type Lapse,
  type RecordKind,
  type RecordPayloadOf,
  type Stage,
} from '@sanbao/domain';
import { copy, iso, SYSTEM_ACTOR, type OpenStage } from './rooms/basics';
import { noteUncoveredDeadline } from './rooms/calendar';
import { EXTENSION_ACTS } from './rooms/extension';
import { MERGE_ACTS } from './rooms/merging';
import { nextWakeAt, tick } from './rooms/overdue';
import { RESOLUTION_ACTS } from './rooms/resolution';
import { ROUTING_ACTS } from './rooms/routing';
import { TRIAGE_ACTS } from './rooms/triage';

/**
 * One issue's state and rules, without Temporal: the workflow feeds it acts, evidence and the
 * clock, and drains what it asks the worker to do. Everything in it is plain data, so the whole
 * case travels through continue-as-new. This file is the case's frame (the record, the stage
 * moves, the outbox); what each act does lives in its room (rooms/triage, resolution,
 * extension) and the clock's consequences in rooms/overdue.
 */

export { SYSTEM_ACTOR, type OpenStage } from './rooms/basics';

/** An issue event waiting to be published, with the record entry that caused it. */
export type EventEffect = { kind: 'event'; seq: number; at: string; stage: Stage } & IssueEventPart;

/** A request id's first act: its name, its content's fingerprint, its answer. */
export interface AnsweredAct {
  act: ActName;
  /** absent for acts answered before fingerprints were kept (their histories replay as they were) */
  fingerprint?: string;
  result: ActResult;
}

/** Work for the worker's activities, kept in order until done. */
export type Effect =
  { kind: 'lapse'; lapse: Lapse } | { kind: 'notify'; escalation: Escalation } | EventEffect;

/** Everything an issue carries from one run to the next. */
export interface IssueCaseData {
  issue: IssueStartInput;
  state: IssueState;
  /**
   * requestId -> the act it answered, the fingerprint of that act's content (absent for acts
   * answered before fingerprints were kept) and the answer (a repeat gets the same answer)
   */
  answered: Record<string, AnsweredAct>;
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

/** What an act does to the case once its validator let it in; answers the act. */
export type ActHandler<K extends ActName> = (c: IssueCase, act: ActOf<K>, now: Date) => ActResult;

/** Every act's state change, gathered from the rooms: the compiler asks for a new act's. */
const ACT_HANDLERS: { readonly [K in ActName]: ActHandler<K> } = {
  ...TRIAGE_ACTS,
  ...RESOLUTION_ACTS,
  ...EXTENSION_ACTS,
  ...MERGE_ACTS,
  ...ROUTING_ACTS,
};

export class IssueCase {
  constructor(readonly data: IssueCaseData) {}

  /**
   * A new issue, opened at `now` (its entry): the record starts with the report. Since
   * limits-from-entry (`fromEntry`), a back-dated report's limits run from its entry, so it
   * is not overdue the moment it arrives; before, they ran from `reportedAt`.
   */
  static open(issue: IssueStartInput, now: Date, fromEntry = false): IssueCase {
    const reportedAt = new Date(issue.reportedAt);
    const limitsFrom = fromEntry && now.getTime() > reportedAt.getTime() ? now : reportedAt;
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
      stageSince: iso(limitsFrom),
      ...(fromEntry ? { limitsFrom: iso(limitsFrom) } : {}),
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
    // The village's day counts from the report (or, since limits-from-entry, from its entry when
    // it was back-dated), not from when the workflow got to run.
    issueCase.setDeadline('verification', issueCase.dueAt('verification', limitsFrom));
    const seq = issueCase.record(
      'opened',
      issue.reportedBy,
      `opened: ${issue.sector}/${issue.kind}`,
      {
        channel: issue.channel,
        severityHint: issue.severityHint,
        policyVersion: issue.policy.version,
        dueAt: state.currentDueAt,
        ...(fromEntry ? { reportedAt: state.reportedAt } : {}),
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

  /** What a request id already answered: the act's name and its content's fingerprint. */
  answeredAct(requestId: string): { act: ActName; fingerprint?: string } | undefined {
    const answered = this.data.answered[requestId];
    return answered && { act: answered.act, fingerprint: answered.fingerprint };
  }

  /** The first answer to a request id, for a repeated act. */
  answer(requestId: string): ActResult | undefined {
    return this.data.answered[requestId]?.result;
  }

  /** An act its validator accepted: its room changes the case and answers. */
  act<K extends ActName>(name: K, act: ActOf<K>, now: Date): ActResult {
    const handler: ActHandler<K> = ACT_HANDLERS[name];
    return handler(this, act, now);
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
  // time (rooms/overdue)

  /** Does whatever fell due by `now`: vote windows, deadlines, red escalation, reminders. */
  tick(now: Date): void {
    tick(this, now);
  }

  /** The next moment `tick` has something to do, if any. */
  nextWakeAt(): Date | undefined {
    return nextWakeAt(this);
  }

  // -------------------------------------------------------------------------------------------
  // the worker's share

  takeEffects(): Effect[] {
    return this.data.outbox.splice(0, this.data.outbox.length);
  }

  unauditedRecords(): IssueRecord[] {
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
  // the frame the rooms build on

  openExtension(): ExtensionState | undefined {
    return this.state.extensions.find((e) => e.status === 'voting');
  }

  dueAt(stage: OpenStage, handedOverAt: Date, freshLimit = false): Date {
    // A reopened resolution gets a new limit even when the county counts from the report.
    const policy = freshLimit
      ? { ...this.issue.policy, countFrom: 'handover' as const }
      : this.issue.policy;
    return stageDueAt(policy, {
      stage,
      severity: this.state.severity,
      handedOverAt,
      reportedAt: new Date(this.state.limitsFrom ?? this.state.reportedAt),
    });
  }

  setDeadline(stage: OpenStage, dueAt: Date): void {
    noteUncoveredDeadline(
      this.issue.policy,
      this.state,
      stage,
      new Date(this.state.stageSince),
      dueAt,
    );
    this.state.deadlines[stage] = iso(dueAt);
    this.state.currentDueAt = iso(dueAt);
    this.state.overdueLevel = 'none';
    this.state.reminders = 0;
    this.data.nextReminderAt = undefined;
  }

  /** Hands the issue to the next stage; `seq` is the act that did it. */
  moveTo(stage: OpenStage, seq: number, now: Date): void {
    const from = this.state.stage;
    this.state.stage = stage;
    this.state.stageSince = iso(now);
    this.setDeadline(stage, this.dueAt(stage, now, from === 'write_off'));
    this.emit('stage_changed', seq, { from, to: stage, dueAt: this.state.currentDueAt });
  }

  close(closure: NonNullable<IssueState['closure']>, actor: Actor, now: Date): void {
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

  /** Tells the responsible unit and the levels above, through notifyEscalation. */
  notify(
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

  /** Records an act (signed by its actor, under its request id); returns its seq. */
  recordAct<K extends ActName>(
    name: K,
    act: { requestId: string; actor: Actor },
    now: Date,
    summary: string,
    payload: RecordPayloadOf<K>,
  ): number {
    return this.record(name, act.actor, summary, payload, act.requestId, now);
  }

  /** The act's answer, kept for a repeat of its request id. */
  answerAct(name: ActName, act: ActBase, seq: number, now: Date): ActResult {
    const result: ActResult = {
      requestId: act.requestId,
      accepted: true,
      stage: this.state.stage,
      seq,
      at: iso(now),
    };
    this.data.answered[act.requestId] = { act: name, fingerprint: actFingerprint(act), result };
    return result;
  }

  /** Appends an entry to the signed record; returns its seq. */
  record<K extends RecordKind>(
    kind: K,
    actor: Actor,
    summary: string,
    payload: RecordPayloadOf<K>,
    requestId: string,
    now: Date,
  ): number {
    const seq = this.state.acts.length + 1;
    // The key order is the one saved histories hold: keep it.
    const entry = {
      seq,
      requestId,
      act: kind,
      actor: { ...actor },
      at: iso(now),
      stage: this.state.stage,
      summary,
      payload: copy(payload),
    };
    this.state.acts.push(entry as IssueRecord);
    return seq;
  }

  /** An issue event for bureau systems; `reminded` and `escalated` go out with notifyEscalation. */
  emit<E extends IssueEventName>(event: E, seq: number, data: IssueEventData[E]): void {
    const effect = {
      kind: 'event' as const,
      event,
      seq,
      at: this.state.acts[seq - 1].at,
      stage: this.state.stage,
      data: copy(data),
    };
    this.data.outbox.push(effect as EventEffect);
  }
}
