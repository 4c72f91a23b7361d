import type { Sector } from '../sector';
import type { ActRecord, IssueState, Lapse, OverdueLevel, Stage } from './types';

/**
 * The worker's activities as the issue workflow sees them (workflows import this type only).
 * Every one is idempotent: running it twice with the same input changes nothing more.
 */

export type IssueEventName =
  | 'opened'
  | 'stage_changed'
  | 'evidence_added'
  | 'overdue'
  | 'reminded'
  | 'escalated'
  | 'extension_requested'
  | 'extension_decided'
  | 'reopened'
  | 'written_off'
  | 'closed';

export interface IssueEvent {
  issueKey: string;
  /** names the opening of the issue key */
  ledgerNo: string;
  event: IssueEventName;
  /** the record entry that caused the event; with ledgerNo and event, the message id */
  seq: number;
  at: string;
  sector: Sector;
  townshipCode: string;
  villageCode: string;
  stage: Stage;
  data: Record<string, unknown>;
}

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

export interface IssueActivities {
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
