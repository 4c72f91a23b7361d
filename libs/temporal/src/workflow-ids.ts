import { createHmac } from 'crypto';

/** What every hashed issue workflow id starts with; a raw issue key starts with `issue:`. */
export const ISSUE_WORKFLOW_ID_PREFIX = 'issue-';

/** RFC 4648 base32, lower case: ids stay short, case-insensitive and URL-safe. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 160 bits of the MAC: 32 base32 characters, far beyond any collision among a county's issues. */
const ID_BYTES = 20;

/**
 * The workflow id of an issue key: `issue-` and a keyed hash (HMAC-SHA256 with the county's
 * WORKFLOW_ID_SECRET) of the key. The key names a household and a person; a plain hash of it
 * could be reversed by hashing every household number, the keyed one cannot without the
 * secret. The same key always gives the same id, so signal-with-start still joins the open
 * issue. This is the only place ids are made (docs/security.md, "Workflow ids").
 */
export function issueWorkflowId(secret: string, issueKey: string): string {
  if (!secret) throw new Error('issueWorkflowId: the workflow id secret is empty');
  const mac = createHmac('sha256', secret).update(issueKey, 'utf8').digest();
  return ISSUE_WORKFLOW_ID_PREFIX + base32(mac.subarray(0, ID_BYTES));
}

/** True for an id made by issueWorkflowId (not a raw issue key of an older deployment). */
export function isHashedIssueWorkflowId(workflowId: string): boolean {
  return new RegExp(`^${ISSUE_WORKFLOW_ID_PREFIX}[a-z2-7]{32}$`).test(workflowId);
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
