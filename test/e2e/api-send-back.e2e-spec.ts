import { randomUUID } from 'crypto';
import { issueKey, type IssueStartInput } from '@sanbao/domain';
import { ISSUE_WORKFLOWS, type IssueWorkflows } from '@sanbao/temporal';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import type { AccountabilityRegister } from '../../apps/api/src/issues/issue-reads.service';
import type { WorkItem } from '../../apps/api/src/views';

type User = keyof TestCounty['tokens'];

/**
 * Send back and re-route (退回/转办) through the County API on the real Temporal server,
 * worker, PostgreSQL and NATS: the unit an issue was wrongly addressed to sends it back, the
 * level above re-routes it, the work lists, ledger, limits, lapses, timeline, events and the
 * monthly report follow; every refusal leaves the record as it was.
 */
describe('send back and re-route through the County API', () => {
  let stack: ApiStack;
  let county: TestCounty;
  // The level above has 3 s to re-route (so its lapse is recorded); every stage a minute.
  const policy = calmPolicy({
    limits: {
      verification: { seconds: 60 },
      townshipDecision: { seconds: 60 },
      solutionPlan: { seconds: 60 },
      sentBack: { seconds: 3 },
    },
  });

  beforeAll(async () => {
    stack = await ApiStack.start('api-route', { policy });
    county = await seedCounty(stack, 'education');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = (user: User) => stack.as(county.tokens[user]);
  const ledgerRow = (id: string) =>
    as('supervisor')
      .get(`/issues/${id}`)
      .then((r) => r.body as LedgerIssueView);
  const myWork = async (user: User) =>
    ((await as(user).get('/my-work').expect(200)).body as WorkItem[]).map(
      (w) => `${w.ledgerNo}:${w.task}`,
    );
  const recordSize = async (ledgerNo: string) =>
    Number(
      (
        await stack.query<{ n: string }>(
          // People's entries: the clock's own (the township's lapse) may fall in between.
          `SELECT count(*) AS n FROM issue_audit WHERE ledger_no = $1 AND actor->>'role' <> 'system'`,
          [ledgerNo],
        )
      )[0].n,
    );
  const seconds = (from: string, to: string | null) =>
    (Date.parse(to as string) - Date.parse(from)) / 1000;

  async function report(villageCode = county.villages[0]) {
    const response = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'not_enrolled',
      subject: { kind: 'household', id: uniqueId('HH'), personRef: 'child-1', villageCode },
      summary: '热线反映：适龄儿童未入学。',
      channel: 'hotline',
    });
    expect(response.status).toBe(201);
    const ledgerNo = response.body.ledgerNo as string;
    await eventually(
      () => ledgerRow(ledgerNo),
      (r) => r.ledgerNo === ledgerNo,
      'the ledger row',
    );
    return ledgerNo;
  }

  async function act(user: User, id: string, path: string, body: object, requestId = randomUUID()) {
    const response = await as(user).post(`/issues/${id}/${path}`, { requestId, ...body });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    const answer = response.body as { stage: string; seq: number; at: string };
    await as(user).get(`/issues/${id}?minSeq=${answer.seq}`);
    return answer;
  }

  /** A refused act: its status and code, and nothing recorded. */
  async function refused(
    user: User,
    id: string,
    path: string,
    body: object,
  ): Promise<[number, string, string[]]> {
    const before = await recordSize(id);
    const response = await as(user).post(`/issues/${id}/${path}`, {
      requestId: randomUUID(),
      ...body,
    });
    expect(await recordSize(id)).toBe(before);
    const answer = response.body as { error: string; fields?: Record<string, string[]> };
    return [response.status, answer.error, Object.keys(answer.fields ?? {})];
  }

  it('sends a verification back, the township re-routes it, the new village sees it and the clock follows the rule', async () => {
    const ledgerNo = await report();
    expect(await myWork('village')).toContain(`${ledgerNo}:verification`);

    // Nothing to re-route before it is sent back; another village may not send it back.
    expect(
      await refused('township', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[1],
      }),
    ).toEqual([409, 'not_allowed', []]);
    expect(await refused('otherVillage', ledgerNo, 'send-back', { reason: '不属本村。' })).toEqual([
      403,
      'out_of_scope',
      [],
    ]);
    expect(await refused('township', ledgerNo, 'send-back', { reason: '不属本村。' })).toEqual([
      403,
      'wrong_role',
      [],
    ]);
    expect(await refused('village', ledgerNo, 'send-back', { reason: '' })).toEqual([
      422,
      'invalid_content',
      ['reason'],
    ]);

    const sendBackId = randomUUID();
    const sent = await act(
      'village',
      ledgerNo,
      'send-back',
      { reason: '经核实，该户户籍在光明村。' },
      sendBackId,
    );
    expect(sent).toMatchObject({ stage: 'verification' });
    // The same act again: the first answer; its request id for another act: refused.
    const again = await as('village')
      .post(`/issues/${ledgerNo}/send-back`)
      .send({ requestId: sendBackId, reason: '经核实，该户户籍在光明村。' })
      .expect(200);
    expect(again.body).toMatchObject({ seq: sent.seq, stage: 'verification' });
    const reused = await as('township')
      .post(`/issues/${ledgerNo}/reroute`)
      .send({ requestId: sendBackId, reason: '转办。', villageCode: county.villages[1] });
    expect([reused.status, reused.body.error]).toEqual([409, 'request_id_reused']);

    // Sent back: the village's limit ended (no lapse for it), the township holds it for 3 s.
    const held = await ledgerRow(ledgerNo);
    expect(held).toMatchObject({
      stage: 'verification',
      sentBackBy: county.villages[0],
      overdueLevel: 'none',
    });
    expect(seconds(sent.at, held.currentDueAt)).toBeCloseTo(3, 1);
    expect(await myWork('village')).not.toContain(`${ledgerNo}:verification`);
    expect(await myWork('township')).toContain(`${ledgerNo}:reroute`);

    // While sent back nothing else is done; a re-route is the township's, elsewhere, known.
    expect(
      await refused('village', ledgerNo, 'verification', {
        confirmed: true,
        findings: '入户核实。',
        visitedAt: new Date().toISOString(),
      }),
    ).toEqual([409, 'not_allowed', []]);
    expect(await refused('village', ledgerNo, 'send-back', { reason: '再次退回。' })).toEqual([
      409,
      'not_allowed',
      [],
    ]);
    expect(
      await refused('village', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[1],
      }),
    ).toEqual([403, 'forbidden', []]);
    expect(
      await refused('otherTownship', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[1],
      }),
    ).toEqual([403, 'out_of_scope', []]);
    expect(
      await refused('township', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[0],
      }),
    ).toEqual([422, 'invalid_field', ['villageCode']]);
    expect(
      await refused('township', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: '999999999999',
      }),
    ).toEqual([422, 'invalid_content', ['villageCode']]);
    expect(
      await refused('township', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[1],
        sector: 'medical',
      }),
    ).toEqual([422, 'invalid_field', ['sector']]);

    // The township lets its 3 s pass: the lapse is the township's, at verification.
    await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.lapseCount === 1 && row.overdueLevel === 'yellow',
      "the township's lapse",
    );
    const rerouted = await act('township', ledgerNo, 'reroute', {
      reason: '该户户籍在光明村，转光明村核查。',
      villageCode: county.villages[1],
    });
    expect(rerouted).toMatchObject({ stage: 'verification' });

    // The receiving village's limit starts afresh from the re-route: the full minute.
    const moved = await ledgerRow(ledgerNo);
    expect(moved).toMatchObject({
      villageCode: county.villages[1],
      townshipCode: county.townships[0],
      sentBackBy: null,
      overdueLevel: 'none',
      stage: 'verification',
    });
    expect(seconds(rerouted.at, moved.currentDueAt)).toBeCloseTo(60, 1);
    expect(await myWork('otherVillage')).toContain(`${ledgerNo}:verification`);
    expect((await myWork('village')).join()).not.toContain(ledgerNo);
    expect((await myWork('township')).join()).not.toContain(ledgerNo);
    // The first village no longer reads it at all.
    expect((await as('village').get(`/issues/${ledgerNo}`)).status).toBe(403);

    // Accountability: the township answers for the late re-route, settled at the re-route;
    // the village that sent it back in time is charged nothing.
    const register = (
      await as('supervisor')
        .get(`/accountability?sector=education&townshipCode=${county.townships[0]}`)
        .expect(200)
    ).body as AccountabilityRegister;
    const mine = register.items.filter((i) => i.ledgerNo === ledgerNo);
    expect(mine).toEqual([
      expect.objectContaining({
        unit: county.townships[0],
        stage: 'verification',
        resolvedAt: rerouted.at,
      }),
    ]);

    // The timeline says both, in order, with the reasons.
    const history = (await as('supervisor').get(`/issues/${ledgerNo}/history?lang=en`).expect(200))
      .body as IssueHistory;
    const routing = history.timeline.filter((e) => e.kind === 'sendBack' || e.kind === 'reroute');
    expect(routing.map((e) => [e.kind, e.why])).toEqual([
      ['sendBack', '经核实，该户户籍在光明村。'],
      ['reroute', '该户户籍在光明村，转光明村核查。'],
    ]);
    expect(routing[0].text).toContain('sent the issue back');
    expect(routing[1].text).toContain('re-routed the issue');

    // The events, codes only.
    const events = await stack.query<{ message_id: string }>(
      'SELECT message_id FROM issue_outbox WHERE ledger_no = $1 ORDER BY id',
      [ledgerNo],
    );
    const names = events.map((e) => e.message_id.split(':')[1]);
    expect(names).toEqual(expect.arrayContaining(['sent_back', 'rerouted', 'overdue']));
  });

  it('sends a township decision back; the bureau re-routes it to another township', async () => {
    const ledgerNo = await report();
    await act('village', ledgerNo, 'verification', {
      confirmed: true,
      findings: '入户核实属实。',
      visitedAt: new Date().toISOString(),
    });
    expect(await myWork('township')).toContain(`${ledgerNo}:townshipDecision`);
    await act('township', ledgerNo, 'send-back', { reason: '该户已迁至河西乡。' });
    expect((await myWork('township')).join()).not.toContain(ledgerNo);
    expect(await myWork('bureau')).toContain(`${ledgerNo}:reroute`);

    // The bureau may not hand it back to the same township, nor to a sector.
    expect(
      await refused('bureau', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[1],
      }),
    ).toEqual([422, 'invalid_field', ['villageCode']]);
    expect(
      await refused('otherBureau', ledgerNo, 'reroute', {
        reason: '转办。',
        villageCode: county.villages[2],
      }),
    ).toEqual([403, 'out_of_scope', []]);
    const rerouted = await act('bureau', ledgerNo, 'reroute', {
      reason: '转河西乡研判。',
      villageCode: county.villages[2],
    });
    const moved = await ledgerRow(ledgerNo);
    expect(moved).toMatchObject({
      townshipCode: county.townships[1],
      villageCode: county.villages[2],
    });
    expect(seconds(rerouted.at, moved.currentDueAt)).toBeCloseTo(60, 1);
    expect(await myWork('otherTownship')).toContain(`${ledgerNo}:townshipDecision`);
    expect((await myWork('bureau')).join()).not.toContain(ledgerNo);

    // The month's report counts both acts where the issue now is.
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const monthly = (await as('supervisor').get(`/reports/monthly/${month}`).expect(200)).body as {
      rows: Array<{ townshipCode: string; sector: string; figures: Record<string, number> }>;
    };
    const row = monthly.rows.find(
      (r) => r.townshipCode === county.townships[1] && r.sector === 'education',
    );
    expect(row?.figures).toMatchObject({ sentBack: 1, rerouted: 1 });
  });

  it('refuses to send back a closed issue, and changes nothing', async () => {
    const ledgerNo = await report();
    await act('village', ledgerNo, 'verification', {
      confirmed: false,
      findings: '入户核实不属实。',
      visitedAt: new Date().toISOString(),
    });
    await act('township', ledgerNo, 'township-decision', {
      decision: 'unfounded',
      explanation: '不属实。',
    });
    await eventually(
      () => ledgerRow(ledgerNo),
      (r) => r.status === 'closed',
      'the closed row',
    );
    expect(await refused('township', ledgerNo, 'send-back', { reason: '退回。' })).toEqual([
      409,
      'wrong_stage',
      [],
    ]);
    expect(await refused('village', ledgerNo, 'send-back', { reason: '退回。' })).toEqual([
      409,
      'wrong_stage',
      [],
    ]);
  });

  it('joins a report of the family to an issue opened under its kind before families existed', async () => {
    // An issue an older deployment opened under the per-kind key (`…:not_returned`), still open.
    const household = uniqueId('HH').toUpperCase();
    const subject = {
      kind: 'household' as const,
      id: household,
      personRef: 'CHILD-1',
      villageCode: county.villages[0],
      townshipCode: county.townships[0],
    };
    const familyKey = issueKey({ sector: 'education', subject, kind: 'not_returned' });
    const oldKey = familyKey.replace(/:out_of_school$/, ':not_returned');
    const input: IssueStartInput = {
      issueKey: oldKey,
      sector: 'education',
      kind: 'not_returned',
      severityHint: 'general',
      subject,
      summary: '名册比对：开学未返校。',
      reportedAt: new Date().toISOString(),
      channel: 'sector_signal',
      policy,
      reportedBy: { id: 'system:education', name: 'education', role: 'system' },
    };
    const gateway = stack.api.get<IssueWorkflows>(ISSUE_WORKFLOWS);
    await gateway.startOrJoin(input, {
      evidenceId: `roster:${household}`,
      source: 'education:roster',
      receivedAt: input.reportedAt,
      description: 'roster row',
    });
    const old = await eventually(
      () => as('supervisor').get(`/issues/${encodeURIComponent(oldKey)}`),
      (r) => r.status === 200 && typeof r.body.ledgerNo === 'string',
      'the old issue in the ledger',
    );
    const oldLedgerNo = old.body.ledgerNo as string;

    // A hotline report that the child dropped out: the same problem, so it joins the old issue.
    const response = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'dropped_out',
      subject: {
        kind: 'household',
        id: household,
        personRef: 'child-1',
        villageCode: county.villages[0],
      },
      summary: '热线反映：孩子已辍学。',
      channel: 'hotline',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ created: false });
    const issues = (await as('township').get(`/households/${household}/issues`).expect(200))
      .body as LedgerIssueView[];
    expect(issues.map((i) => i.ledgerNo)).toEqual([oldLedgerNo]);
    const evidence = await eventually(
      () => as('supervisor').get(`/issues/${oldLedgerNo}/history`),
      (r) => (r.body as IssueHistory).timeline.filter((e) => e.kind === 'evidence').length === 2,
      'the report as evidence on the old issue',
    );
    expect(
      (evidence.body as IssueHistory).timeline.filter((e) => e.kind === 'opened'),
    ).toHaveLength(1);
  });
});
