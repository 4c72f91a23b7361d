import type { RiskSignal } from '@sanbao/contracts';
import {
  Actor,
  DeadlinePolicy,
  Evidence,
  issueKey,
  IssueStartInput,
  IssueSubject,
  normaliseSubject,
} from '@sanbao/domain';

/**
 * A signal as the issue workflow takes it: the start input (used only when no issue is open
 * for the key) and the evidence (appended to the open issue, once per signal id).
 */
export function issueStartOf(
  signal: RiskSignal,
  policy: DeadlinePolicy,
): { input: IssueStartInput; evidence: Evidence } {
  const subject: IssueSubject = normaliseSubject({
    kind: signal.subject.kind,
    id: signal.subject.id,
    ...(signal.subject.personRef ? { personRef: signal.subject.personRef } : {}),
    villageCode: signal.subject.villageCode,
    townshipCode: signal.subject.townshipCode,
  });
  const flags = {
    ...(signal.flags?.emergency ? { emergency: true } : {}),
    ...(signal.flags?.transitionalHousing ? { transitionalHousing: true } : {}),
  };
  const reportedBy: Actor = {
    id: `intake:${signal.sector}`,
    name: `${signal.sector} sector signals (intake)`,
    role: 'system',
    sector: signal.sector,
  };
  const input: IssueStartInput = {
    issueKey: issueKey({ sector: signal.sector, subject, kind: signal.kind }),
    sector: signal.sector,
    kind: signal.kind,
    severityHint: signal.severityHint,
    subject,
    summary: signal.summary,
    reportedAt: signal.publishedAt,
    channel: 'sector_signal',
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
    policy,
    reportedBy,
  };
  const { source } = signal;
  const evidence: Evidence = {
    evidenceId: `signal:${signal.signalId}`,
    source: `${source.system}:${source.recordType}:${source.recordId}`,
    receivedAt: signal.publishedAt,
    description: signal.evidence.description,
    data: {
      ...signal.evidence.data,
      signalId: signal.signalId,
      severityHint: signal.severityHint,
      observedAt: signal.observedAt,
      ...(source.batchId ? { batchId: source.batchId } : {}),
      ...(Object.keys(flags).length > 0 ? { flags } : {}),
    },
  };
  return { input, evidence };
}
