import type { IssueState } from '@sanbao/domain';
import { actUpdates } from '@sanbao/workflows';
import {
  calmPolicy,
  decisionOf,
  eventually,
  IssueHarness,
  newIssue,
} from '../support/issue-driver';

/**
 * What makes an issue impossible to forget: it outlives its worker (timers that fall due
 * while no worker runs fire when one is back, and acts sent meanwhile are taken), and a long
 * life continues as new runs that carry the whole state.
 */
describe('issue workflow: durability', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-durable');
  });

  afterAll(async () => {
    await harness?.close();
  });

  function expectWholeRecord(state: IssueState) {
    expect(state.acts.map((r) => r.seq)).toEqual(state.acts.map((_, i) => i + 1));
  }

  it('keeps an issue through a worker stop: due timers fire on restart and nothing is lost', async () => {
    // Only the township's limit is short: it falls due while the worker is away.
    const issue = newIssue(
      calmPolicy({
        limits: { ...calmPolicy().limits, townshipDecision: { seconds: 2 } },
        reminderEvery: { seconds: 2 },
        redAfter: { seconds: 3 },
      }),
    );
    const driver = await harness.start(issue);
    await driver.verify();
    const due = (await driver.state()).currentDueAt!;

    await harness.stopWorker();
    const stoppedAt = Date.now();
    // While no worker runs: evidence arrives, the township limit passes and turns red, and the
    // township officer decides (the act waits at the server for a worker).
    await driver.addEvidence({ evidenceId: 'ev-while-down', description: 'hotline call' });
    const redAt = Date.parse(due) + 3000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(redAt - Date.now(), 0) + 1500));
    const decisionId = driver.nextRequestId('townshipDecision');
    const decision = driver.send(actUpdates.townshipDecision, {
      requestId: decisionId,
      actor: driver.actors.township,
      decision: 'forward',
      explanation: '需县教科局协调学位',
    });

    await harness.startWorker();
    const answer = await decision;
    expect(answer).toMatchObject({ accepted: true, stage: 'solution_plan' });

    const back = await driver.state();
    expect(back.stage).toBe('solution_plan');
    expect(back.evidence.map((e) => e.evidenceId)).toEqual(['ev-while-down']);
    // The township's limit passed while the worker was away: the lapse is on record, red,
    // detected after the restart, before the late decision.
    expect(back.lapses).toEqual([
      expect.objectContaining({
        stage: 'township_decision',
        unit: issue.subject.townshipCode,
        dueAt: due,
        level: 'red',
      }),
    ]);
    expect(Date.parse(back.lapses[0].detectedAt)).toBeGreaterThan(stoppedAt);
    const kinds = back.acts.map((r) => r.act);
    expect(kinds.indexOf('overdue')).toBeLessThan(kinds.indexOf('townshipDecision'));
    expect(kinds.indexOf('escalation')).toBeLessThan(kinds.indexOf('townshipDecision'));
    expect(kinds).toContain('evidence');
    expectWholeRecord(back);

    await driver.plan('general');
    await driver.complete();
    await driver.writeOff('resolved');
    const final = await driver.result();
    expect(final).toMatchObject({ stage: 'closed', closure: 'written_off' });
    expectWholeRecord(final);

    const audit = await harness.auditTrail(issue.issueKey);
    expect(audit.map((r) => [r.seq, r.kind])).toEqual(final.acts.map((r) => [r.seq, r.act]));
    expect(await harness.lapses(issue.issueKey)).toEqual([
      expect.objectContaining({ stage: 'township_decision', level: 'red' }),
    ]);
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      status: 'closed',
      last_seq: final.acts.length,
      lapse_count: 1,
    });
    const events = (await harness.events(issue.issueKey)).map((e) => e.event);
    expect(events.filter((e) => e.event === 'overdue').map((e) => e.stage)).toEqual([
      'township_decision',
    ]);
    expect(events.some((e) => e.event === 'evidence_added')).toBe(true);
    await driver.saveHistory('worker-restart');
  });

  it('continues as new past the history limit and keeps the whole state', async () => {
    const issue = newIssue(calmPolicy({ historyLimit: 40 }));
    const driver = await harness.start(issue);
    const firstRun = (await driver.handle.describe()).runId;

    const visit = {
      requestId: driver.nextRequestId('verification'),
      actor: driver.actors.village,
      confirmed: true,
      findings: '入户核查属实',
      visitedAt: new Date().toISOString(),
    };
    const verified = await driver.send(actUpdates.verification, visit);
    await driver.addEvidence({ evidenceId: 'ev-1' });
    await driver.decide('forward');
    await driver.plan('general');
    await driver.note('第一次回访');
    await driver.note('第二次回访');

    const now = await driver.handle.describe();
    expect(now.runId).not.toBe(firstRun);
    const first = await harness.client.workflow.getHandle(issue.issueKey, firstRun).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');

    // The carried state: every record, the evidence, the ledger number, the plan, deadlines.
    const carried = await driver.state();
    expectWholeRecord(carried);
    expect(carried.acts.map((r) => r.act)).toEqual([
      'opened',
      'verification',
      'evidence',
      'townshipDecision',
      'solutionPlan',
      'progressNote',
      'progressNote',
    ]);
    expect(carried.evidence.map((e) => e.evidenceId)).toEqual(['ev-1']);
    expect(carried.plan?.severity).toBe('general');
    expect(carried.deadlines.resolution).toBeDefined();

    // The request ids answered in an earlier run are still known: a repeat gets its first answer.
    // (a retry from a client that lost the answer: the same act under its own request id)
    const repeat = await driver.send(actUpdates.verification, { ...visit });
    expect(decisionOf(repeat)).toEqual(decisionOf(verified));
    expect((await driver.state()).acts).toHaveLength(carried.acts.length);

    await driver.complete();
    await driver.writeOff('resolved');
    const final = await driver.result();
    expect(final).toMatchObject({ closure: 'written_off', ledgerNo: carried.ledgerNo });
    expectWholeRecord(final);
    expect(final.acts.filter((r) => r.act === 'verification')).toHaveLength(1);

    await eventually(async () => {
      const audit = await harness.auditTrail(issue.issueKey);
      expect(audit.map((r) => [r.seq, r.kind])).toEqual(final.acts.map((r) => [r.seq, r.act]));
    });
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      ledger_no: carried.ledgerNo,
      status: 'closed',
      last_seq: final.acts.length,
    });
    const events = (await harness.events(issue.issueKey)).map((e) => e.event.event);
    expect(events.filter((e) => e === 'opened')).toHaveLength(1);
    expect(events.filter((e) => e === 'stage_changed')).toHaveLength(5);
    await driver.saveHistory('continued-as-new');
  });
});
