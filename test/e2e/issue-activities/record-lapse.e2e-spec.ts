/**
 * recordLapse: a missed time limit recorded once against the unit, settled when the stage is done.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import type { Lapse } from '@sanbao/domain';
import {
  expectNonRetryable,
  FIRST_RUN,
  ledgerNoFor,
  newIssueKey,
  record,
  snapshot,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_lapse');
const { query, rowsAbout } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('recordLapse', () => {
  const lapse: Lapse = {
    stage: 'verification',
    unit: 'V01',
    dueAt: '2031-03-02T01:00:00.000Z',
    detectedAt: '2031-03-02T01:00:02.000Z',
    level: 'yellow',
  };

  it('records a lapse once against the unit, with the issue codes, and settles days late when the stage is done', async () => {
    const issueKey = newIssueKey('lapse');
    const ledgerNo = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey,
      sector: 'education',
      reportedAt: '2031-03-01T01:00:00Z',
    });
    await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo }));
    await activities.recordLapse({ issueKey, ledgerNo, lapse });
    await activities.recordLapse({ issueKey, ledgerNo, lapse });
    // Red later: the same lapse, now at the higher level.
    await activities.recordLapse({ issueKey, ledgerNo, lapse: { ...lapse, level: 'red' } });
    await activities.recordLapse({ issueKey, ledgerNo, lapse: { ...lapse, level: 'yellow' } });
    let rows = await rowsAbout('issue_lapse', issueKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ledger_no: ledgerNo,
      sector: 'education',
      township_code: 'T01',
      village_code: 'V01',
      stage: 'verification',
      unit: 'V01',
      level: 'red',
      resolved_at: null,
      days_late: null,
    });

    // The verification comes 1.5 days after the limit: the lapse is settled with its lateness.
    await activities.saveLedgerRow(
      snapshot(issueKey, {
        ledgerNo,
        stage: 'township_decision',
        stageSince: '2031-03-03T13:00:00.000Z',
        lapses: [lapse],
        acts: [
          record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
          record(2, 'overdue', 'verification', '2031-03-02T01:00:02.000Z'),
          record(3, 'verification', 'verification', '2031-03-03T13:00:00.000Z'),
        ],
      }),
    );
    rows = await query(`SELECT resolved_at, days_late FROM issue_lapse WHERE issue_key = $1`, [
      issueKey,
    ]);
    expect((rows[0].resolved_at as Date).toISOString()).toBe('2031-03-03T13:00:00.000Z');
    expect(Number(rows[0].days_late)).toBe(1.5);
  });

  it('records a lapse that comes before the ledger row, and fills its codes when the row is saved', async () => {
    const issueKey = newIssueKey('early');
    await activities.recordLapse({ issueKey, ledgerNo: '2031-EDU-900777', lapse });
    let [row] = await rowsAbout('issue_lapse', issueKey);
    expect(row).toMatchObject({
      ledger_no: '2031-EDU-900777',
      sector: 'education',
      township_code: null,
    });
    await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo: '2031-EDU-900777' }));
    [row] = await rowsAbout('issue_lapse', issueKey);
    expect(row).toMatchObject({
      ledger_no: '2031-EDU-900777',
      township_code: 'T01',
      village_code: 'V01',
    });
  });

  it('refuses a lapse without a due time for good', async () => {
    const issueKey = newIssueKey('badlapse');
    await expectNonRetryable(
      activities.recordLapse({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        lapse: { ...lapse, dueAt: 'soon' },
      }),
      /dueAt/,
    );
    expect(await rowsAbout('issue_lapse', issueKey)).toHaveLength(0);
  });
});
