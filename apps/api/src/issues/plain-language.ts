import type { IssueAuditEntity } from '@sanbao/persistence';

const ROLE_NAMES: Record<string, string> = {
  village: 'village cadre',
  township: 'township officer',
  bureau: 'county bureau officer',
  leader: 'county leader',
  supervisor: 'supervisor',
  admin: 'administrator',
  system: 'system',
};

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** One record entry as a sentence a supervisor can read, and the reason given with it. */
export function describeRecord(entry: IssueAuditEntity): { text: string; why: string | null } {
  const p = entry.payload;
  const who = `${entry.actor.name} (${ROLE_NAMES[entry.actor.role] ?? entry.actor.role})`;
  switch (entry.kind) {
    case 'opened':
      return {
        text: `Reported through ${str(p.channel)} by ${who}; verification due ${str(p.dueAt)}`,
        why: null,
      };
    case 'evidence':
      return { text: `Evidence added from ${str(p.source)}`, why: null };
    case 'verification':
      return {
        text: `${who} visited the household on ${str(p.visitedAt)} and ${
          p.confirmed ? 'confirmed' : 'did not confirm'
        } the problem`,
        why: str(p.findings),
      };
    case 'townshipDecision': {
      const decision =
        p.decision === 'forward'
          ? 'forwarded the issue to the county bureau'
          : p.decision === 'persuade'
            ? 'explained the policy to the household and closed the issue (persuaded)'
            : 'found the report unfounded and closed the issue';
      return { text: `${who} ${decision}`, why: str(p.explanation) };
    }
    case 'solutionPlan': {
      const measures = Array.isArray(p.measures) ? p.measures.map(str).join('; ') : '';
      return {
        text: `${who} set a ${str(p.severity)} solution plan: ${str(p.responsibleUnit)}, ${str(
          p.responsiblePerson,
        )} responsible, done by ${str(p.completionDate)}; measures: ${measures}`,
        why: null,
      };
    }
    case 'progressNote':
      return { text: `${who} noted progress`, why: str(p.note) };
    case 'completion':
      return { text: `${who} reported the work done`, why: str(p.outcome) };
    case 'extensionRequest':
      return {
        text: `${who} asked the county leaders to extend the limit to ${str(p.newDeadline)} (vote by ${str(
          p.votingDeadline,
        )})`,
        why: str(p.reason),
      };
    case 'leaderVote':
      return {
        text: `${who} voted to ${p.approve ? 'approve' : 'reject'} the extension`,
        why: str(p.comment),
      };
    case 'extension_decided':
      return {
        text: `The extension was ${str(p.status)} (${str(p.approvals)} for, ${str(p.rejections)} against)`,
        why: null,
      };
    case 'writeOffCheck':
      return {
        text: `${who} checked with the household: ${
          p.result === 'resolved' ? 'the problem is solved' : 'the problem is not solved'
        }`,
        why: p.reason === undefined ? null : str(p.reason),
      };
    case 'reopened':
      return { text: 'Reopened: back to resolution', why: str(p.reason) || null };
    case 'overdue':
      return {
        text: `The ${entry.stage} time limit (${str(p.dueAt)}) passed: ${str(p.unit)} is answerable; told: ${
          Array.isArray(p.notify) ? p.notify.join(', ') : ''
        }`,
        why: null,
      };
    case 'reminder':
      return {
        text: `Reminder ${str(p.reminder)} to ${str(p.unit)}: ${entry.stage} still waiting`,
        why: null,
      };
    case 'escalation':
      return {
        text: `Escalated (${str(p.level)}): ${entry.stage} at ${str(p.unit)}; told: ${
          Array.isArray(p.notify) ? p.notify.join(', ') : ''
        }`,
        why: null,
      };
    case 'closed':
      return { text: `Closed: ${str(p.closure).replace('_', ' ')}`, why: null };
    default:
      return { text: entry.summary, why: null };
  }
}
