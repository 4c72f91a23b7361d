import { issueKey as keyOfIssue } from '@sanbao/domain';
import { INestApplication } from '@nestjs/common';
import { streamNames, subjects } from '@sanbao/contracts';
import type { IssueEvent } from '@sanbao/domain';
import { randomUUID } from 'crypto';
import { issueWorkflowId } from '@sanbao/temporal';
import { natsConnectOptions } from '@sanbao/messaging';
import { Client, Connection } from '@temporalio/client';
import { connect, NatsConnection } from 'nats';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { fastPolicy } from '../support/issue-driver';
import { notReturnedSignal } from '../support/signals';
import { boot } from './sector-support';

/**
 * "After write-off the same key may open a new one": a child written off as back at school and
 * missing again next term is a new issue, with a ledger number, ledger row, audit trail and
 * events of its own, while the first issue's record stays as it was. On the real Temporal
 * server, worker, intake, NATS JetStream and PostgreSQL; acts through the County API only.
 */
describe('an issue key reported again after write-off', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let intake: INestApplication;
  let nc: NatsConnection;
  const policy = fastPolicy({
    limits: {
      verification: { seconds: 120 },
      townshipDecision: { seconds: 120 },
      solutionPlan: { seconds: 120 },
      generalResolution: { seconds: 120 },
      majorResolution: { seconds: 240 },
      writeOff: { seconds: 120 },
      extensionVote: { seconds: 120 },
    },
  });

  beforeAll(async () => {
    stack = await ApiStack.start('reopen', { policy });
    county = await seedCounty(stack, 'education');
    intake = await boot((c) => IntakeAppModule.forRoot(c), stack.config);
    nc = await connect(natsConnectOptions(stack.config.nats));
  });

  afterAll(async () => {
    await intake?.close();
    await nc?.drain();
    await stack?.close();
  });

  const as = (user: keyof TestCounty['tokens']) => stack.as(county.tokens[user]);
  const issue = (id: string) =>
    as('supervisor')
      .get(`/issues/${encodeURIComponent(id)}`)
      .then((r) => r.body as LedgerIssueView);
  const history = (id: string) =>
    as('supervisor')
      .get(`/issues/${encodeURIComponent(id)}/history`)
      .then((r) => r.body as IssueHistory);

  async function act(user: keyof TestCounty['tokens'], id: string, path: string, body: object) {
    const response = await as(user).post(`/issues/${encodeURIComponent(id)}/${path}`, {
      requestId: randomUUID(),
      ...body,
    });
    // The answer comes once the act is durable; what follows reads the ledger: wait for it.
    const seq = (response.body as { seq?: number }).seq;
    if (response.status === 200 && seq) {
      await as(user).get(`/issues/${encodeURIComponent(id)}?minSeq=${seq}`);
    }
    return response;
  }

  /** The education service's signal: the child did not come back at the start of `term`. */
  async function publishNotReturned(child: string, household: string, term: string) {
    const signal = notReturnedSignal(
      {
        householdId: household,
        personRef: child,
        villageCode: county.villages[0],
        townshipCode: county.townships[0],
      },
      term,
    );
    await nc
      .jetstream()
      .publish(
        subjects(stack.config.nats.prefix).signal(signal.sector, signal.kind),
        JSON.stringify(signal),
        { msgID: signal.signalId },
      );
    return signal;
  }

  /** Every issue event on the stream about one issue key, in stream order. */
  async function eventsOf(issueKey: string): Promise<IssueEvent[]> {
    const jsm = await nc.jetstreamManager();
    const stream = streamNames(stack.config.nats.prefix).issueEvents;
    const { state } = await jsm.streams.info(stream);
    const found: IssueEvent[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const event = (await jsm.streams.getMessage(stream, { seq })).json<IssueEvent>();
      if (event.issueKey === issueKey) found.push(event);
    }
    return found;
  }

  async function writeOff(ledgerNo: string) {
    const steps: Array<[keyof TestCounty['tokens'], string, object]> = [
      [
        'village',
        'verification',
        { confirmed: true, findings: '入户核实：未返校。', visitedAt: new Date().toISOString() },
      ],
      ['township', 'township-decision', { decision: 'forward', explanation: '转县教科局。' }],
      [
        'bureau',
        'solution-plan',
        {
          responsiblePerson: '陈敏',
          responsibleUnit: '县教科局',
          measures: ['劝返复学'],
          completionDate: new Date(Date.now() + 60_000).toISOString(),
          severity: 'general',
        },
      ],
      ['bureau', 'completion', { outcome: '已返校。', evidenceRefs: ['register:17'] }],
      ['township', 'write-off-check', { result: 'resolved', reason: '回访确认已返校。' }],
    ];
    for (const [user, path, body] of steps) {
      const response = await act(user, ledgerNo, path, body);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    }
  }

  it('opens a second issue with its own ledger number, and keeps the first one whole', async () => {
    const household = uniqueId('HH');
    const child = uniqueId('C');

    // Autumn term: the child is missing; the intake opens the issue, which is then written off.
    const autumn = await publishNotReturned(child, household, '2026-autumn');
    const issueKey = keyOfIssue({
      sector: 'education',
      subject: { id: household, personRef: child },
      kind: 'not_returned',
    });
    const first = await eventually(
      () => issue(issueKey),
      (row) => typeof row.ledgerNo === 'string',
      'the first issue in the ledger',
    );
    await writeOff(first.ledgerNo!);
    const closed = await eventually(
      () => issue(first.ledgerNo!),
      (row) => row.status === 'closed',
      'the first issue closed',
    );
    expect(closed).toMatchObject({ issueKey, closure: 'written_off', stage: 'closed' });
    const firstHistory = await eventually(
      () => history(first.ledgerNo!),
      (h) => h.timeline?.some((e) => e.kind === 'closed'),
      'the first issue history',
    );

    // Spring term: missing again. Same key, so the same workflow id, but a new issue.
    const spring = await publishNotReturned(child, household, '2027-spring');
    const second = await eventually(
      () => issue(issueKey),
      (row) => row.ledgerNo !== first.ledgerNo && row.status === 'open',
      'the second issue in the ledger',
    );
    expect(second.ledgerNo).toMatch(/^\d{4}-EDU-\d{6}$/);
    expect(second.ledgerNo).not.toBe(first.ledgerNo);
    expect(second).toMatchObject({ issueKey, stage: 'verification', status: 'open' });

    // The household's issues: both, newest first.
    const both = await as('township').get(`/households/${household}/issues`).expect(200);
    expect((both.body as LedgerIssueView[]).map((r) => [r.ledgerNo, r.status])).toEqual([
      [second.ledgerNo, 'open'],
      [first.ledgerNo, 'closed'],
    ]);

    // The first issue is unchanged: same row, same history (the spring signal is not in it).
    expect(await issue(first.ledgerNo!)).toEqual(closed);
    const firstAgain = await history(first.ledgerNo!);
    expect(firstAgain.timeline).toEqual(firstHistory.timeline);
    expect(firstAgain.ledgerNo).toBe(first.ledgerNo);
    const evidenceOf = (h: IssueHistory) =>
      h.timeline.filter((e) => e.kind === 'evidence').map((e) => JSON.stringify(e.details));
    expect(evidenceOf(firstAgain).join()).toContain(autumn.source.recordId);
    expect(evidenceOf(firstAgain).join()).not.toContain(spring.source.recordId);

    // The second issue's own record: opened, with the spring signal as its evidence.
    const secondHistory = await eventually(
      () => history(second.ledgerNo!),
      (h) => h.timeline?.some((e) => e.kind === 'evidence'),
      'the second issue history',
    );
    expect(secondHistory.ledgerNo).toBe(second.ledgerNo);
    const secondKinds = secondHistory.timeline.map((e) => e.kind);
    expect(secondKinds).toContain('opened');
    expect(secondKinds).not.toContain('writeOffCheck');
    expect(evidenceOf(secondHistory).join()).toContain(spring.source.recordId);
    // Each history is of its own workflow chain.
    expect(secondHistory.temporal.runs).not.toEqual(
      expect.arrayContaining(firstHistory.temporal.runs),
    );

    // In the database: two ledger rows, and both audit trails kept whole.
    const audit = await stack.query<{ ledger_no: string; n: string; first_kind: string }>(
      `SELECT ledger_no, count(*) AS n, min(kind) FILTER (WHERE seq = 1) AS first_kind
         FROM issue_audit WHERE issue_key = $1 GROUP BY ledger_no ORDER BY min(at)`,
      [issueKey],
    );
    expect(audit.map((a) => a.ledger_no)).toEqual([first.ledgerNo, second.ledgerNo]);
    expect(audit.map((a) => a.first_kind)).toEqual(['opened', 'opened']);
    expect(Number(audit[0].n)).toBe(
      firstHistory.timeline.filter((e) => e.source === 'audit').length,
    );

    // Every event of both issues is on the stream, told apart by ledger number.
    const events = await eventually(
      () => eventsOf(issueKey),
      (list) => list.filter((e) => e.event === 'opened').length === 2,
      'both opened events',
    );
    expect(events.filter((e) => e.event === 'opened').map((e) => e.ledgerNo)).toEqual([
      first.ledgerNo,
      second.ledgerNo,
    ]);
    expect(events.filter((e) => e.event === 'written_off').map((e) => e.ledgerNo)).toEqual([
      first.ledgerNo,
    ]);

    // An act on the first issue's number is refused as closed, and reaches nobody.
    const late = await act('village', first.ledgerNo!, 'verification', {
      confirmed: true,
      findings: '迟到的核实。',
      visitedAt: new Date().toISOString(),
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/closed/);
    expect(await issue(second.ledgerNo!)).toMatchObject({ stage: 'verification' });

    // The issue key names the open issue: acts by key or by the new number go to it.
    const verified = await act('village', issueKey, 'verification', {
      confirmed: true,
      findings: '入户核实：又未返校。',
      visitedAt: new Date().toISOString(),
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ accepted: true, stage: 'township_decision' });
    await eventually(
      () => issue(second.ledgerNo!),
      (row) => row.stage === 'township_decision',
      'the second issue verified',
    );
    expect(await issue(first.ledgerNo!)).toEqual(closed);
  });

  it('gives the key its next issue even when an operator terminated the open one', async () => {
    const household = uniqueId('HH');
    const child = uniqueId('C');
    await publishNotReturned(child, household, '2026-autumn');
    const issueKey = keyOfIssue({
      sector: 'education',
      subject: { id: household, personRef: child },
      kind: 'not_returned',
    });
    const stranded = await eventually(
      () => issue(issueKey),
      (row) => typeof row.ledgerNo === 'string',
      'the first issue in the ledger',
    );
    // Not something the county does, but an operator can: the workflow ends, its row stays open.
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace });
      const workflowId = issueWorkflowId(stack.config.temporal.workflowIdSecret, issueKey);
      await client.workflow.getHandle(workflowId).terminate('operator: stuck on a broken worker');
    } finally {
      await connection.close();
    }

    await publishNotReturned(child, household, '2027-spring');
    const next = await eventually(
      () => issue(issueKey),
      (row) => row.ledgerNo !== stranded.ledgerNo,
      'the next issue of the key in the ledger',
    );
    expect(next).toMatchObject({ issueKey, status: 'open', stage: 'verification' });
    // Both are shown as they are: the stranded one still open, for supervisors to see.
    const both = await as('township').get(`/households/${household}/issues`).expect(200);
    expect((both.body as LedgerIssueView[]).map((r) => [r.ledgerNo, r.status])).toEqual([
      [next.ledgerNo, 'open'],
      [stranded.ledgerNo, 'open'],
    ]);
    // Acts by key reach the running issue.
    const verified = await act('village', issueKey, 'verification', {
      confirmed: true,
      findings: '入户核实。',
      visitedAt: new Date().toISOString(),
    });
    expect(verified.status).toBe(200);
    expect(await issue(stranded.ledgerNo!)).toMatchObject({ stage: 'verification' });
  });
});
