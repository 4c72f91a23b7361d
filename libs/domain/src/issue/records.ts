import { isActName, type ActName, type ActPayloadOf } from './acts';
import type { Escalation } from './activities';
import type {
  Actor,
  Closure,
  ExtensionState,
  IssueChannel,
  OverdueLevel,
  Severity,
  Stage,
} from './types';

/**
 * The issue's signed record: one entry per act and per thing the workflow did by itself, kept
 * for ever (workflow state, audit table, history). Each kind has its own payload type, so a
 * reader narrows on `act` and the compiler checks every field it reads. The payloads are the
 * JSON the workflow has always written: saved histories and audit rows read as these types.
 */

/** Who is told of a late stage. */
export type Notified = Escalation['notify'];

/** The payload of each entry the workflow writes by itself (acts' payloads: the catalogue). */
export interface SystemRecordPayloads {
  opened: {
    channel: IssueChannel;
    severityHint: Severity;
    policyVersion: string;
    /** the verification limit */
    dueAt?: string;
    /**
     * the report's own time, kept beside the entry (the record's `at`) since
     * limits-from-entry: a report back-dated into an earlier county month is a late entry
     */
    reportedAt?: string;
  };
  evidence: { evidenceId: string; source: string; receivedAt: string };
  /** a stage's limit passed: lapse recorded against the responsible unit */
  overdue: { unit: string; dueAt: string; level: 'yellow'; notify: Notified };
  /** the responsible unit reminded again */
  reminder: {
    unit: string;
    dueAt: string;
    level: OverdueLevel;
    notify: Notified;
    /** the how-manieth reminder for this limit */
    reminder: number;
  };
  /**
   * The next level up told (red: leaders and supervisors); `extension` when a vote lapsed
   * undecided and the old deadline stands.
   */
  escalation: {
    extension?: string;
    level: 'red';
    unit: string;
    dueAt: string;
    notify: Notified;
  };
  extension_decided: {
    /** the request id of the extension decided */
    extension: string;
    status: Exclude<ExtensionState['status'], 'voting'>;
    newDeadline: string;
    approvals: number;
    rejections: number;
  };
  /** the write-off check found the problem not solved */
  reopened: { reason?: string; reopenCount: number };
  closed: { closure: Closure };
  /** a duplicate was merged into this issue: its ledger number, the reason, its evidence */
  merged_in: {
    duplicate: string;
    reason: string;
    evidence: Array<{ evidenceId: string; source: string; receivedAt: string }>;
  };
}

export type SystemRecordKind = keyof SystemRecordPayloads;
export type RecordKind = ActName | SystemRecordKind;

export type RecordPayloadOf<K extends RecordKind> = K extends ActName
  ? ActPayloadOf<K>
  : K extends SystemRecordKind
    ? SystemRecordPayloads[K]
    : never;

/** One entry of the issue's signed record: who, when, what, why. */
export interface IssueRecordOf<K extends RecordKind> {
  seq: number;
  requestId: string;
  act: K;
  actor: Actor;
  at: string;
  stage: Stage; // the stage the act was done in
  summary: string;
  payload: RecordPayloadOf<K>;
}

/** Any record entry: narrow on `act` to read its payload. */
export type IssueRecord = { [K in RecordKind]: IssueRecordOf<K> }[RecordKind];

/** Any payload (what the audit table's JSON column holds). */
export type RecordPayload = { [K in RecordKind]: RecordPayloadOf<K> }[RecordKind];

/** The old name of a record entry, kept for the callers that only pass entries along. */
export type ActRecord = IssueRecord;

/**
 * A kind and payload read back from storage as one typed entry. The pair was written together
 * by the workflow (the audit table holds what appendAudit was given), so it is trusted here.
 */
export function typedRecord<T extends { kind: RecordKind; payload: RecordPayload }>(
  row: T,
): Omit<T, 'kind' | 'payload'> & KindAndPayload {
  return row as unknown as Omit<T, 'kind' | 'payload'> & KindAndPayload;
}

/** A kind with its payload, as a union to narrow on `kind`. */
export type KindAndPayload = {
  [K in RecordKind]: { kind: K; payload: RecordPayloadOf<K> };
}[RecordKind];

/** Is the entry one of a person's acts (not something the workflow recorded by itself)? */
export function isActEntry<T extends KindAndPayload>(
  entry: T,
): entry is Extract<T, { kind: ActName }> {
  return isActName(entry.kind);
}
