/**
 * The activities when PostgreSQL and NATS are away: retryable failures, so Temporal tries again.
 * The ports are wrong on purpose; nothing else is mocked.
 */
import { ApplicationFailure } from '@temporalio/common';
import { IssueActivitiesService } from '../../../apps/worker/src/activities';
import { testConfig } from '../../support/env';
import {
  boot,
  FIRST_RUN,
  ledgerNoFor,
  newIssueKey,
  snapshot,
} from '../../support/issue-activities';

// No stream is ever made under this prefix: NATS is not reachable.
const prefix = `acts_away_${Date.now().toString(36)}`;

describe('when PostgreSQL and NATS are away', () => {
  it('fails with a retryable error, so Temporal tries again later', async () => {
    const away = await boot(
      testConfig({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sanbao',
        NATS_URL: 'nats://127.0.0.1:1',
        NATS_PREFIX: prefix,
      }),
    );
    try {
      const service = away.get(IssueActivitiesService);
      const issueKey = newIssueKey('away');
      const outcomes = await Promise.allSettled([
        service.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'education',
          reportedAt: '2031-03-01T01:00:00Z',
        }),
        service.saveLedgerRow(snapshot(issueKey)),
        service.publishIssueEvent({
          issueKey,
          ledgerNo: ledgerNoFor(issueKey),
          event: 'opened',
          seq: 1,
          at: '2031-03-01T01:00:00.000Z',
          sector: 'education',
          townshipCode: 'T01',
          villageCode: 'V01',
          stage: 'verification',
          data: { channel: 'sector_signal' },
        }),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as Error;
        expect(reason.message).toMatch(/not reachable/);
        expect(reason instanceof ApplicationFailure && reason.nonRetryable).toBe(false);
      }
    } finally {
      await away.close();
    }
  });
});
