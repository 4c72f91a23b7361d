import type { Sector } from '../sector';
import type { ActRecord } from './records';
import type {
  Closure,
  ExtensionState,
  IssueChannel,
  IssueState,
  Lapse,
  OverdueLevel,
  Stage,
} from './types';

/**
 * The worker's activities as the issue workflow sees them (workflows import this type only).
 * Every one is idempotent: running it twice with the same input changes nothing more.
 */

/** What each issue event tells bureau systems besides the issue's codes (its `data`). */
export interface IssueEventData {
  opened: { channel: IssueChannel; dueAt?: string };
  /** `dueAt`: the new stage's limit; `closure`: how it closed, when `to` is closed */
  stage_changed: { from: Stage; to: Stage; dueAt?: string; closure?: Closure };
  evidence_added: { evidenceId: string; source: string };
  overdue: { unit: string; dueAt: string; level: 'yellow' };
  reminded: EscalationData;
  escalated: EscalationData;
  extension_requested: { newDeadline: string; votingDeadline: string };
  extension_decided: {
    status: Exclude<ExtensionState['status'], 'voting'>;
    newDeadline: string;
    /** the limit now running */
    dueAt?: string;
  };
  reopened: { reopenCount: number };
  /** sent back (退回) by `unit`; `dueAt`: the level above's limit to re-route it */
  sent_back: { unit: string; dueAt: string };
  /** re-routed (转办): codes only; `dueAt` the receiving unit's fresh limit */
  rerouted: {
    from: { villageCode: string; townshipCode: string; sector: string };
    to: { villageCode: string; townshipCode: string; sector: string };
    dueAt: string;
  };
  written_off: { closure: Closure };
  closed: { closure: Closure };
  /** this issue was merged into `into` (a ledger number); `closed` follows */
  merged: { into: string };
  /** the duplicate `duplicate` was merged into this issue, with its evidence */
  merged_in: { duplicate: string; evidenceIds: string[] };
}

/** A reminder's or an escalation's event data (sent by notifyEscalation). */
export interface EscalationData {
  level: OverdueLevel;
  responsibleUnit: string;
  notify: Escalation['notify'];
  dueAt: string;
}

export type IssueEventName = keyof IssueEventData;

/** An event's name with its data, as a union to narrow on `event`. */
export type IssueEventPart = {
  [E in IssueEventName]: { event: E; data: IssueEventData[E] };
}[IssueEventName];

export type IssueEvent = {
  issueKey: string;
  /** names the opening of the issue key */
  ledgerNo: string;
  /** the record entry that caused the event; with ledgerNo and event, the message id */
  seq: number;
  at: string;
  sector: Sector;
  townshipCode: string;
  villageCode: string;
  stage: Stage;
} & IssueEventPart;

export interface Escalation {
  issueKey: string;
  /** the opening; the workflow fills it in when it hands the escalation over */
  ledgerNo?: string;
  seq: number;
  stage: Stage;
  level: OverdueLevel;
  /** the unit reminded (village code, township code, or the sector's bureau) */
  responsibleUnit: string;
  /** who is told: the next level up; on red, county leaders and supervisors too */
  notify: Array<'village' | 'township' | 'bureau' | 'leader' | 'supervisor'>;
  dueAt: string;
  at: string;
}

/**
 * One workflow step's writes, handed over at once (`writeFlush`): the audit entries, the ledger
 * row, lapses, notifications and the outgoing events, written in one database transaction.
 * Before the issue has a ledger number the transaction allocates it and fills it in everywhere.
 */
export interface IssueFlush {
  issueKey: string;
  /** the first run id of the workflow chain: with the key, names the opening */
  openingId: string;
  sector: Sector;
  townshipCode: string;
  villageCode: string;
  reportedAt: string;
  /** absent on the first flush: the transaction allocates it */
  ledgerNo?: string;
  records: ActRecord[];
  /** the ledger row's snapshot, when the step changed it */
  state?: IssueState;
  lapses: Lapse[];
  notifications: Escalation[];
  /** the events without the issue's ledger number and codes (the transaction adds them) */
  events: Array<{ seq: number; at: string; stage: Stage } & IssueEventPart>;
}

/**
 * An issue whose flush failed for good, as its workflow records it (issue 12): so that no issue
 * is ever without a ledger row unseen. Holds no issue key, no text of the issue: the reason
 * names codes (SQLSTATE, constraint), never values.
 */
export interface NeedsRepair {
  workflowId: string;
  openingId: string;
  sector: Sector;
  ledgerNo?: string;
  reason: string;
}

export interface IssueActivities {
  /**
   * Records that the issue's read models need a repair (its flush failed for good); repeated,
   * it counts the failure again. The repair (reconciliation) re-projects the workflow's state.
   */
  recordNeedsRepair(input: NeedsRepair): Promise<void>;
  /**
   * Writes one flush in one transaction (allocating the ledger number on the first) and queues
   * its events in the outbox that the worker relays to NATS. Returns the ledger number.
   */
  writeFlush(flush: IssueFlush): Promise<{ ledgerNo: string }>;
  /**
   * A readable ledger number such as 2026-EDU-000123, the same one every time for an opening
   * (issue key + the first run id of its workflow chain); a new opening gets a new number.
   */
  allocateLedgerNo(input: {
    issueKey: string;
    openingId: string;
    sector: Sector;
    reportedAt: string;
  }): Promise<string>;
  /** Upserts the ledger (台账) row from the workflow's state; an older snapshot never wins. */
  saveLedgerRow(state: IssueState): Promise<void>;
  /** Appends record entries to the audit trail; an entry already there (ledgerNo, seq) is kept. */
  appendAudit(input: { issueKey: string; ledgerNo: string; records: ActRecord[] }): Promise<void>;
  /** Records a lapse for accountability, once per (ledgerNo, stage, dueAt). */
  recordLapse(input: { issueKey: string; ledgerNo: string; lapse: Lapse }): Promise<void>;
  /** Publishes sanbao.issue.<event> on JetStream with a message id derived from the event. */
  publishIssueEvent(event: IssueEvent): Promise<void>;
  /** Tells the responsible unit and the levels above (reminder / escalation). */
  notifyEscalation(escalation: Escalation): Promise<void>;
}
