/**
 * appendAudit: the append-only audit trail, each entry stored once.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import type { Actor } from '@sanbao/domain';
import {
  expectNonRetryable,
  ledgerNoFor,
  newIssueKey,
  record,
  township,
  useActivitiesSuite,
  village,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_audit');
const { query, rowsAbout } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('appendAudit', () => {
  it('stores each entry once, keeping the first version of an entry', async () => {
    const issueKey = newIssueKey('audit');
    const first = [
      record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
      record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
    ];
    await activities.appendAudit({ issueKey, ledgerNo: ledgerNoFor(issueKey), records: first });
    await activities.appendAudit({ issueKey, ledgerNo: ledgerNoFor(issueKey), records: first });
    // The next batch overlaps the first; a changed copy of entry 2 must not replace it.
    await activities.appendAudit({
      issueKey,
      ledgerNo: ledgerNoFor(issueKey),
      records: [
        { ...first[1], summary: 'rewritten' },
        record(3, 'townshipDecision', 'township_decision', '2031-03-02T05:00:00.000Z'),
      ],
    });
    const rows = await query<Record<string, unknown>>(
      `SELECT seq, request_id, kind, actor, stage, summary, payload FROM issue_audit
       WHERE issue_key = $1 ORDER BY seq`,
      [issueKey],
    );
    expect(rows).toEqual([
      {
        seq: 1,
        request_id: 'req-1',
        kind: 'opened',
        actor: village,
        stage: 'verification',
        summary: 'opened in verification',
        payload: { note: 'entry 1' },
      },
      expect.objectContaining({
        seq: 2,
        kind: 'verification',
        summary: 'verification in verification',
      }),
      expect.objectContaining({ seq: 3, kind: 'townshipDecision', actor: township }),
    ]);
  });

  it('keeps only who and which scope of the actor', async () => {
    const issueKey = newIssueKey('actor');
    const actor = { ...village, phone: '13800000000', idNumber: '110101199001011234' } as Actor;
    await activities.appendAudit({
      issueKey,
      ledgerNo: ledgerNoFor(issueKey),
      records: [{ ...record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'), actor }],
    });
    const [row] = await query<{ actor: Record<string, unknown> }>(
      `SELECT actor FROM issue_audit WHERE issue_key = $1`,
      [issueKey],
    );
    expect(row.actor).toEqual(village);
  });

  it('is kept for ever: the database refuses to change or delete an entry', async () => {
    const issueKey = newIssueKey('forever');
    await activities.appendAudit({
      issueKey,
      ledgerNo: ledgerNoFor(issueKey),
      records: [record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z')],
    });
    await expect(
      query(`UPDATE issue_audit SET summary = 'x' WHERE issue_key = $1`, [issueKey]),
    ).rejects.toThrow(/append-only/);
    await expect(query(`DELETE FROM issue_audit WHERE issue_key = $1`, [issueKey])).rejects.toThrow(
      /append-only/,
    );
    expect(await rowsAbout('issue_audit', issueKey)).toHaveLength(1);
  });

  it('refuses an entry of an unknown stage for good, storing none of the batch', async () => {
    const issueKey = newIssueKey('badaudit');
    await expectNonRetryable(
      activities.appendAudit({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        records: [
          record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
          {
            ...record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
            stage: 'limbo' as never,
          },
        ],
      }),
      /records\[1\]\.stage/,
    );
    expect(await rowsAbout('issue_audit', issueKey)).toHaveLength(0);
  });
});
