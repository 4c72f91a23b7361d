import type { IssueEvent } from '@sanbao/domain';
import { streamNames } from '@sanbao/contracts';
import { natsConnectOptions } from '@sanbao/messaging';
import { randomUUID } from 'crypto';
import { connect } from 'nats';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import {
  ApiStack,
  eventually,
  seedCounty,
  type TestCounty,
  type TestUser,
} from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';

/**
 * Merging a duplicate through the API on the real services: the duplicate closes as merged, the
 * survivor's record links it with its evidence, and the ledger, the monthly figures and the
 * events count one problem; every refusal answers 4xx and changes nothing.
 */
describe('merging a duplicate issue into the one it duplicates', () => {
  let stack: ApiStack;
  let county: TestCounty;
  const policy = calmPolicy();

  beforeAll(async () => {
    stack = await ApiStack.start('api-merge', { policy });
    county = await seedCounty(stack, 'education');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = (user: TestUser) => stack.as(county.tokens[user]);

  async function report(
    user: TestUser,
    villageCode: string,
    requestId = randomUUID(),
    sector: 'education' | 'water' = 'education',
  ): Promise<{ ledgerNo: string; issueKey: string }> {
    const body =
      sector === 'water'
        ? { kind: 'outage', subject: { kind: 'village', id: villageCode, villageCode } }
        : { kind: 'not_enrolled', subject: { kind: 'household', id: uniqueId('HH'), villageCode } };
    const response = await as(user)
      .post('/issues', { requestId, sector, summary: '热线反映。', channel: 'hotline', ...body })
      .expect(201);
    const ledgerNo = response.body.ledgerNo as string;
    await eventually(
      () => as('supervisor').get(`/issues/${ledgerNo}`),
      (r) => r.status === 200,
      `the ledger row of ${ledgerNo}`,
    );
    return { ledgerNo, issueKey: response.body.issueKey as string };
  }

  const recordSize = async (ledgerNo: string) =>
    Number(
      (
        await stack.query<{ n: string }>(
          'SELECT count(*) AS n FROM issue_audit WHERE ledger_no = $1',
          [ledgerNo],
        )
      )[0].n,
    );
  const row = async (ledgerNo: string) =>
    (await as('supervisor').get(`/issues/${ledgerNo}`).expect(200)).body as {
      status: string;
      stage: string;
      closure: string | null;
    };
  // The sentences are read in English (the API answers in zh-CN unless asked).
  const history = async (ledgerNo: string) =>
    (await as('supervisor').get(`/issues/${ledgerNo}/history?lang=en`).expect(200))
      .body as IssueHistory;
  const merge = (user: TestUser, duplicate: string, body: object) =>
    as(user).post(`/issues/${duplicate}/merge`, body);

  async function events(ledgerNos: string[]): Promise<IssueEvent[]> {
    const nats = await connect(natsConnectOptions(stack.config.nats));
    try {
      const jsm = await nats.jetstreamManager();
      const stream = streamNames(stack.config.nats.prefix).issueEvents;
      const { state } = await jsm.streams.info(stream);
      const found: IssueEvent[] = [];
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
        const event = message?.json<IssueEvent>();
        if (event && ledgerNos.includes(event.ledgerNo)) found.push(event);
      }
      return found;
    } finally {
      await nats.drain();
    }
  }

  it('closes the duplicate as merged, links it on the survivor, and counts one problem', async () => {
    const [village] = county.villages;
    const survivor = await report('village', village);
    const duplicateReport = randomUUID();
    const duplicate = await report('township', village, duplicateReport);
    const elsewhere = await report('otherTownship', county.villages[2]);
    const water = await report('township', village, randomUUID(), 'water');
    const closed = await report('village', village);
    await as('village')
      .post(`/issues/${closed.ledgerNo}/verification`, {
        requestId: randomUUID(),
        confirmed: false,
        findings: '入户核实：已入学。',
        visitedAt: new Date().toISOString(),
      })
      .expect(200);
    await as('township')
      .post(`/issues/${closed.ledgerNo}/township-decision`, {
        requestId: randomUUID(),
        decision: 'unfounded',
        explanation: '核实不属实。',
      })
      .expect(200);
    await eventually(
      () => row(closed.ledgerNo),
      (r) => r.status === 'closed',
      'the closed issue',
    );
    // The duplicate has been verified under a request id of its own.
    const verifiedWith = randomUUID();
    await as('village')
      .post(`/issues/${duplicate.ledgerNo}/verification`, {
        requestId: verifiedWith,
        confirmed: true,
        findings: '入户核实：同一儿童，已由学籍比对立案。',
        visitedAt: new Date().toISOString(),
      })
      .expect(200);
    await eventually(
      () => recordSize(duplicate.ledgerNo),
      (n) => n === 3,
      'the verification in the audit trail',
    );

    // Every refusal: 4xx, and neither record grows.
    const before = [await recordSize(duplicate.ledgerNo), await recordSize(survivor.ledgerNo)];
    const body = (into: string, requestId = randomUUID()) => ({
      requestId,
      into,
      reason: '同一儿童重复立案。',
    });
    const refusals: Array<[TestUser, string, object, number, string]> = [
      ['otherTownship', duplicate.ledgerNo, body(survivor.ledgerNo), 403, 'out_of_scope'],
      ['township', duplicate.ledgerNo, body(elsewhere.ledgerNo), 403, 'out_of_scope'],
      ['otherBureau', duplicate.ledgerNo, body(survivor.ledgerNo), 403, 'out_of_scope'],
      ['village', duplicate.ledgerNo, body(survivor.ledgerNo), 403, 'forbidden'],
      ['township', duplicate.ledgerNo, body(water.ledgerNo), 422, 'invalid_field'],
      ['township', duplicate.ledgerNo, body(closed.ledgerNo), 409, 'not_allowed'],
      ['township', duplicate.ledgerNo, body(duplicate.ledgerNo), 422, 'invalid_field'],
      ['township', duplicate.ledgerNo, body('2026-EDU-9999999'), 422, 'invalid_content'],
      [
        'township',
        duplicate.ledgerNo,
        { ...body(survivor.ledgerNo), survivor: {} },
        422,
        'invalid_content',
      ],
      ['township', closed.ledgerNo, body(survivor.ledgerNo), 409, 'wrong_stage'],
      // a request id that already named the verification names no other act
      [
        'township',
        duplicate.ledgerNo,
        body(survivor.ledgerNo, verifiedWith),
        409,
        'request_id_reused',
      ],
    ];
    const answers: string[] = [];
    for (const [user, id, sent, status, error] of refusals) {
      const response = await merge(user, id, sent);
      answers.push(`${user} ${status} ${error} -> ${response.status} ${response.body.error}`);
      expect(typeof response.body.message).toBe('string');
    }
    expect(answers).toEqual(
      refusals.map(
        ([user, , , status, error]) => `${user} ${status} ${error} -> ${status} ${error}`,
      ),
    );
    expect([await recordSize(duplicate.ledgerNo), await recordSize(survivor.ledgerNo)]).toEqual(
      before,
    );
    expect((await row(duplicate.ledgerNo)).status).toBe('open');

    // The merge itself, by the township officer answerable for both.
    const requestId = randomUUID();
    const merged = await merge('township', duplicate.ledgerNo, body(survivor.ledgerNo, requestId));
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ requestId, accepted: true, stage: 'closed', seq: 4 });
    // Resent with its request id: the first answer, nothing more.
    const again = await merge('township', duplicate.ledgerNo, body(survivor.ledgerNo, requestId));
    expect([again.status, again.body.seq, again.body.at]).toEqual([200, 4, merged.body.at]);

    await eventually(
      () => row(duplicate.ledgerNo),
      (r) => r.status === 'closed',
      'the duplicate closed in the ledger',
    );
    expect(await row(duplicate.ledgerNo)).toMatchObject({ stage: 'closed', closure: 'merged' });
    const survivorHistory = await eventually(
      () => history(survivor.ledgerNo),
      (h) => h.timeline.some((e) => e.kind === 'merged_in'),
      "the survivor's merged_in record",
    );
    const mergedIn = survivorHistory.timeline.filter((e) => e.kind === 'merged_in');
    expect(mergedIn).toHaveLength(1);
    expect(mergedIn[0].who).toMatchObject({
      id: `user:${county.users.township.id}`,
      role: 'township',
    });
    expect(mergedIn[0].why).toBe('同一儿童重复立案。');
    expect(mergedIn[0].text).toContain(
      `merged the duplicate ${duplicate.ledgerNo} into this issue`,
    );
    // The duplicate's hand report is linked as evidence on the survivor.
    expect(mergedIn[0].text).toContain(`report:${duplicateReport}`);
    expect((await row(survivor.ledgerNo)).status).toBe('open');
    const duplicateHistory = await history(duplicate.ledgerNo);
    expect(
      duplicateHistory.timeline.filter((e) => e.source === 'audit').map((e) => e.text),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`merged this issue into ${survivor.ledgerNo}`),
        'Closed: merged into the issue it duplicates',
      ]),
    );

    // The ledger: of the two, one open problem.
    const open = await as('township').get('/issues?status=open&pageSize=200').expect(200);
    const ours = (open.body.items as Array<{ ledgerNo: string }>)
      .map((i) => i.ledgerNo)
      .filter((n) => n === survivor.ledgerNo || n === duplicate.ledgerNo);
    expect(ours).toEqual([survivor.ledgerNo]);

    // The month: the duplicate is counted as merged, neither written off nor still open.
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: policy.timeZone,
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7);
    const figures = await eventually(
      async () => {
        const report = await as('supervisor').get(`/reports/monthly/${month}`).expect(200);
        const rows = report.body.rows as Array<{
          townshipCode: string;
          sector: string;
          figures: Record<string, number>;
        }>;
        return rows.find((r) => r.townshipCode === county.townships[0] && r.sector === 'education')
          ?.figures;
      },
      (f) => f?.merged === 1,
      'the merge in the monthly figures',
    );
    // Three reports (survivor, duplicate, the unfounded one), one of them a duplicate: two
    // problems, one still open.
    expect(figures).toMatchObject({
      new: 3,
      merged: 1,
      unfounded: 1,
      writtenOff: 0,
      resolved: 0,
      stillOpen: 1,
    });

    // Events: each said once.
    const published = await eventually(
      () => events([survivor.ledgerNo, duplicate.ledgerNo]),
      (list) => list.some((e) => e.event === 'merged_in'),
      'the events',
    );
    const said = published
      .filter((e) => ['merged', 'merged_in', 'closed', 'written_off'].includes(e.event))
      .map((e) => `${e.ledgerNo} ${e.event} ${JSON.stringify(e.data)}`);
    expect(said).toEqual([
      `${duplicate.ledgerNo} merged ${JSON.stringify({ into: survivor.ledgerNo })}`,
      `${duplicate.ledgerNo} closed ${JSON.stringify({ closure: 'merged' })}`,
      `${survivor.ledgerNo} merged_in ${JSON.stringify({
        duplicate: duplicate.ledgerNo,
        evidenceIds: [`report:${duplicateReport}`],
      })}`,
    ]);
  });
});
