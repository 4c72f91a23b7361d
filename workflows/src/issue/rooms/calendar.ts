import { uncoveredYears, type DeadlinePolicy, type IssueState } from '@sanbao/domain';
import { iso, type OpenStage } from './basics';

/**
 * Notes on the issue a deadline counted over a year whose holidays the policy does not list,
 * so the ledger can say the date may be early. Adds a state field only: no command changes,
 * so saved histories replay as they were.
 */
export function noteUncoveredDeadline(
  policy: DeadlinePolicy,
  state: IssueState,
  stage: OpenStage,
  from: Date,
  dueAt: Date,
): void {
  const years = uncoveredYears(policy, from, dueAt);
  if (years.length === 0) return;
  (state.calendarUncovered ??= []).push({ stage, dueAt: iso(dueAt), years });
}
