import type { IssueLedgerEntity } from '@sanbao/persistence';

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
  closedAt: string | null;
}

export function ledgerView(row: IssueLedgerEntity, now = new Date()): LedgerIssueView {
  const due = row.currentDueAt;
  return {
    issueKey: row.issueKey,
    ledgerNo: row.ledgerNo,
    sector: row.sector,
    kind: row.kind,
    subject: { kind: row.subjectKind, id: row.subjectId, personRef: row.personRef },
    villageCode: row.villageCode,
    townshipCode: row.townshipCode,
    channel: row.channel,
    summary: row.summary,
    severity: row.severity,
    stage: row.stage,
    status: row.status,
    closure: row.closure,
    reportedAt: row.reportedAt.toISOString(),
    stageSince: row.stageSince.toISOString(),
    currentDueAt: due ? due.toISOString() : null,
    overdueLevel: row.overdueLevel,
    overdue:
      row.status === 'open' &&
      (row.overdueLevel !== 'none' || (due !== null && due.getTime() <= now.getTime())),
    deadlines: row.deadlines,
    responsibleUnit: row.responsibleUnit,
    responsiblePerson: row.responsiblePerson,
    completionDate: row.completionDate ? row.completionDate.toISOString() : null,
    measures: row.measures,
    flags: row.flags,
    reopenCount: row.reopenCount,
    reminders: row.reminders,
    lapseCount: row.lapseCount,
    extensionStatus: row.extensionStatus,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
