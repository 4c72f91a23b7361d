import { ApplicationFailure } from '@temporalio/common';
import {
  ACTS,
  ActRecord,
  type LedgerFlags,
  Actor,
  isActName,
  RecordPayload,
  isSector,
  IssueState,
  localDate,
  SECTOR_CODES,
  Sector,
  STAGES,
  Stage,
} from '@sanbao/domain';

/**
 * Pure mapping from the workflow's shapes to table rows, with the checks that tell a bad input
 * (which no retry can fix: a non-retryable failure) from a passing outage (a plain error).
 */

/** Ledger numbers count per year of the report in the county's time zone (China: one zone). */
export const LEDGER_TIME_ZONE = 'Asia/Shanghai';

export type OverdueLevelValue = 'none' | 'yellow' | 'red';

export interface LedgerRow {
  issueKey: string;
  ledgerNo: string;
  openingId: string | null;
  sector: Sector;
  kind: string;
  subjectKind: string;
  subjectId: string;
  personRef: string | null;
  villageCode: string;
  townshipCode: string;
  channel: string;
  summary: string;
  severity: string | null;
  stage: Stage;
  status: 'open' | 'closed';
  closure: string | null;
  reportedAt: string;
  stageSince: string;
  currentDueAt: string | null;
  overdueLevel: string;
  deadlines: Record<string, string>;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  completionDate: string | null;
  measures: string[] | null;
  flags: LedgerFlags;
  reopenCount: number;
  reminders: number;
  lapseCount: number;
  extensionStatus: string | null;
  /** the unit that sent the issue back, while it waits for a re-route */
  sentBackBy: string | null;
  lastSeq: number;
  closedAt: string | null;
}

export interface AuditRow {
  seq: number;
  request_id: string;
  kind: string;
  actor: Actor;
  at: string;
  stage: string;
  summary: string;
  payload: RecordPayload;
}

/** When the issue left a stage whose time limit had passed. */
export interface LapseExit {
  stage: Stage;
  dueAt: string;
  resolvedAt: string;
}

export function invalidInput(activity: string, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${activity}: ${problem}`, 'InvalidActivityInput');
}

export function requireNonEmptyText(activity: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidInput(activity, `${field} must be a non-empty string`);
  }
  return value;
}

export function requireInstant(activity: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw invalidInput(activity, `${field} must be an ISO 8601 date-time`);
  }
  return value;
}

function optionalInstant(activity: string, field: string, value: unknown): string | null {
  return value === undefined || value === null ? null : requireInstant(activity, field, value);
}

export function requireSeq(activity: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw invalidInput(activity, `${field} must be a non-negative integer`);
  }
  return value;
}

export function requireSector(activity: string, value: unknown): Sector {
  if (!isSector(value)) throw invalidInput(activity, `unknown sector ${JSON.stringify(value)}`);
  return value;
}

export function requireStage(activity: string, field: string, value: unknown): Stage {
  if (!(STAGES as readonly unknown[]).includes(value)) {
    throw invalidInput(activity, `${field} must be one of ${STAGES.join(', ')}`);
  }
  return value as Stage;
}

export function requireLevel(activity: string, value: unknown): OverdueLevelValue {
  if (value !== 'none' && value !== 'yellow' && value !== 'red') {
    throw invalidInput(activity, 'level must be none, yellow or red');
  }
  return value;
}

/** The sector inside an issue key (`issue:<sector>:<subject>:<kind>`), if it has one. */
export function sectorOfIssueKey(issueKey: string): Sector | undefined {
  const [prefix, sector] = issueKey.split(':');
  return prefix === 'issue' && isSector(sector) ? sector : undefined;
}

/** The calendar year of an instant in the county's time zone. */
export function ledgerYear(reportedAt: string): number {
  return Number(localDate({ timeZone: LEDGER_TIME_ZONE }, new Date(reportedAt)).slice(0, 4));
}

/** 2026-EDU-000123: year, the sector's code, the number padded to six digits. */
export function formatLedgerNo(year: number, sector: Sector, number: number): string {
  return `${year}-${SECTOR_CODES[sector]}-${String(number).padStart(6, '0')}`;
}

/** The snapshot's highest record seq; -1 when it holds no record yet. */
export function lastSeqOf(state: Pick<IssueState, 'acts'>): number {
  return state.acts.reduce((max, record) => Math.max(max, record.seq), -1);
}

/**
 * The sector rules' flags, and `calendarUncovered` (the years) when the current limit was
 * counted in working days over a year the holiday lists do not cover: it may be too early.
 */
function ledgerFlags(state: IssueState, stage: string): LedgerFlags {
  const due = state.currentDueAt;
  const uncovered =
    stage === 'closed' || !due || !Array.isArray(state.calendarUncovered)
      ? undefined
      : state.calendarUncovered.find(
          (u) => u.stage === stage && Date.parse(u.dueAt) === Date.parse(due),
        );
  return { ...(state.flags ?? {}), ...(uncovered ? { calendarUncovered: uncovered.years } : {}) };
}

export function toLedgerRow(state: IssueState): LedgerRow {
  const activity = 'saveLedgerRow';
  if (typeof state !== 'object' || state === null) throw invalidInput(activity, 'no state given');
  requireNonEmptyText(activity, 'issueKey', state.issueKey);
  const sector = requireSector(activity, state.sector);
  const stage = requireStage(activity, 'stage', state.stage);
  const subject = state.subject as Partial<IssueState['subject']> | undefined;
  if (!subject) throw invalidInput(activity, 'subject is missing');
  if (!Array.isArray(state.acts)) throw invalidInput(activity, 'acts must be an array');
  state.acts.forEach((record, index) => requireSeq(activity, `acts[${index}].seq`, record?.seq));
  const extensions = Array.isArray(state.extensions) ? state.extensions : [];
  return {
    issueKey: state.issueKey,
    // The row is named by its ledger number: the workflow allocates it before the first save.
    ledgerNo: requireNonEmptyText(activity, 'ledgerNo', state.ledgerNo),
    openingId: state.openingId ?? null,
    sector,
    kind: requireNonEmptyText(activity, 'kind', state.kind),
    subjectKind: requireNonEmptyText(activity, 'subject.kind', subject.kind),
    subjectId: requireNonEmptyText(activity, 'subject.id', subject.id),
    personRef: subject.personRef ?? null,
    villageCode: requireNonEmptyText(activity, 'subject.villageCode', subject.villageCode),
    townshipCode: requireNonEmptyText(activity, 'subject.townshipCode', subject.townshipCode),
    channel: requireNonEmptyText(activity, 'channel', state.channel),
    summary: typeof state.summary === 'string' ? state.summary : '',
    severity: state.severity ?? null,
    stage,
    status: stage === 'closed' ? 'closed' : 'open',
    closure: state.closure ?? null,
    reportedAt: requireInstant(activity, 'reportedAt', state.reportedAt),
    stageSince: requireInstant(activity, 'stageSince', state.stageSince),
    currentDueAt:
      stage === 'closed' ? null : optionalInstant(activity, 'currentDueAt', state.currentDueAt),
    overdueLevel: requireLevel(activity, state.overdueLevel ?? 'none'),
    deadlines: { ...(state.deadlines ?? {}) },
    responsibleUnit: state.plan?.responsibleUnit ?? null,
    responsiblePerson: state.plan?.responsiblePerson ?? null,
    completionDate: optionalInstant(activity, 'plan.completionDate', state.plan?.completionDate),
    measures: state.plan?.measures ?? null,
    flags: ledgerFlags(state, stage),
    reopenCount: state.reopenCount ?? 0,
    reminders: state.reminders ?? 0,
    lapseCount: Array.isArray(state.lapses) ? state.lapses.length : 0,
    extensionStatus: extensions.length > 0 ? extensions[extensions.length - 1].status : null,
    sentBackBy: state.sentBack?.unit ?? null,
    lastSeq: lastSeqOf(state),
    closedAt: optionalInstant(activity, 'closedAt', state.closedAt),
  };
}

/** The actor as kept for ever: who and in which scope; any other field is left out. */
export function auditActor(activity: string, actor: unknown): Actor {
  if (typeof actor !== 'object' || actor === null) throw invalidInput(activity, 'actor is missing');
  const given = actor as Partial<Actor>;
  const kept: Actor = {
    id: requireNonEmptyText(activity, 'actor.id', given.id),
    name: typeof given.name === 'string' ? given.name : '',
    role: requireNonEmptyText(activity, 'actor.role', given.role) as Actor['role'],
  };
  if (given.villageCode) kept.villageCode = given.villageCode;
  if (given.townshipCode) kept.townshipCode = given.townshipCode;
  if (given.sector) kept.sector = given.sector;
  return kept;
}

export function toAuditRows(records: ActRecord[]): AuditRow[] {
  const activity = 'appendAudit';
  if (!Array.isArray(records)) throw invalidInput(activity, 'records must be an array');
  return records.map((record, index) => ({
    seq: requireSeq(activity, `records[${index}].seq`, record?.seq),
    request_id: requireNonEmptyText(activity, `records[${index}].requestId`, record.requestId),
    kind: requireNonEmptyText(activity, `records[${index}].act`, record.act),
    actor: auditActor(activity, record.actor),
    at: requireInstant(activity, `records[${index}].at`, record.at),
    stage: requireStage(activity, `records[${index}].stage`, record.stage),
    summary: typeof record.summary === 'string' ? record.summary : '',
    payload: record.payload,
  }));
}

/**
 * For each lapse of the snapshot, when the issue left the lapsed stage: the last record done
 * in that stage at or after its due time, when what follows (the next record, or the current
 * stage) is another stage, or when it is a send-back or re-route (which end the running
 * limit without ending the stage). A lapse whose limit is still running has no exit yet.
 */
export function lapseExits(state: IssueState): LapseExit[] {
  const records = [...state.acts].sort((a, b) => a.seq - b.seq);
  const exits: LapseExit[] = [];
  for (const lapse of Array.isArray(state.lapses) ? state.lapses : []) {
    const due = Date.parse(lapse.dueAt);
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      if (record.stage !== lapse.stage || Date.parse(record.at) < due) continue;
      const next = records[index + 1]?.stage ?? state.stage;
      const endsLimit = isActName(record.act) && ACTS[record.act].sentBack !== undefined;
      if (next !== lapse.stage || endsLimit) {
        exits.push({ stage: lapse.stage, dueAt: lapse.dueAt, resolvedAt: record.at });
        break;
      }
    }
  }
  return exits;
}
