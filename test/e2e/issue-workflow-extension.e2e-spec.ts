import type { DeadlinePolicyOverride } from '@sanbao/domain';
import {
  eventually,
  fastPolicy,
  inSeconds,
  IssueHarness,
  newIssue,
  type IssueDriver,
} from '../support/issue-driver';

/**
 * Extensions of a major issue (集体研究决定): the bureau asks for a new deadline with reason
 * and milestones; county leaders vote, one vote each, each kept with its comment; a quorum of
 * approvals moves the deadline, a quorum of rejections keeps it, and a vote left undecided
 * keeps it too and goes up to the leaders and supervisors.
 */
describe('issue workflow: extensions of a major issue', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-extension');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** A major issue at resolution: 5 s to resolve, a quorum of two leaders. */
  async function majorIssueAtResolution(
    override: DeadlinePolicyOverride = {},
  ): Promise<IssueDriver> {
    const base = fastPolicy();
    const policy = fastPolicy({
      leaderQuorum: 2,
      ...override,
      limits: {
        ...base.limits,
        verification: { seconds: 600 },
        townshipDecision: { seconds: 600 },
        solutionPlan: { seconds: 600 },
        majorResolution: { seconds: 5 },
        extensionVote: { seconds: 600 },
        ...override.limits,
      },
    });
    const driver = await harness.start(
      newIssue(policy, { sector: 'housing', kind: 'house_grade_d' }),
    );
    await driver.verify();
    await driver.decide('forward');
    await driver.plan('major', inSeconds(3));
    return driver;
  }

  it('moves the deadline when a quorum of leaders approves', async () => {
    const driver = await majorIssueAtResolution();
    const [first, second, third] = driver.actors.leaders;
    const oldDue = (await driver.state()).currentDueAt!;
    const newDeadline = inSeconds(3600);

    const requested = await driver.requestExtension(newDeadline);
    expect(requested.stage).toBe('resolution');
    await driver.vote(first, true);
    expect((await driver.state()).extensions[0]).toMatchObject({ status: 'voting' });
    await driver.vote(second, true);

    const decided = await driver.state();
    expect(decided.extensions).toEqual([
      expect.objectContaining({
        requestId: requested.requestId,
        status: 'approved',
        newDeadline,
        reason: '房屋重建需跨季施工',
        milestones: [{ description: '完成主体结构', dueDate: newDeadline }],
        votes: [
          expect.objectContaining({
            leader: first,
            approve: true,
            comment: '同意延期，按节点推进',
          }),
          expect.objectContaining({
            leader: second,
            approve: true,
            comment: '同意延期，按节点推进',
          }),
        ],
      }),
    ]);
    expect(decided.currentDueAt).toBe(newDeadline);
    expect(decided.deadlines.resolution).toBe(newDeadline);
    expect(decided.acts.at(-1)).toMatchObject({
      act: 'extension_decided',
      payload: { status: 'approved', approvals: 2, rejections: 0 },
    });
    // The quorum has decided: a third vote finds nothing to vote on.
    await expect(driver.vote(third, false)).rejects.toThrow();

    // The old limit passes without a lapse: only the new deadline counts now.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(oldDue) - Date.now() + 2000));
    const afterOldDue = await driver.state();
    expect(afterOldDue).toMatchObject({ stage: 'resolution', overdueLevel: 'none', lapses: [] });

    expect(await harness.ledgerRow(driver.issueKey)).toMatchObject({
      extension_status: 'approved',
      overdue_level: 'none',
      lapse_count: 0,
    });
    expect((await harness.ledgerRow(driver.issueKey))?.current_due_at?.toISOString()).toBe(
      newDeadline,
    );

    await driver.complete();
    await driver.writeOff('resolved');
    const final = await driver.result();
    expect(final).toMatchObject({ closure: 'written_off', severity: 'major', lapses: [] });

    const audit = await harness.auditTrail(driver.issueKey);
    expect(
      audit.filter((r) => r.kind === 'leaderVote').map((r) => [r.actor.id, r.payload.comment]),
    ).toEqual([
      [first.id, '同意延期，按节点推进'],
      [second.id, '同意延期，按节点推进'],
    ]);
    expect(audit.find((r) => r.kind === 'extension_decided')?.payload).toMatchObject({
      status: 'approved',
    });
    const events = (await harness.events(driver.issueKey)).map((e) => e.event);
    expect(
      events
        .filter((e) => e.event.startsWith('extension_'))
        .map((e) => [e.event, e.event === 'extension_decided' ? e.data.status : undefined]),
    ).toEqual([
      ['extension_requested', undefined],
      ['extension_decided', 'approved'],
    ]);
    expect(events.find((e) => e.event === 'extension_decided')?.data).toMatchObject({
      dueAt: newDeadline,
    });
    expect(events.some((e) => e.event === 'overdue')).toBe(false);
    await driver.saveHistory('extension-approved');
  });

  it('keeps the old deadline when a quorum of leaders rejects, and the stage then runs late', async () => {
    const driver = await majorIssueAtResolution();
    const [first, second] = driver.actors.leaders;
    const oldDue = (await driver.state()).currentDueAt!;

    await driver.requestExtension(inSeconds(3600));
    await driver.vote(first, false);
    await driver.vote(second, false);
    const decided = await driver.state();
    expect(decided.extensions[0]).toMatchObject({ status: 'rejected' });
    expect(decided.extensions[0].votes.map((v) => [v.leader.id, v.approve, v.comment])).toEqual([
      [first.id, false, '不同意延期，按原期限完成'],
      [second.id, false, '不同意延期，按原期限完成'],
    ]);
    expect(decided.currentDueAt).toBe(oldDue);

    const late = await driver.waitFor((s) => s.overdueLevel === 'yellow', 'resolution overdue');
    expect(late.lapses).toEqual([
      expect.objectContaining({ stage: 'resolution', unit: 'bureau:housing', dueAt: oldDue }),
    ]);
    await eventually(async () =>
      expect(await harness.lapses(driver.issueKey)).toEqual([
        expect.objectContaining({ stage: 'resolution', unit: 'bureau:housing' }),
      ]),
    );

    await driver.complete();
    await driver.writeOff('resolved');
    const final = await driver.result();
    expect(final).toMatchObject({ closure: 'written_off' });
    expect(await harness.ledgerRow(driver.issueKey)).toMatchObject({
      extension_status: 'rejected',
      lapse_count: 1,
      status: 'closed',
    });
    const events = (await harness.events(driver.issueKey)).map((e) => e.event);
    expect(events.find((e) => e.event === 'extension_decided')?.data).toMatchObject({
      status: 'rejected',
      dueAt: oldDue,
    });
    expect(events.filter((e) => e.event === 'overdue').map((e) => e.stage)).toEqual(['resolution']);
    await driver.saveHistory('extension-rejected');
  });

  it('keeps the old deadline and escalates when the leaders do not decide in time', async () => {
    const driver = await majorIssueAtResolution({ limits: { extensionVote: { seconds: 3 } } });
    const [first, second] = driver.actors.leaders;
    const oldDue = (await driver.state()).currentDueAt!;

    const requested = await driver.requestExtension(inSeconds(3600));
    await driver.vote(first, true);
    const lapsed = await driver.waitFor(
      (s) => s.extensions[0]?.status === 'lapsed',
      'the vote window to close undecided',
    );
    expect(lapsed.extensions[0].votes).toHaveLength(1);
    expect(lapsed.currentDueAt).toBe(oldDue);
    const escalation = lapsed.acts.find(
      (r) => r.act === 'escalation' && r.payload.extension === requested.requestId,
    );
    expect(escalation).toMatchObject({
      stage: 'resolution',
      payload: { level: 'red', unit: 'bureau:housing', notify: ['bureau', 'leader', 'supervisor'] },
    });
    await expect(driver.vote(second, true)).rejects.toThrow();

    await eventually(async () => {
      const notifications = await harness.notifications(driver.issueKey);
      expect(notifications.find((n) => n.seq === escalation!.seq)).toMatchObject({
        event: 'escalated',
        notify: ['bureau', 'leader', 'supervisor'],
      });
      const events = (await harness.events(driver.issueKey)).map((e) => e.event);
      expect(events.find((e) => e.event === 'extension_decided')?.data).toMatchObject({
        status: 'lapsed',
        dueAt: oldDue,
      });
    });

    await driver.complete();
    await driver.writeOff('resolved');
    expect(await driver.result()).toMatchObject({ closure: 'written_off' });
    expect(await harness.ledgerRow(driver.issueKey)).toMatchObject({ extension_status: 'lapsed' });
    await driver.saveHistory('extension-vote-lapsed');
  });
});
