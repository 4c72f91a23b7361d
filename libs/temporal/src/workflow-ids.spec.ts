import { createHmac } from 'crypto';
import { isHashedIssueWorkflowId, issueWorkflowId } from './workflow-ids';

const SECRET = 'a-county-secret-of-at-least-thirty-two-chars';
const KEY = 'issue:education:HH-0042/child-1:not_returned';

describe('issue workflow ids', () => {
  it('are `issue-` and 32 base32 characters of the keyed hash, with no trace of the key', () => {
    const id = issueWorkflowId(SECRET, KEY);
    expect(id).toMatch(/^issue-[a-z2-7]{32}$/);
    expect(isHashedIssueWorkflowId(id)).toBe(true);
    expect(id).not.toMatch(/HH|0042|child|education|not_returned/i);
  });

  it('are the first 160 bits of HMAC-SHA256(secret, key) in RFC 4648 base32', () => {
    const mac = createHmac('sha256', SECRET).update(KEY).digest().subarray(0, 20);
    // Every 5 bytes are 8 base32 characters: decode the id back and compare the bits.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const bits = [...issueWorkflowId(SECRET, KEY).slice('issue-'.length)]
      .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
      .join('');
    const decoded = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
    expect(decoded.equals(mac)).toBe(true);
  });

  it('are stable for a key and differ between keys and between counties', () => {
    expect(issueWorkflowId(SECRET, KEY)).toBe(issueWorkflowId(SECRET, KEY));
    expect(issueWorkflowId(SECRET, `${KEY}x`)).not.toBe(issueWorkflowId(SECRET, KEY));
    expect(issueWorkflowId(`${SECRET}x`, KEY)).not.toBe(issueWorkflowId(SECRET, KEY));
  });

  it("tell a raw issue key (an older deployment's id) from a hashed one", () => {
    expect(isHashedIssueWorkflowId(KEY)).toBe(false);
  });

  it('refuse an empty secret rather than hash with none', () => {
    expect(() => issueWorkflowId('', KEY)).toThrow(/secret is empty/);
  });
});
