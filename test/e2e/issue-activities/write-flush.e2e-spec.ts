/**
 * writeFlush: one workflow step's audit entries, ledger row, lapses, notifications and events in
 * one transaction, the ledger number allocated in it; the outbox relay puts each event on
 * JetStream once. Against the real PostgreSQL and NATS JetStream: a flush replayed (a local
 * activity retried) changes nothing, a relay repeated publishes nothing twice.
 */
import type { IssueFlush } from '@sanbao/domain';
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import { IssueOutboxRelay } from '../../../apps/worker/src/activities';
import {
  expectNonRetryable,
  newIssueKey,
  record,
  snapshot,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_flush');
const { query, rowsAbout, eventsOf, prefix } = suite;
let activities: IssueActivitiesService;
let relay: IssueOutboxRelay;
beforeAll(() => {
  activities = suite.activities;
  relay = suite.app.get(IssueOutboxRelay);
});

/** The first flush of a new education issue: no ledger number yet. */
function firstFlush(issueKey: string, openingId = `run-${issueKey}`): IssueFlush {
  const state = snapshot(issueKey, { ledgerNo: undefined, openingId });
  return {
    issueKey,
    openingId,
    sector: 'education',
    townshipCode: 'T01',
    villageCode: 'V01',
    reportedAt: state.reportedAt,
    records: state.acts,
    state,
    lapses: [],
    notifications: [],
    events: [
      {
        event: 'opened',
        seq: 1,
        at: '2031-03-01T01:00:00.000Z',
        stage: 'verification',
        data: { channel: 'sector_signal', dueAt: '2031-03-02T01:00:00.000Z' },
      },
    ],
  };
}

/** Everything the flush wrote about an issue, without the columns a rewrite may touch. */
async function written(issueKey: string) {
  const ledger = (await rowsAbout('issue_ledger', issueKey)).map(
    ({ updated_at: _updated, ...row }) => row,
  );
  return {
    ledger,
    audit: await rowsAbout('issue_audit', issueKey),
    lapses: await rowsAbout('issue_lapse', issueKey),
    notifications: await rowsAbout('issue_notification', issueKey),
    numbers: await rowsAbout('issue_ledger_no', issueKey),
    outbox: (
      await query(
        `SELECT o.message_id FROM issue_outbox o JOIN issue_ledger_no n USING (ledger_no)
         WHERE n.issue_key = $1 AND o.prefix = $2 ORDER BY o.id`,
        [issueKey, prefix],
      )
    ).map((row) => row.message_id),
  };
}

async function waitForEvents(issueKey: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const events = await eventsOf(issueKey);
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return eventsOf(issueKey);
}

describe('writeFlush', () => {
  it('allocates the ledger number with the first rows, and a replay changes nothing', async () => {
    const issueKey = newIssueKey('flush');
    const flush = firstFlush(issueKey);
    const { ledgerNo } = await activities.writeFlush(flush);
    expect(ledgerNo).toMatch(/^2031-EDU-\d{6}$/);
    const first = await written(issueKey);
    expect(first.numbers).toHaveLength(1);
    expect(first.ledger).toEqual([
      expect.objectContaining({ ledger_no: ledgerNo, stage: 'verification', last_seq: 1 }),
    ]);
    expect(first.audit).toEqual([expect.objectContaining({ ledger_no: ledgerNo, seq: 1 })]);
    expect(first.outbox).toEqual([`${ledgerNo}:opened:1`]);

    // A local activity retried after its commit: the same number, not one row more.
    expect(await activities.writeFlush(flush)).toEqual({ ledgerNo });
    expect(await written(issueKey)).toEqual(first);

    const events = await waitForEvents(issueKey, 1);
    expect(events).toEqual([
      {
        subject: `${prefix}.issue.education.opened`,
        id: `${ledgerNo}:opened:1`,
        event: {
          issueKey,
          ledgerNo,
          event: 'opened',
          seq: 1,
          at: '2031-03-01T01:00:00.000Z',
          sector: 'education',
          townshipCode: 'T01',
          villageCode: 'V01',
          stage: 'verification',
          data: { channel: 'sector_signal', dueAt: '2031-03-02T01:00:00.000Z' },
        },
      },
    ]);
  });

  it('writes lapses, notifications and their events with the row, in the same step', async () => {
    const issueKey = newIssueKey('lapsed');
    const { ledgerNo } = await activities.writeFlush(firstFlush(issueKey));
    const lapse = {
      stage: 'verification' as const,
      unit: 'V01',
      dueAt: '2031-03-02T01:00:00.000Z',
      detectedAt: '2031-03-02T01:00:00.000Z',
      level: 'yellow' as const,
    };
    const state = snapshot(issueKey, {
      ledgerNo,
      openingId: `run-${issueKey}`,
      overdueLevel: 'yellow',
      lapses: [lapse],
      reminders: 1,
      acts: [
        record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z'),
        record(2, 'overdue', 'verification', '2031-03-02T01:00:00.000Z'),
      ],
    });
    const flush: IssueFlush = {
      ...firstFlush(issueKey),
      ledgerNo,
      records: state.acts.slice(1),
      state,
      lapses: [lapse],
      notifications: [
        {
          issueKey,
          seq: 2,
          stage: 'verification',
          level: 'yellow',
          responsibleUnit: 'V01',
          notify: ['village', 'township'],
          dueAt: lapse.dueAt,
          at: lapse.detectedAt,
        },
      ],
      events: [
        {
          event: 'overdue',
          seq: 2,
          at: lapse.detectedAt,
          stage: 'verification',
          data: { unit: 'V01', dueAt: lapse.dueAt, level: 'yellow' },
        },
      ],
    };
    await activities.writeFlush(flush);
    await activities.writeFlush(flush);
    const rows = await written(issueKey);
    expect(rows.audit.map((row) => row.seq)).toEqual([1, 2]);
    expect(rows.lapses).toEqual([
      expect.objectContaining({ ledger_no: ledgerNo, stage: 'verification', level: 'yellow' }),
    ]);
    // The lapse got the issue's codes from the row saved in the same transaction.
    expect(rows.lapses[0]).toMatchObject({ township_code: 'T01', village_code: 'V01' });
    expect(rows.notifications).toEqual([
      expect.objectContaining({ ledger_no: ledgerNo, seq: 2, event: 'reminded' }),
    ]);
    expect(rows.outbox).toEqual([
      `${ledgerNo}:opened:1`,
      `${ledgerNo}:overdue:2`,
      `${ledgerNo}:reminded:2`,
    ]);
    const events = await waitForEvents(issueKey, 3);
    expect(events.map((e) => e.id)).toEqual(rows.outbox);
    expect(events[2].event).toMatchObject({
      event: 'reminded',
      townshipCode: 'T01',
      data: { level: 'yellow', responsibleUnit: 'V01', notify: ['village', 'township'] },
    });
  });

  it('writes nothing of a step whose ledger row is refused: one transaction', async () => {
    const issueKey = newIssueKey('atomic');
    const flush = firstFlush(issueKey);
    await expectNonRetryable(
      activities.writeFlush({ ...flush, state: { ...flush.state!, stageSince: 'yesterday' } }),
      /stageSince/,
    );
    expect(await written(issueKey)).toMatchObject({
      ledger: [],
      audit: [],
      numbers: [],
      outbox: [],
    });
  });

  it('gets events to the stream after a crash between commit and publish, once each', async () => {
    // A worker that died right after the commit: its relay never ran.
    await relay.stop();
    try {
      const issueKey = newIssueKey('crash');
      const { ledgerNo } = await activities.writeFlush(firstFlush(issueKey));
      const unsent = await query(
        `SELECT sent_at FROM issue_outbox WHERE prefix = $1 AND message_id = $2`,
        [prefix, `${ledgerNo}:opened:1`],
      );
      expect(unsent).toEqual([{ sent_at: null }]);
      expect(await eventsOf(issueKey)).toEqual([]);

      // The next worker's relay finds the row.
      expect(await relay.drain()).toBeGreaterThanOrEqual(1);
      expect((await eventsOf(issueKey)).map((e) => e.id)).toEqual([`${ledgerNo}:opened:1`]);

      // A relay that published and died before marking the row sent publishes it again: the
      // stream drops the repeat by its message id.
      await query(`UPDATE issue_outbox SET sent_at = NULL WHERE prefix = $1 AND ledger_no = $2`, [
        prefix,
        ledgerNo,
      ]);
      await relay.drain();
      expect((await eventsOf(issueKey)).map((e) => e.id)).toEqual([`${ledgerNo}:opened:1`]);
      const sent = await query(
        `SELECT count(*)::int AS n FROM issue_outbox WHERE prefix = $1 AND ledger_no = $2
         AND sent_at IS NOT NULL`,
        [prefix, ledgerNo],
      );
      expect(sent).toEqual([{ n: 1 }]);
    } finally {
      relay.start();
    }
  });

  it('writes concurrent flushes together, each on its own: numbers apart, a bad one alone refused', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => newIssueKey(`together-${i}`));
    const bad = newIssueKey('together-bad');
    const flushes = keys.map((key) => firstFlush(key));
    const badFlush = firstFlush(bad);
    const results = await Promise.allSettled([
      ...flushes.map((flush) => activities.writeFlush(flush)),
      activities.writeFlush({ ...badFlush, state: { ...badFlush.state!, stageSince: 'never' } }),
    ]);
    const numbers = results
      .slice(0, keys.length)
      .map((r) => (r.status === 'fulfilled' ? r.value.ledgerNo : String(r.reason)));
    expect(new Set(numbers).size).toBe(keys.length);
    for (const [index, key] of keys.entries()) {
      expect((await written(key)).ledger).toEqual([
        expect.objectContaining({ ledger_no: numbers[index] }),
      ]);
    }
    expect(results[keys.length].status).toBe('rejected');
    expect(await written(bad)).toMatchObject({ ledger: [], audit: [], numbers: [] });
  });

  it('refuses a flush it can never write, for good', async () => {
    const issueKey = newIssueKey('bad');
    await expectNonRetryable(
      activities.writeFlush({ ...firstFlush(issueKey), sector: 'weather' as never }),
      /sector/,
    );
    await expectNonRetryable(
      activities.writeFlush({
        ...firstFlush(issueKey),
        events: [{ event: 'vanished', seq: 1 } as never],
      }),
      /unknown event/,
    );
  });
});
