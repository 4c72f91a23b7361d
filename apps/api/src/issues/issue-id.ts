import { LEDGER_NO } from '@sanbao/contracts';
import { PatternParam } from '../common/params';

/**
 * An issue is named by its ledger number (2026-EDU-000123, any width of serial) or its issue
 * key (issue:<sector>:<household or village>[/<person>]:<kind>), whose subject part takes
 * every character a register code may hold.
 */
export const ISSUE_ID = new RegExp(
  `^(?:${LEDGER_NO.source.slice(1, -1)}|issue:[a-z]+:[A-Za-z0-9_.:/-]{1,200}:[a-z0-9_]{1,64})$`,
);

export const issueIdParam = new PatternParam(
  ISSUE_ID,
  'must be a ledger number such as 2026-EDU-000123 or an issue key such as issue:education:HH-1:not_enrolled',
);
