/**
 * The County API's answers, as types: what the routes return and the web console reads. The
 * console imports this file (types only, erased from its bundle), so it has no imports.
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
  flags: Record<string, unknown>;
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

export interface TimelineEntry {
  at: string;
  /** an act (a RecordKind of the act catalogue), a system entry (overdue, reminder, escalation,
   * extension_decided, ...), `deadline` (a time limit set) or `lapse` (accountability record) */
  kind: string;
  stage: string | null;
  who: { id: string; name: string; role: string } | null;
  /** one sentence a supervisor can read */
  text: string;
  /** the reason given with the act (findings, explanation, comment, ...) */
  why: string | null;
  /** the entry's place in the issue's record; deadlines and lapses have none */
  seq: number | null;
  source: 'audit' | 'temporal' | 'accountability';
  details: Record<string, unknown>;
}

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
