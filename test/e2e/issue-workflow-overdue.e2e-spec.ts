import type { IssueState, Stage } from '@sanbao/domain';
import {
  eventually,
  fastPolicy,
  inSeconds,
  IssueHarness,
  newIssue,
  type IssueDriver,
} from '../support/issue-driver';

/**
 * Time limits on the real server's durable timers, with a policy in seconds: every stage runs
 * late in turn. Each lapse is recorded against the unit answerable for the stage, the unit is
 * reminded again and again, the next level up is told, red brings in the county leaders and
 * supervisors, and the issue keeps waiting for the act; then it is completed all the same.
 */
describe('issue workflow: overdue stages', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-overdue');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** The issue waits: red, reminded twice, still at the stage. */
  function redAndReminded(driver: IssueDriver, stage: Stage): Promise<IssueState> {
    return driver.waitFor(
      (s) => s.stage === stage && s.overdueLevel === 'red' && s.reminders >= 2,
      `${stage} red and reminded twice`,
    );
  }

  it('records, reminds and escalates a lapse at each of the five stages, then completes', async () => {
    // Limits of 2 s (resolution 4 s, so the plan can name a date inside it), a reminder every
    // 2 s after the limit, red 3 s past it.
    const issue = newIssue(
      fastPolicy({ limits: { ...fastPolicy().limits, generalResolution: { seconds: 4 } } }),
    );
    const driver = await harness.start(issue);
    const { villageCode, townshipCode } = issue.subject;

    const atVerification = await redAndReminded(driver, 'verification');
    expect(atVerification.lapses).toEqual([
      expect.objectContaining({ stage: 'verification', unit: villageCode, level: 'red' }),
    ]);
    expect(atVerification.acts.map((r) => r.act)).toEqual(
      expect.arrayContaining(['overdue', 'reminder', 'escalation', 'reminder']),
    );
    // Still waiting: nothing times out into closed.
    expect(atVerification.closure).toBeUndefined();
    const attributes = (await driver.handle.describe()).searchAttributes;
    expect(attributes.IssueOverdueLevel).toEqual(['red']);
    expect(attributes.IssueStage).toEqual(['verification']);
    await eventually(async () =>
      expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
        stage: 'verification',
        overdue_level: 'red',
        lapse_count: 1,
      }),
    );

    await driver.verify();
    const handedOver = await driver.state();
    expect(handedOver).toMatchObject({
      stage: 'township_decision',
      overdueLevel: 'none',
      reminders: 0,
    });

    await redAndReminded(driver, 'township_decision');
    await driver.decide('forward');
    await redAndReminded(driver, 'solution_plan');
    await driver.plan('general', inSeconds(3));
    await redAndReminded(driver, 'resolution');
    await driver.complete();
    await redAndReminded(driver, 'write_off');
    await driver.writeOff('resolved');
    const final = await driver.result();

    expect(final).toMatchObject({ stage: 'closed', closure: 'written_off', overdueLevel: 'none' });
    const stages: Array<Exclude<Stage, 'closed'>> = [
      'verification',
      'township_decision',
      'solution_plan',
      'resolution',
      'write_off',
    ];
    const units = [villageCode, townshipCode, 'bureau:education', 'bureau:education', townshipCode];
    expect(final.lapses.map((l) => [l.stage, l.unit, l.level])).toEqual(
      stages.map((stage, i) => [stage, units[i], 'red']),
    );
    for (const [i, stage] of stages.entries()) {
      const lapse = final.lapses[i];
      expect(lapse.dueAt).toBe(final.deadlines[stage]);
      expect(Date.parse(lapse.detectedAt)).toBeGreaterThanOrEqual(Date.parse(lapse.dueAt));
      const inStage = final.acts.filter((r) => r.stage === stage);
      expect(inStage.filter((r) => r.act === 'overdue')).toHaveLength(1);
      expect(inStage.filter((r) => r.act === 'escalation')).toHaveLength(1);
      expect(inStage.filter((r) => r.act === 'reminder').length).toBeGreaterThanOrEqual(2);
    }

    // The read models: one lapse per stage, settled when the stage was done; the ledger row.
    const lapses = await harness.lapses(issue.issueKey);
    expect(lapses.map((l) => [l.stage, l.unit, l.level])).toEqual(
      stages.map((stage, i) => [stage, units[i], 'red']),
    );
    for (const lapse of lapses) {
      // Settled when the late stage was finally done (days late is in days: ~0 for seconds).
      expect(lapse.resolved_at!.getTime()).toBeGreaterThan(lapse.due_at.getTime());
      expect(lapse.days_late).not.toBeNull();
    }
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      status: 'closed',
      closure: 'written_off',
      lapse_count: 5,
      overdue_level: 'none',
    });

    // Who was told: the overdue notice goes to the unit and the next level up; a yellow
    // reminder to the unit; red (and every reminder after it) up to leaders and supervisors.
    const notifications = await harness.notifications(issue.issueKey);
    const bySeq = new Map(final.acts.map((r) => [r.seq, r]));
    const expectedNext: Record<string, string[]> = {
      verification: ['village', 'township'],
      township_decision: ['township', 'bureau'],
      solution_plan: ['bureau', 'leader', 'supervisor'],
      resolution: ['bureau', 'leader', 'supervisor'],
      write_off: ['township', 'bureau'],
    };
    for (const stage of stages) {
      const here = notifications.filter((n) => n.stage === stage);
      const overdue = here.find((n) => bySeq.get(n.seq)?.act === 'overdue');
      expect(overdue).toMatchObject({
        event: 'reminded',
        level: 'yellow',
        notify: expectedNext[stage],
      });
      const red = here.find((n) => bySeq.get(n.seq)?.act === 'escalation');
      expect(red).toMatchObject({ event: 'escalated', level: 'red' });
      expect(red?.notify).toEqual(
        expect.arrayContaining(['leader', 'supervisor', ...expectedNext[stage]]),
      );
      expect(
        here.filter((n) => bySeq.get(n.seq)?.act === 'reminder').length,
      ).toBeGreaterThanOrEqual(2);
    }
    const recordsNotified = final.acts.filter((r) =>
      ['overdue', 'reminder', 'escalation'].includes(r.act),
    );
    expect(notifications.map((n) => n.seq)).toEqual(recordsNotified.map((r) => r.seq));

    // Events for bureau systems: overdue once per stage; reminders and escalations.
    const events = (await harness.events(issue.issueKey)).map((e) => e.event);
    expect(events.filter((e) => e.event === 'overdue').map((e) => e.stage)).toEqual(stages);
    expect(events.filter((e) => e.event === 'escalated').length).toBeGreaterThanOrEqual(5);
    expect(events.filter((e) => e.event === 'reminded').length).toBeGreaterThanOrEqual(5);
    expect(events.at(-1)).toMatchObject({ event: 'closed', data: { closure: 'written_off' } });

    await driver.saveHistory('overdue-every-stage');
  });
});
