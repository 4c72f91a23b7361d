import type { IssueLedgerEntity } from '@sanbao/persistence';
import type { LedgerIssueView } from '../views';

export type { LedgerIssueView, Page } from '../views';

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
    sentBackBy: row.sentBackBy ?? null,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
  };
}
