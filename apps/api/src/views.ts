import type { LedgerFlags, RecordKind, RecordPayloadOf } from '@sanbao/domain';

/**
 * The County API's answers, as types: what the routes return. The response classes and schemas
 * (responses/) declare them in the OpenAPI document the console's types are generated from.
 */

/** One issue as the ledger (台账) shows it. Codes and text only: no personal data is kept. */
export interface LedgerIssueView {
  issueKey: string;
  ledgerNo: string | null;
  sector: string;
  kind: string;
  subject: { kind: string; id: string; personRef: string | null };
  villageCode: string;
  townshipCode: string;
  channel: string;
  summary: string;
  severity: string | null;
  stage: string;
  status: 'open' | 'closed';
  closure: string | null;
  reportedAt: string;
  stageSince: string;
  currentDueAt: string | null;
  overdueLevel: string;
  /** past its time limit now, even before the workflow has marked it */
  overdue: boolean;
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
  /** the unit that sent the issue back (退回), while it waits for the level above's re-route */
  sentBackBy: string | null;
  closedAt: string | null;
}

export interface Page<T> {
  items: T[];
  /** how many rows match: exact when `totalExact`, else at least this many (a capped count) */
  total: number;
  totalExact: boolean;
  /** the page number when paged by `page`; null when paged by cursor */
  page: number | null;
  pageSize: number;
  /** hand back as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

/** One task on a work list: the fields the list shows, not the whole ledger row. */
export type WorkItem = Pick<
  LedgerIssueView,
  | 'issueKey'
  | 'sector'
  | 'kind'
  | 'subject'
  | 'villageCode'
  | 'townshipCode'
  | 'summary'
  | 'severity'
  | 'stage'
  | 'status'
  | 'reportedAt'
  | 'stageSince'
  | 'currentDueAt'
  | 'overdueLevel'
  | 'overdue'
  | 'extensionStatus'
> & { ledgerNo: string; task: string };

export interface ExtensionView {
  issueKey: string;
  ledgerNo: string | null;
  sector: string;
  townshipCode: string;
  requestId: string;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  currentDueAt: string | null;
  newDeadline: string;
  votingDeadline: string | null;
  reason: string;
  /** as the extension request gave them (the workflow checked each one) */
  milestones: Array<{ description: string; dueDate: string }>;
  status: string;
  decidedAt: string | null;
  votes: Array<{
    leader: { id: string; name: string };
    approve: boolean;
    comment: string;
    at: string;
  }>;
}

/** What every timeline entry has: when, in which stage, who, the sentence and the reason. */
interface TimelineEntryBase {
  at: string;
  stage: string | null;
  who: { id: string; name: string; role: string } | null;
  /** one sentence a supervisor can read */
  text: string;
  /** the reason given with the act (findings, explanation, comment, ...) */
  why: string | null;
  /** the entry's place in the issue's record; deadlines and lapses have none */
  seq: number | null;
}

/** Who was told of a late stage, beside the record of the reminder (from the notices sent). */
export interface NoticeDetails {
  told?: string[];
  responsibleUnit?: string;
  notifiedAt?: string;
}

/** The kinds whose records tell people (a notice was sent with them). */
export type NoticeKind = 'overdue' | 'reminder' | 'escalation';

/** An audit entry's details: the record's payload of its kind, its request id, any notice. */
export type AuditDetails<K extends RecordKind> = RecordPayloadOf<K> & {
  requestId: string;
} & (K extends NoticeKind ? NoticeDetails : unknown);

/** One entry of the signed record (an act, or what the workflow recorded by itself). */
export type AuditTimelineEntry = {
  [K in RecordKind]: TimelineEntryBase & {
    source: 'audit';
    kind: K;
    seq: number;
    details: AuditDetails<K>;
  };
}[RecordKind];

/** A time limit the workflow set (from its state): the due time, and any uncovered years. */
export interface DeadlineDetails {
  /** null when the state no longer tells it */
  dueAt: string | null;
  /** the years the deadline policy's holiday lists lacked when it was counted */
  calendarUncovered?: number[];
}

export interface DeadlineTimelineEntry extends TimelineEntryBase {
  source: 'temporal';
  kind: 'deadline';
  details: DeadlineDetails;
}

/** A lapse in the accountability register: the unit answerable, how late, whether done since. */
export interface LapseDetails {
  unit: string;
  dueAt: string;
  level: 'none' | 'yellow' | 'red';
  resolvedAt: string | null;
  daysLate: number;
  secondsLate: number;
}

export interface LapseTimelineEntry extends TimelineEntryBase {
  source: 'accountability';
  kind: 'lapse';
  details: LapseDetails;
}

/**
 * One entry of an issue's timeline, a union on `source` (and on `kind`): a record entry
 * (`audit`, details: its payload), a time limit (`temporal`), a lapse (`accountability`).
 */
export type TimelineEntry = AuditTimelineEntry | DeadlineTimelineEntry | LapseTimelineEntry;

export interface IssueHistory {
  issueKey: string;
  ledgerNo: string | null;
  temporal: {
    workflowId: string;
    namespace: string;
    webUrl: string;
    runs: string[];
    events: number;
  };
  /** the county's time zone: the timeline's sentences give times in it */
  timeZone: string;
  /** the language of the sentences (`lang`, else Accept-Language; zh-CN by default) */
  lang: 'zh-CN' | 'en';
  timeline: TimelineEntry[];
}

export interface OnTimeRow {
  /** township code, or sector for a bureau */
  unit: string;
  onTime: number;
  late: number;
  /** onTime / (onTime + late), null when nothing fell due */
  rate: number | null;
}

export interface Dashboard {
  month: string;
  timeZone: string;
  generatedAt: string;
  byStage: Record<string, { open: number; overdue: number }>;
  bySector: Record<string, { open: number; closed: number; overdue: number }>;
  closed: number;
  onTime: { townships: OnTimeRow[]; bureaus: OnTimeRow[] };
  /** per county month (the one month rule): new issues (of them late entries), write-offs, lapses */
  monthOnMonth: Array<{
    month: string;
    opened: number;
    lateEntries: number;
    writtenOff: number;
    lapses: number;
  }>;
  overdue: { total: number; items: LedgerIssueView[] };
  /**
   * Set when the deadline policy's holiday lists miss this year, or from November next year:
   * the admin must add the State Council's list (docs/deadline-policy.md). Null otherwise.
   */
  calendarWarning: { missingYears: number[]; coveredYears: number[] } | null;
}

export interface IssueTimeline {
  issue: LedgerIssueView;
  history: IssueHistory;
}
