import { PatternParam } from '../common/params';

/** An issue is named by its ledger number (2026-EDU-000123) or its issue key (issue:...). */
export const ISSUE_ID =
  /^(?:[0-9]{4}-[A-Z]{3}-[0-9]{6}|issue:[a-z]+:[A-Za-z0-9_/-]{1,200}:[a-z0-9_]{1,64})$/;

export const issueIdParam = new PatternParam(
  ISSUE_ID,
  'must be a ledger number such as 2026-EDU-000123 or an issue key such as issue:education:HH-1:not_enrolled',
);
