import { issueWorkflow } from '@sanbao/workflows';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { calmPolicy, eventually, IssueHarness, newIssue } from '../support/issue-driver';
import { OwnDatabase } from '../support/own-database';

const LOCK_MS = 30_000;
const ISSUES = 12;

/**
 * Pools sized to the work (issue 16): a lock held 30 s on the ledger tables makes new issues
 * wait (in the pool's queue and at the lock), not fail; once it is released every issue reaches
 * the ledger. Failures are counted in the workflows' histories: no ActivityTaskFailed or
 * timed-out activity, and every local activity done at its first attempt. The suite has a
 * database of its own: a table lock in the shared one would stall the suites beside it.
 */
describe('a lock held on the ledger tables', () => {
  let harness: IssueHarness;
  let url: string;
  let own: OwnDatabase | undefined;

  beforeAll(async () => {
    own = await OwnDatabase.create(OwnDatabase.url('ledger_lock'));
    url = own.url;
    harness = await IssueHarness.start('ledger-lock', { DATABASE_URL: url });
  });

  afterAll(async () => {
    await harness?.close();
    await own?.drop();
  });

  it('makes new issues wait, not fail, and they reach the ledger after it is released', async () => {
    const locker = new PgClient({ connectionString: url });
    await locker.connect();
    let released = false;
    try {
      await locker.query('BEGIN');
      await locker.query(
        'LOCK TABLE issue_ledger, ledger_sequence, issue_audit IN ACCESS EXCLUSIVE MODE',
      );
      const issues = Array.from({ length: ISSUES }, () => newIssue(calmPolicy()));
      const lockedAt = Date.now();
      for (const issue of issues) {
        await harness.client.workflow.start(issueWorkflow, {
          taskQueue: harness.taskQueue,
          workflowId: issue.issueKey,
          args: [issue],
        });
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_MS - (Date.now() - lockedAt)));
      // Nothing got past the lock meanwhile.
      const during = await harness.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM issue_ledger_no',
        [],
      );
      expect(during).toEqual([{ n: 0 }]);
      await locker.query('COMMIT');
      released = true;

      for (const issue of issues) {
        await eventually(async () => {
          const row = await harness.ledgerRow(issue.issueKey);
          expect(row?.last_seq).toBeGreaterThanOrEqual(1);
        }, 30_000);
      }
      for (const issue of issues) {
        // The row is committed inside the local activity; its marker reaches the history when
        // the workflow task that ran it completes, a moment later.
        let events: temporal.api.history.v1.IHistoryEvent[] = [];
        await eventually(async () => {
          const history = await harness.client.workflow.getHandle(issue.issueKey).fetchHistory();
          events = history.events ?? [];
          expect(localActivityAttempts(events).length).toBeGreaterThan(0);
        }, 30_000);
        const EventType = temporal.api.enums.v1.EventType;
        const failed = events.filter(
          (e) =>
            e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ||
            e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ||
            e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
        );
        expect({ issue: issue.issueKey, failed: failed.length }).toEqual({
          issue: issue.issueKey,
          failed: 0,
        });
        const attempts = localActivityAttempts(events);
        expect(attempts.length).toBeGreaterThan(0);
        expect({ issue: issue.issueKey, retried: attempts.filter((a) => a > 1) }).toEqual({
          issue: issue.issueKey,
          retried: [],
        });
      }
    } finally {
      if (!released) await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  }, 150_000);
});

/** The attempt each local activity finished at, from its marker in the history. */
function localActivityAttempts(events: temporal.api.history.v1.IHistoryEvent[]): number[] {
  return events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    if (marker.failure) return [Number.POSITIVE_INFINITY];
    const data = marker.details?.data?.payloads?.[0]?.data;
    const parsed = JSON.parse(Buffer.from(data ?? []).toString('utf8')) as { attempt?: number };
    return [parsed.attempt ?? 1];
  });
}
