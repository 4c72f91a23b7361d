/**
 * notifyEscalation: one stored notification and one published event per reminder or escalation.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import {
  expectNonRetryable,
  FIRST_RUN,
  ledgerNoFor,
  newIssueKey,
  snapshot,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_notify');
const { eventsOf, prefix, query, rowsAbout } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('notifyEscalation', () => {
  it('stores one notification and publishes one event per reminder or escalation', async () => {
    const issueKey = newIssueKey('notify');
    const ledgerNo = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey,
      sector: 'education',
      reportedAt: '2031-03-01T01:00:00Z',
    });
    await activities.saveLedgerRow(snapshot(issueKey, { ledgerNo }));
    const reminder = {
      issueKey,
      ledgerNo,
      seq: 2,
      stage: 'verification' as const,
      level: 'yellow' as const,
      responsibleUnit: 'V01',
      notify: ['village' as const, 'township' as const],
      dueAt: '2031-03-02T01:00:00.000Z',
      at: '2031-03-02T01:00:02.000Z',
    };
    await activities.notifyEscalation(reminder);
    await activities.notifyEscalation(reminder);
    const escalation = {
      ...reminder,
      seq: 4,
      level: 'red' as const,
      notify: ['village' as const, 'township' as const, 'leader' as const, 'supervisor' as const],
      at: '2031-03-04T01:00:00.000Z',
    };
    await activities.notifyEscalation(escalation);
    await activities.notifyEscalation(escalation);

    const rows = await query<Record<string, unknown>>(
      `SELECT seq, event, level, responsible_unit, notify FROM issue_notification
       WHERE issue_key = $1 ORDER BY seq`,
      [issueKey],
    );
    expect(rows).toEqual([
      {
        seq: 2,
        event: 'reminded',
        level: 'yellow',
        responsible_unit: 'V01',
        notify: ['village', 'township'],
      },
      {
        seq: 4,
        event: 'escalated',
        level: 'red',
        responsible_unit: 'V01',
        notify: ['village', 'township', 'leader', 'supervisor'],
      },
    ]);
    const messages = await eventsOf(issueKey);
    expect(messages.map((m) => [m.subject, m.id])).toEqual([
      [`${prefix}.issue.education.reminded`, `${ledgerNo}:reminded:2`],
      [`${prefix}.issue.education.escalated`, `${ledgerNo}:escalated:4`],
    ]);
    expect(messages[1].event).toEqual({
      issueKey,
      ledgerNo,
      event: 'escalated',
      seq: 4,
      at: '2031-03-04T01:00:00.000Z',
      sector: 'education',
      townshipCode: 'T01',
      villageCode: 'V01',
      stage: 'verification',
      data: {
        level: 'red',
        responsibleUnit: 'V01',
        notify: ['village', 'township', 'leader', 'supervisor'],
        dueAt: '2031-03-02T01:00:00.000Z',
      },
    });
  });

  it('refuses to notify nobody, for good', async () => {
    const issueKey = newIssueKey('nobody');
    await expectNonRetryable(
      activities.notifyEscalation({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        seq: 2,
        stage: 'verification',
        level: 'yellow',
        responsibleUnit: 'V01',
        notify: [],
        dueAt: '2031-03-02T01:00:00.000Z',
        at: '2031-03-02T01:00:02.000Z',
      }),
      /notify/,
    );
    expect(await rowsAbout('issue_notification', issueKey)).toHaveLength(0);
  });
});
