/**
 * saveLedgerRow: one ledger row per opening, never overwritten by an older snapshot.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import { uniqueId } from '../../support/env';
import {
  expectNonRetryable,
  FIRST_RUN,
  newIssueKey,
  record,
  snapshot,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_ledger');
const { query, rowsAbout } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('saveLedgerRow', () => {
  it('keeps one row per issue with the snapshot in it, whatever the number of saves', async () => {
    const issueKey = newIssueKey('row');
    const ledgerNo = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey,
      sector: 'education',
      reportedAt: '2031-03-01T01:00:00Z',
    });
    await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo, openingId: FIRST_RUN }));
    await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo, openingId: FIRST_RUN }));
    const rows = await rowsAbout('issue_ledger', issueKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ledger_no: ledgerNo,
      opening_id: FIRST_RUN,
      sector: 'education',
      kind: 'not_enrolled',
      subject_kind: 'household',
      subject_id: 'HH-0042',
      person_ref: 'child-1',
      village_code: 'V01',
      township_code: 'T01',
      stage: 'verification',
      status: 'open',
      overdue_level: 'none',
      last_seq: 1,
      deadlines: { verification: '2031-03-02T01:00:00.000Z' },
    });
    expect((rows[0].current_due_at as Date).toISOString()).toBe('2031-03-02T01:00:00.000Z');
  });

  it('never lets an older snapshot overwrite a newer one', async () => {
    const issueKey = newIssueKey('order');
    const opened = snapshot(issueKey);
    const planned = snapshot(issueKey, {
      ledgerNo: opened.ledgerNo,
      stage: 'resolution',
      stageSince: '2031-03-04T01:00:00.000Z',
      severity: 'general',
      currentDueAt: '2031-03-11T01:00:00.000Z',
      plan: {
        responsiblePerson: 'Sun Wei',
        responsibleUnit: '县教科局',
        measures: ['enrol at the village school', 'apply for student aid'],
        completionDate: '2031-03-10T00:00:00.000Z',
        severity: 'general',
      },
      acts: [
        ...opened.acts,
        record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
        record(3, 'townshipDecision', 'township_decision', '2031-03-02T05:00:00.000Z'),
        record(4, 'solutionPlan', 'solution_plan', '2031-03-04T01:00:00.000Z'),
      ],
    });
    await activities.saveLedgerRow(planned);
    // The earlier snapshot's save arrives late (a retried activity): it must lose.
    await activities.saveLedgerRow(opened);
    const [row] = await rowsAbout('issue_ledger', issueKey);
    expect(row).toMatchObject({
      ledger_no: opened.ledgerNo,
      stage: 'resolution',
      severity: 'general',
      last_seq: 4,
      responsible_unit: '县教科局',
      responsible_person: 'Sun Wei',
      measures: ['enrol at the village school', 'apply for student aid'],
    });
  });

  it('marks a closed issue closed with its closure', async () => {
    const issueKey = newIssueKey('closed');
    await activities.saveLedgerRow(
      snapshot(issueKey, {
        stage: 'closed',
        closure: 'persuaded',
        closedAt: '2031-03-02T03:00:00.000Z',
        acts: [
          record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
          record(2, 'verification', 'verification', '2031-03-01T05:00:00.000Z'),
          record(3, 'townshipDecision', 'township_decision', '2031-03-02T03:00:00.000Z'),
        ],
      }),
    );
    const [row] = await query<Record<string, unknown>>(
      `SELECT status, closure, closed_at, current_due_at FROM issue_ledger WHERE issue_key = $1`,
      [issueKey],
    );
    expect(row).toMatchObject({ status: 'closed', closure: 'persuaded', current_due_at: null });
    expect((row.closed_at as Date).toISOString()).toBe('2031-03-02T03:00:00.000Z');
  });

  it('keeps a row per opening: a key written off and reported again has two, one open', async () => {
    const issueKey = newIssueKey('twice');
    const closed = snapshot(issueKey, {
      ledgerNo: uniqueId('2031-EDU'),
      openingId: 'chain-1',
      stage: 'closed',
      closure: 'written_off',
      closedAt: '2031-03-20T03:00:00.000Z',
    });
    await activities.saveLedgerRow(closed);
    const reopened = snapshot(issueKey, {
      ledgerNo: uniqueId('2031-EDU'),
      openingId: 'chain-2',
      reportedAt: '2031-04-01T01:00:00.000Z',
    });
    await activities.saveLedgerRow(reopened);
    const rows = await query<Record<string, unknown>>(
      `SELECT ledger_no, opening_id, status FROM issue_ledger WHERE issue_key = $1
       ORDER BY reported_at`,
      [issueKey],
    );
    expect(rows).toEqual([
      { ledger_no: closed.ledgerNo, opening_id: 'chain-1', status: 'closed' },
      { ledger_no: reopened.ledgerNo, opening_id: 'chain-2', status: 'open' },
    ]);
    // A late save of the first opening changes only its own row.
    await activities.saveLedgerRow({ ...closed, acts: [...closed.acts] });
    expect(
      await query(`SELECT ledger_no FROM issue_ledger WHERE issue_key = $1 AND status = 'open'`, [
        issueKey,
      ]),
    ).toEqual([{ ledger_no: reopened.ledgerNo }]);
  });

  it('refuses a snapshot without a ledger number for good, writing nothing', async () => {
    const issueKey = newIssueKey('nonumber');
    await expectNonRetryable(
      activities.saveLedgerRow({ ...snapshot(issueKey), ledgerNo: undefined }),
      /ledgerNo/,
    );
    expect(await rowsAbout('issue_ledger', issueKey)).toHaveLength(0);
  });

  it('refuses a snapshot without a subject for good, writing nothing', async () => {
    const issueKey = newIssueKey('nosubject');
    await expectNonRetryable(
      activities.saveLedgerRow({ ...snapshot(issueKey), subject: undefined as never }),
      /subject/,
    );
    expect(await rowsAbout('issue_ledger', issueKey)).toHaveLength(0);
  });
});
