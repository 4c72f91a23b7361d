import {
  isSector,
  validateDeadlinePolicy,
  type Evidence,
  type IssueStartInput,
} from '@sanbao/domain';

/**
 * What the issue workflow checks of what reaches it from outside its history: the start input
 * (the intake and the API validate before starting; one that still gets here is refused) and
 * each evidence signal (a signal cannot be refused: a malformed one is logged and dropped).
 */
export function startInputProblems(input: IssueStartInput): string[] {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null) return ['input must be an object'];
  if (typeof input.issueKey !== 'string' || input.issueKey === '')
    problems.push('issueKey is required');
  if (!isSector(input.sector)) problems.push('sector is unknown');
  if (typeof input.kind !== 'string' || input.kind === '') problems.push('kind is required');
  const subject = input.subject as Partial<IssueStartInput['subject']> | undefined;
  if (!subject?.id || !subject.villageCode || !subject.townshipCode) {
    problems.push('subject needs id, villageCode and townshipCode');
  }
  if (typeof input.reportedAt !== 'string' || !Number.isFinite(Date.parse(input.reportedAt))) {
    problems.push('reportedAt must be an ISO 8601 date-time');
  }
  if (!input.reportedBy?.id || !input.reportedBy.role) problems.push('reportedBy is required');
  problems.push(...validateDeadlinePolicy(input.policy).map((p) => `policy.${p}`));
  return problems;
}

export function evidenceProblem(evidence: Evidence): string | undefined {
  if (typeof evidence !== 'object' || evidence === null) return 'not an object';
  if (typeof evidence.evidenceId !== 'string' || evidence.evidenceId === '') {
    return 'evidenceId is required';
  }
  if (typeof evidence.source !== 'string' || evidence.source === '') return 'source is required';
  if (typeof evidence.description !== 'string') return 'description is required';
  if (
    typeof evidence.receivedAt !== 'string' ||
    !Number.isFinite(Date.parse(evidence.receivedAt))
  ) {
    return 'receivedAt must be an ISO 8601 date-time';
  }
  return undefined;
}
