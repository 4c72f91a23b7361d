import { normaliseId } from '../identity';
import { kindFamily, perKindNames } from '../sectors/kinds';
import type { Sector } from '../sector';
import type { IssueRecord } from './records';

/**
 * The wire shapes of one issue's life, shared by the workflow (which enforces them), the
 * intake (which starts issues), the API (which sends acts) and the worker's activities.
 * Pure types and constants only: workflows import this file.
 */

/** Who may act. `system` is a machine: intake, a bureau system, the worker itself. */
export type Role = 'village' | 'township' | 'bureau' | 'leader' | 'supervisor' | 'admin' | 'system';
export const ROLES: readonly Role[] = [
  'village',
  'township',
  'bureau',
  'leader',
  'supervisor',
  'admin',
  'system',
];

/** The person (or machine) behind an act, with the scope they act in. No ID or phone numbers. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** village cadres: their village (administrative division code) */
  villageCode?: string;
  /** township officers: their township */
  townshipCode?: string;
  /** bureau officers and bureau systems: their sector */
  sector?: Sector;
}

/** Where an issue stands. `closed` is final; how it closed is in `closure`. */
export type Stage =
  | 'verification' // 核查: village, 1 day
  | 'township_decision' // 核查办理意见: township, 3 days
  | 'solution_plan' // 解决方案: county bureau, 5 days
  | 'resolution' // 解决: 7 days general / 1 month major
  | 'write_off' // 销号: township confirms with the household
  | 'closed';
export const STAGES: readonly Stage[] = [
  'verification',
  'township_decision',
  'solution_plan',
  'resolution',
  'write_off',
  'closed',
];

export type Severity = 'general' | 'major';
export type OverdueLevel = 'none' | 'yellow' | 'red';
/** `merged`: a duplicate merged into the issue it duplicates (that one goes on). */
export type Closure = 'written_off' | 'persuaded' | 'unfounded' | 'merged';

/** Flags from the sector rules: emergency (water), transitional housing (housing). */
export interface SectorFlags {
  emergency?: boolean;
  transitionalHousing?: boolean;
}

/**
 * The ledger row's flags: the sector rules', and `calendarUncovered` (the years) when the
 * current limit was counted in working days over years the holiday lists lack (maybe early).
 */
export interface LedgerFlags extends SectorFlags {
  calendarUncovered?: number[];
}

/** How the issue came in. */
export type IssueChannel =
  'sector_signal' | 'hotline' | 'village_patrol' | 'household' | 'supervision';

/** The household (or, for water, the village) the issue is about. Codes only, no personal data. */
export interface IssueSubject {
  kind: 'household' | 'village';
  /** household number in the county's register, or the village code for a village-wide issue */
  id: string;
  /** an opaque reference to the person concerned (a child, a patient), never an ID number */
  personRef?: string;
  villageCode: string;
  townshipCode: string;
}

/** A value as JSON carries it (what evidence facts and signals hold). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An object as JSON carries it: the facts a sector rule used, kept as evidence. */
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface Evidence {
  /** idempotency key: the same evidence id is appended once */
  evidenceId: string;
  /** e.g. "education:roster:2026-autumn:row-17", "api:user-42" */
  source: string;
  receivedAt: string; // ISO 8601
  description: string;
  data?: JsonObject;
}

/** What starts an issue workflow (signal-with-start from intake, or a report through the API). */
export interface IssueStartInput {
  /** the workflow id: see issueKey() */
  issueKey: string;
  sector: Sector;
  /** sector kind of risk, e.g. not_enrolled, high_out_of_pocket, house_grade_d, outage */
  kind: string;
  severityHint: Severity;
  subject: IssueSubject;
  summary: string;
  reportedAt: string; // ISO 8601
  channel: IssueChannel;
  /** flags from the sector rules: emergency (water), transitional housing (housing) */
  flags?: { emergency?: boolean; transitionalHousing?: boolean };
  /** the county deadline policy in force when the issue was reported; kept for its whole life */
  policy: import('./deadline-policy').DeadlinePolicy;
  reportedBy: Actor;
}

/**
 * The issue key: one open issue per sector + subject (+ person) + problem FAMILY (kinds that
 * describe one situation: `kindFamily()` of sectors/kinds.ts). A kind alone in its family is
 * its own family, so those keys read as before (`issue:water:522633101201:quality_failure`);
 * a family of several kinds has a name of its own (`…/CHILD-1:out_of_school`). The subject's
 * identifiers are read in their one form (normaliseId). The workflow id is a keyed hash of
 * this key (libs/temporal); the ledger keeps the key each issue was opened under.
 */
export function issueKey(input: {
  sector: Sector;
  subject: Pick<IssueSubject, 'id' | 'personRef'>;
  kind: string;
}): string {
  const id = normaliseId(input.subject.id);
  const subject = input.subject.personRef ? `${id}/${normaliseId(input.subject.personRef)}` : id;
  return `issue:${input.sector}:${subject}:${kindFamily(input.sector, input.kind)}`;
}

/**
 * The keys issues of the same problem had before problem families (one per kind, e.g.
 * `…/CHILD-1:not_returned`): an issue opened under one of them and still open is joined by a
 * new report of its family rather than opened again beside it. Empty for a lone kind.
 */
export function perKindIssueKeys(input: Parameters<typeof issueKey>[0]): string[] {
  const familyKey = issueKey(input);
  const stem = familyKey.slice(0, familyKey.lastIndexOf(':') + 1);
  return perKindNames(input.sector, input.kind).map((kind) => `${stem}${kind}`);
}

// ---------------------------------------------------------------------------------------------
// Acts: each one is a Temporal Update whose argument carries a request id (idempotency) and
// the actor. A repeated request id returns the first answer and changes nothing.

export interface ActBase {
  requestId: string;
  actor: Actor;
}

export interface VerificationAct extends ActBase {
  confirmed: boolean;
  findings: string;
  visitedAt: string; // ISO 8601
  /**
   * The kind the visit found, when the report named another kind of the same family (a child
   * reported "not returned" who has dropped out): the issue's kind is corrected. Optional.
   */
  kind?: string;
}

export type TownshipDecisionKind = 'forward' | 'persuade' | 'unfounded';
export interface TownshipDecisionAct extends ActBase {
  decision: TownshipDecisionKind;
  explanation: string;
}

export interface SolutionPlanAct extends ActBase {
  responsiblePerson: string;
  responsibleUnit: string;
  measures: string[];
  completionDate: string; // ISO 8601; within the policy limit for the severity
  severity: Severity;
}

export interface ProgressNoteAct extends ActBase {
  note: string;
}

export interface CompletionAct extends ActBase {
  outcome: string;
  evidenceRefs: string[];
}

export interface Milestone {
  description: string;
  dueDate: string; // ISO 8601
}

export interface ExtensionRequestAct extends ActBase {
  newDeadline: string; // ISO 8601
  reason: string;
  milestones: Milestone[];
}

export interface LeaderVoteAct extends ActBase {
  approve: boolean;
  comment: string;
}

export interface WriteOffCheckAct extends ActBase {
  result: 'resolved' | 'not_resolved';
  reason?: string;
}

/**
 * The issue a duplicate is merged into, as the API found it from the ledger number `into`: not
 * the caller's to say. Stable for the issue's life, so a resent merging is the same act.
 */
export interface MergeSurvivor {
  issueKey: string;
  /** its workflow's id: the duplicate's workflow tells it of the merging */
  workflowId: string;
  sector: Sector;
  townshipCode: string;
  villageCode: string;
}

export interface MergeAct extends ActBase {
  /** the ledger number of the open issue this one duplicates */
  into: string;
  reason: string;
  survivor: MergeSurvivor;
}

/** What the duplicate's workflow tells the survivor's (the `mergedIn` signal). */
export interface MergedInNotice {
  /** the duplicate's ledger number */
  duplicate: string;
  /** the merging's signer, time and reason */
  actor: Actor;
  at: string;
  reason: string;
  /** the duplicate's evidence, linked on the survivor */
  evidence: Evidence[];
}

/**
 * 退回: the unit an issue was wrongly addressed to (the village at verification, the township
 * at its decision, the bureau at the plan) sends it back with its reason; the level above
 * re-routes it (RerouteAct).
 */
export interface SendBackAct extends ActBase {
  reason: string;
}

/**
 * 转办: the level above names where the issue belongs: another village (its township follows
 * from the code), or, at the plan, another sector with a kind of that sector.
 */
export interface RerouteAct extends ActBase {
  reason: string;
  villageCode?: string;
  sector?: Sector;
  kind?: string;
}

/** An issue sent back and not yet re-routed: who sent it back, and the level above's limit. */
export interface SentBack {
  stage: Exclude<Stage, 'closed'>;
  /** the unit that sent it back (a village code, township code or bureau:<sector>) */
  unit: string;
  at: string;
  /** the level above's limit to re-route it */
  dueAt: string;
}

/** What every accepted act answers. */
export interface ActResult {
  requestId: string;
  accepted: true;
  stage: Stage;
  /** the act's sequence number in the issue's record */
  seq: number;
  at: string; // ISO 8601
  /**
   * How far the ledger, audit trail and events held the record when the answer was given (the
   * highest seq written). The answer comes once the decision is durable in the workflow; the
   * read models follow within the worker's next write. `readModel` is 'current' when they
   * already hold this act (ledgerSeq >= seq), else 'pending'.
   */
  ledgerSeq?: number;
  readModel?: 'pending' | 'current';
}

export interface ExtensionState {
  requestId: string;
  requestedBy: Actor;
  requestedAt: string;
  newDeadline: string;
  reason: string;
  milestones: Milestone[];
  votes: Array<{ leader: Actor; approve: boolean; comment: string; at: string }>;
  status: 'voting' | 'approved' | 'rejected' | 'lapsed';
  decidedAt?: string;
  votingDeadline: string;
}

export interface Lapse {
  stage: Stage;
  /** the unit answerable for the stage: village code, township code or sector bureau */
  unit: string;
  dueAt: string;
  detectedAt: string;
  level: OverdueLevel;
}

/** What the `issueState` query returns. */
export interface IssueState {
  issueKey: string;
  /**
   * The first run id of this workflow chain. An issue key written off may be reported again:
   * that is a new chain, a new opening, with a ledger number of its own.
   */
  openingId?: string;
  ledgerNo?: string;
  sector: Sector;
  kind: string;
  subject: IssueSubject;
  summary: string;
  channel: IssueChannel;
  flags: SectorFlags;
  reportedAt: string;
  stage: Stage;
  stageSince: string;
  closure?: Closure;
  closedAt?: string;
  severity?: Severity;
  deadlines: Partial<Record<Exclude<Stage, 'closed'>, string>>;
  currentDueAt?: string;
  /**
   * Where the limits run from, since limits-from-entry: the entry (when the county got the
   * report), or `reportedAt` if that is later. Absent on issues opened before: they ran from
   * `reportedAt`.
   */
  limitsFrom?: string;
  /**
   * Deadlines counted in working days over a year the policy's holiday lists do not cover: the
   * due time may be too early (a holiday counted as a working day). Absent when none was.
   */
  calendarUncovered?: Array<{ stage: Exclude<Stage, 'closed'>; dueAt: string; years: number[] }>;
  overdueLevel: OverdueLevel;
  plan?: Omit<SolutionPlanAct, 'requestId' | 'actor'>;
  extensions: ExtensionState[];
  lapses: Lapse[];
  reminders: number;
  acts: IssueRecord[];
  evidence: Evidence[];
  reopenCount: number;
  /** set while the issue is sent back (退回), until the level above re-routes it */
  sentBack?: SentBack;
}
