import { randomUUID } from 'crypto';
import { issueWorkflowId } from '@sanbao/temporal';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { fastPolicy } from '../support/issue-driver';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import type { IssueHistory, TimelineEntry } from '../../apps/api/src/issues/history.service';
import type { NoticeKind } from '../../apps/api/src/views';
import type { ExtensionView } from '../../apps/api/src/issues/issue-reads.service';

interface RawEvent {
  eventType: string;
  workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest: { input: { name: string } } };
}
interface RawHistory {
  runs: Array<{ history: { events: RawEvent[] } }>;
}

/**
 * Whole issues through the County API alone, each act by a user of the right role and scope,
 * on the real Temporal server, worker, PostgreSQL and NATS.
 */
describe('an issue through the County API', () => {
  let stack: ApiStack;
  let county: TestCounty;
  // Verification falls due in 2 s (so a lapse is recorded); later stages leave time to act.
  const policy = fastPolicy({
    limits: {
      verification: { seconds: 2 },
      townshipDecision: { seconds: 60 },
      solutionPlan: { seconds: 60 },
      generalResolution: { seconds: 60 },
      majorResolution: { seconds: 90 },
      writeOff: { seconds: 60 },
      extensionVote: { seconds: 60 },
    },
    // Only verification runs late: red 2 s after its limit, reminded every 2 s.
    redAfter: { seconds: 2 },
    reminderEvery: { seconds: 2 },
    leaderQuorum: 2,
  });

  beforeAll(async () => {
    stack = await ApiStack.start('api-life', { policy });
    county = await seedCounty(stack, 'education');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = (user: keyof TestCounty['tokens']) => stack.as(county.tokens[user]);
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const ledgerRow = (id: string) =>
    as('supervisor')
      .get(`/issues/${id}`)
      .then((r) => r.body as LedgerIssueView);

  async function report(kind: string, household = uniqueId('HH')) {
    const response = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind,
      subject: {
        kind: 'household',
        id: household,
        personRef: 'child-1',
        villageCode: county.villages[0],
      },
      summary: '巡查发现：孩子开学两周未返校。',
      channel: 'village_patrol',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ created: true, stage: 'verification' });
    expect(response.body.ledgerNo).toMatch(/^\d{4}-EDU-\d{6}$/);
    return {
      ledgerNo: response.body.ledgerNo as string,
      issueKey: response.body.issueKey as string,
      household,
    };
  }

  async function waitForSeq(user: keyof TestCounty['tokens'], id: string, seq: number) {
    await as(user).get(`/issues/${encodeURIComponent(id)}?minSeq=${seq}`);
  }

  async function act(user: keyof TestCounty['tokens'], id: string, path: string, body: object) {
    const response = await as(user).post(`/issues/${id}/${path}`, {
      requestId: randomUUID(),
      ...body,
    });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    const answer = response.body as { stage: string; seq: number; accepted: boolean };
    // The answer comes once the act is durable; what follows reads the ledger: wait for it.
    await waitForSeq(user, id, answer.seq);
    return answer;
  }

  it('goes from a village patrol report to write-off, with a lapse on the late verification', async () => {
    const { ledgerNo, issueKey, household } = await report('not_back_after_term_start');

    // The village's time limit passes: the ledger marks it overdue and a lapse is recorded.
    const late = await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.overdueLevel === 'red' && row.lapseCount === 1 && row.reminders >= 1,
      'the verification lapse, its escalation and a reminder',
    );
    expect(late).toMatchObject({ stage: 'verification', status: 'open', overdue: true });
    const work = await as('village').get('/my-work').expect(200);
    expect(work.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ledgerNo, task: 'verification', overdue: true }),
      ]),
    );
    // Not the other village's work.
    const elsewhere = await as('otherVillage').get('/my-work').expect(200);
    expect((elsewhere.body as LedgerIssueView[]).map((w) => w.ledgerNo)).not.toContain(ledgerNo);

    expect(
      await act('village', ledgerNo, 'verification', {
        confirmed: true,
        findings: '入户核实：孩子在家照顾祖母，未返校。',
        visitedAt: new Date().toISOString(),
      }),
    ).toMatchObject({ accepted: true, stage: 'township_decision' });
    expect(
      await act('township', ledgerNo, 'township-decision', {
        decision: 'forward',
        explanation: '需县教科局协调返校和资助。',
      }),
    ).toMatchObject({ stage: 'solution_plan' });
    expect(
      await act('bureau', ledgerNo, 'solution-plan', {
        responsiblePerson: '陈敏',
        responsibleUnit: '县教科局',
        measures: ['学校派车接送返校', '落实生活补助'],
        completionDate: inSeconds(30),
        severity: 'general',
      }),
    ).toMatchObject({ stage: 'resolution' });
    await act('bureau', ledgerNo, 'progress-notes', { note: '已与学校对接。' });
    expect(
      await act('bureau', ledgerNo, 'completion', {
        outcome: '学生已返校就读。',
        evidenceRefs: ['school-register:row-17'],
      }),
    ).toMatchObject({ stage: 'write_off' });
    const writeOff = await as('township').get('/my-work').expect(200);
    expect(writeOff.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ ledgerNo, task: 'writeOffCheck' })]),
    );
    expect(
      await act('township', ledgerNo, 'write-off-check', {
        result: 'resolved',
        reason: '回访确认已返校。',
      }),
    ).toMatchObject({ stage: 'closed' });

    const closed = await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.status === 'closed',
      'the closed ledger row',
    );
    expect(closed).toMatchObject({ closure: 'written_off', stage: 'closed', issueKey });

    // The household's issues together; the closed one among them.
    const mine = await as('township').get(`/households/${household}/issues`).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ ledgerNo, status: 'closed' })]);

    // The history: every act with who and why, every deadline, the lapse, in order.
    const history = await eventually(
      () =>
        as('supervisor')
          .get(`/issues/${ledgerNo}/history`)
          .then((r) => r.body as IssueHistory),
      (h) => h.timeline?.some((e) => e.kind === 'closed'),
      'the full history',
    );
    // The link opens this issue's own workflow chain (a key written off may open again), under
    // the keyed hash of its key: the household is not in the id.
    const workflowId = issueWorkflowId(stack.config.temporal.workflowIdSecret, issueKey);
    expect(history.temporal.workflowId).toBe(workflowId);
    expect(history.temporal.webUrl).toBe(
      `${stack.config.temporal.uiUrl}/namespaces/${stack.config.temporal.namespace}/workflows/${workflowId}/${history.temporal.runs[0]}/history`,
    );
    const kinds = history.timeline.map((e) => e.kind);
    const acts = kinds.filter(
      (k: string) => !['deadline', 'lapse', 'evidence', 'reminder'].includes(k),
    );
    expect(acts).toEqual([
      'opened',
      'overdue',
      'escalation',
      'verification',
      'townshipDecision',
      'solutionPlan',
      'progressNote',
      'completion',
      'writeOffCheck',
      'closed',
    ]);
    // Late verification: the unit and the township told at once, leaders and supervisors on red,
    // the village reminded until it acted.
    const told = (kind: NoticeKind) =>
      history.timeline.flatMap((e) => (e.kind === kind ? [e.details.told] : []));
    expect(told('overdue')).toEqual([['village', 'township']]);
    expect(told('escalation')[0]).toEqual(expect.arrayContaining(['leader', 'supervisor']));
    const reminders = told('reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    // Each reminder reaches the village again (on red, the levels above hear it too).
    for (const who of reminders) expect(who).toEqual(expect.arrayContaining(['village']));
    expect(kinds.lastIndexOf('reminder')).toBeLessThan(kinds.indexOf('verification'));
    const deadlines = history.timeline.filter((e) => e.kind === 'deadline');
    expect(deadlines.map((d) => d.stage)).toEqual([
      'verification',
      'township_decision',
      'solution_plan',
      'resolution',
      'write_off',
    ]);
    const lapse = history.timeline.find((e) => e.kind === 'lapse');
    expect(lapse).toMatchObject({ stage: 'verification', details: { unit: county.villages[0] } });
    expect(lapse?.details.secondsLate).toBeGreaterThan(0);
    const verification = history.timeline.find((e) => e.kind === 'verification');
    expect(verification?.who?.name).toBe(`village ${county.suffix}`);
    expect(verification?.why).toBe('入户核实：孩子在家照顾祖母，未返校。');
    const times = history.timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each stage's limit appears after the act that handed the issue over.
    const index = (kind: TimelineEntry['kind']) => kinds.indexOf(kind);
    expect(kinds.indexOf('deadline', index('verification'))).toBeLessThan(
      index('townshipDecision'),
    );

    const raw = await as('supervisor').get(`/issues/${ledgerNo}/history/raw`).expect(200);
    expect(raw.headers['content-disposition']).toMatch(/attachment; filename=".+\.history\.json"/);
    const rawBody = raw.body as RawHistory;
    expect(rawBody.runs[0].history.events[0].eventType).toMatch(/WORKFLOW_EXECUTION_STARTED/);
    const updates = rawBody.runs
      .flatMap((r) => r.history.events)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest.input.name)
      .filter((name) => name !== undefined);
    expect(updates).toEqual([
      'verification',
      'townshipDecision',
      'solutionPlan',
      'progressNote',
      'completion',
      'writeOffCheck',
    ]);
  });

  it('extends a major issue by the county leaders votes, and shows every vote', async () => {
    const { ledgerNo } = await report('dropped_out');
    await act('village', ledgerNo, 'verification', {
      confirmed: true,
      findings: '核实辍学。',
      visitedAt: new Date().toISOString(),
    });
    await act('township', ledgerNo, 'township-decision', {
      decision: 'forward',
      explanation: '转县教科局。',
    });
    await act('bureau', ledgerNo, 'solution-plan', {
      responsiblePerson: '陈敏',
      responsibleUnit: '县教科局',
      measures: ['一人一案送教上门'],
      completionDate: inSeconds(60),
      severity: 'major',
    });
    const newDeadline = inSeconds(600);
    await act('bureau', ledgerNo, 'extension-request', {
      newDeadline,
      reason: '需等待特殊教育学校学位。',
      milestones: [{ description: '联系特教学校', dueDate: inSeconds(300) }],
    });

    const waiting = await eventually(
      () =>
        as('leader1')
          .get('/extensions?status=awaiting')
          .then((r) => r.body as ExtensionView[]),
      (list) => list.some((e) => e.ledgerNo === ledgerNo),
      'the extension awaiting the vote',
    );
    expect(waiting.find((e) => e.ledgerNo === ledgerNo)).toMatchObject({
      status: 'voting',
      newDeadline,
      votes: [],
    });
    const leaderWork = await as('leader1').get('/my-work').expect(200);
    expect(leaderWork.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ ledgerNo, task: 'leaderVote' })]),
    );

    await act('leader1', ledgerNo, 'leader-votes', { approve: true, comment: '同意延期。' });
    // A second vote by the same leader is refused and changes nothing.
    const again = await as('leader1').post(`/issues/${ledgerNo}/leader-votes`, {
      requestId: randomUUID(),
      approve: false,
      comment: '改主意了。',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_voted');
    // leader1 has voted: no longer awaiting theirs; leader2 still sees it.
    const afterFirst = await eventually(
      () =>
        as('leader1')
          .get('/extensions?status=awaiting')
          .then((r) => r.body as ExtensionView[]),
      (list) => !list.some((e) => e.ledgerNo === ledgerNo),
      'the extension leaving leader1 list',
    );
    expect(afterFirst.some((e) => e.ledgerNo === ledgerNo)).toBe(false);
    const forSecond = await as('leader2').get('/extensions?status=awaiting').expect(200);
    expect((forSecond.body as ExtensionView[]).some((e) => e.ledgerNo === ledgerNo)).toBe(true);

    await act('leader2', ledgerNo, 'leader-votes', {
      approve: true,
      comment: '同意，按节点推进。',
    });
    const extended = await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.extensionStatus === 'approved',
      'the approved extension in the ledger',
    );
    expect(extended.currentDueAt).toBe(newDeadline);

    const decided = await as('supervisor').get('/extensions?status=decided').expect(200);
    const mine = (decided.body as ExtensionView[]).find((e) => e.ledgerNo === ledgerNo);
    expect(mine).toMatchObject({ status: 'approved', newDeadline });
    expect(mine?.votes.map((v) => [v.leader.id, v.approve, v.comment])).toEqual([
      [`user:${county.users.leader1.id}`, true, '同意延期。'],
      [`user:${county.users.leader2.id}`, true, '同意，按节点推进。'],
    ]);

    await act('bureau', ledgerNo, 'completion', {
      outcome: '已送教上门。',
      evidenceRefs: ['visit:1'],
    });
    await act('township', ledgerNo, 'write-off-check', { result: 'resolved' });
    const history = await eventually(
      () =>
        as('leader3')
          .get(`/issues/${ledgerNo}/history`)
          .then((r) => r.body as IssueHistory),
      (h) => h.timeline?.some((e) => e.kind === 'closed'),
      'the history of the extended issue',
    );
    const kinds = history.timeline
      .map((e) => e.kind)
      .filter((k: string) => !['deadline', 'evidence'].includes(k));
    expect(kinds).toEqual([
      'opened',
      'verification',
      'townshipDecision',
      'solutionPlan',
      'extensionRequest',
      'leaderVote',
      'leaderVote',
      'extension_decided',
      'completion',
      'writeOffCheck',
      'closed',
    ]);
    const votes = history.timeline.filter((e) => e.kind === 'leaderVote');
    expect(votes.map((v) => v.why)).toEqual(['同意延期。', '同意，按节点推进。']);
    const deadlines = history.timeline
      .filter((e) => e.kind === 'deadline')
      .map((d) => d.details.dueAt);
    // The approved extension is the resolution's new limit, after the plan's own.
    expect(deadlines).toContain(newDeadline);
  });
  it('refuses a request id reused for another act with 409 request_id_reused and records nothing', async () => {
    const { ledgerNo } = await report('not_returned');
    const visit = {
      requestId: randomUUID(),
      confirmed: true,
      findings: '入户核实：孩子未返校。',
      visitedAt: new Date().toISOString(),
    };
    const verified = await as('village').post(`/issues/${ledgerNo}/verification`, visit);
    expect(verified.status).toBe(200);

    // The township's decision under the verification's request id (the issue's own example).
    const reused = await as('township').post(`/issues/${ledgerNo}/township-decision`, {
      requestId: visit.requestId,
      decision: 'forward',
      explanation: '需县教科局协调返校。',
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('request_id_reused');
    // The same act with other content under the same id is another act.
    const rewritten = await as('village').post(`/issues/${ledgerNo}/verification`, {
      ...visit,
      findings: '改写的核查结论。',
    });
    expect(rewritten.status).toBe(409);
    expect(rewritten.body.error).toBe('request_id_reused');
    // The same act resent: the first answer.
    const repeat = await as('village').post(`/issues/${ledgerNo}/verification`, visit);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(verified.body);

    const row = await ledgerRow(ledgerNo);
    expect(row.stage).toBe('township_decision');
  });
  it('refuses a kind the sector does not know with 422 and the list of its kinds', async () => {
    const response = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'no_such_kind_xyz',
      subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
      summary: '巡查发现的问题。',
      channel: 'village_patrol',
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('invalid_content');
    expect(response.body.fields).toEqual({
      kind: [
        'must be one of not_enrolled, not_returned, dropped_out, disabled_without_placement, hardship_without_aid',
      ],
    });
  });

  it('joins a hand report of another kind of the same family to the open issue of the child', async () => {
    const household = uniqueId('HH');
    const first = await report('not_returned', household);
    // The county's documents' name for the same kind, then another kind of the family.
    for (const kind of ['not_back_after_term_start', 'dropped_out']) {
      const again = await as('township').post('/issues', {
        requestId: randomUUID(),
        sector: 'education',
        kind,
        subject: {
          kind: 'household',
          id: ` ${household.toLowerCase()} `,
          personRef: 'CHILD-1',
          villageCode: county.villages[0],
        },
        summary: '热线来电：孩子已辍学在家。',
        channel: 'hotline',
      });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        created: false,
        ledgerNo: first.ledgerNo,
        issueKey: first.issueKey,
      });
    }
    expect(first.issueKey).toMatch(/:out_of_school$/);
    const history = await eventually(
      () =>
        as('supervisor')
          .get(`/issues/${first.ledgerNo}/history`)
          .then((r) => r.body as IssueHistory),
      (h) => (h.timeline ?? []).filter((e) => e.kind === 'evidence').length >= 3,
      'the three reports as evidence of one issue',
    );
    expect(history.timeline.filter((e) => e.kind === 'opened')).toHaveLength(1);
    expect(await ledgerRow(first.ledgerNo)).toMatchObject({
      kind: 'not_returned',
      stage: 'verification',
    });

    // The village's visit corrects the kind, within the family only.
    const visit = {
      confirmed: true,
      findings: '入户核实：孩子已辍学在家务农。',
      visitedAt: new Date().toISOString(),
    };
    const outside = await as('village').post(`/issues/${first.ledgerNo}/verification`, {
      requestId: randomUUID(),
      ...visit,
      kind: 'hardship_without_aid',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.message).toMatch(
      /kind must be one of not_enrolled, not_returned, dropped_out/,
    );
    await act('village', first.ledgerNo, 'verification', { ...visit, kind: 'dropped_out' });
    await eventually(
      () => ledgerRow(first.ledgerNo),
      (r) => r.kind === 'dropped_out' && r.stage === 'township_decision',
      'the corrected kind in the ledger',
    );
    const later = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'not_enrolled',
      subject: {
        kind: 'household',
        id: household,
        personRef: 'child-1',
        villageCode: county.villages[0],
      },
      summary: '复核：孩子未注册。',
      channel: 'village_patrol',
    });
    expect(later.body).toMatchObject({ created: false, ledgerNo: first.ledgerNo });
  });
});
