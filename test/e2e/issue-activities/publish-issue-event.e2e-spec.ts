/**
 * publishIssueEvent: issue events to bureau systems on JetStream, once each, in the contract's shape.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import type { IssueEvent } from '@sanbao/domain';
import {
  expectNonRetryable,
  ledgerNoFor,
  newIssueKey,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_events');
const { eventsOf, prefix } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('publishIssueEvent', () => {
  it('puts one message on <prefix>.issue.<event> however often it is published', async () => {
    const issueKey = newIssueKey('event');
    const event: IssueEvent = {
      issueKey,
      ledgerNo: '2031-EDU-000321',
      event: 'opened',
      seq: 1,
      at: '2031-03-01T01:00:00.000Z',
      sector: 'education',
      townshipCode: 'T01',
      villageCode: 'V01',
      stage: 'verification',
      data: { channel: 'sector_signal' },
    };
    await activities.publishIssueEvent(event);
    await activities.publishIssueEvent(event);
    await activities.publishIssueEvent({
      ...event,
      event: 'stage_changed',
      seq: 2,
      stage: 'township_decision',
      data: { from: 'verification', to: 'township_decision' },
    });
    const messages = await eventsOf(issueKey);
    expect(messages).toEqual([
      { subject: `${prefix}.issue.education.opened`, id: '2031-EDU-000321:opened:1', event },
      expect.objectContaining({
        subject: `${prefix}.issue.education.stage_changed`,
        id: '2031-EDU-000321:stage_changed:2',
      }),
    ]);
  });

  it('publishes only the fields of the event contract', async () => {
    const issueKey = newIssueKey('fields');
    const event = {
      issueKey,
      ledgerNo: ledgerNoFor(issueKey),
      event: 'written_off',
      seq: 9,
      at: '2031-03-20T01:00:00.000Z',
      sector: 'education',
      townshipCode: 'T01',
      villageCode: 'V01',
      stage: 'closed',
      data: { closure: 'written_off' },
      subject: { personRef: 'child-1', phone: '13800000000' },
    } as IssueEvent;
    await activities.publishIssueEvent(event);
    const [message] = await eventsOf(issueKey);
    expect(Object.keys(message.event).sort()).toEqual(
      [
        'at',
        'data',
        'event',
        'issueKey',
        'ledgerNo',
        'sector',
        'seq',
        'stage',
        'townshipCode',
        'villageCode',
      ].sort(),
    );
  });

  it('refuses an event name outside the contract for good', async () => {
    const issueKey = newIssueKey('badevent');
    await expectNonRetryable(
      activities.publishIssueEvent({
        issueKey,
        ledgerNo: ledgerNoFor(issueKey),
        event: 'vanished' as never,
        seq: 1,
        at: '2031-03-01T01:00:00.000Z',
        sector: 'education',
        townshipCode: 'T01',
        villageCode: 'V01',
        stage: 'verification',
        data: {} as never,
      }),
      /unknown event/,
    );
    expect(await eventsOf(issueKey)).toEqual([]);
  });
});
