import { JwtService } from '@nestjs/jwt';
import type { ActName, Stage } from '@sanbao/domain';
import { randomUUID } from 'crypto';
import {
  ApiStack,
  eventually,
  PASSWORD,
  seedCounty,
  type TestCounty,
  type TestUser,
} from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';

/** Each act's route, the role that may do it and the stage it belongs to. */
const ACTS: Array<{ act: ActName; path: string; role: string; stage: Stage }> = [
  { act: 'verification', path: 'verification', role: 'village', stage: 'verification' },
  {
    act: 'townshipDecision',
    path: 'township-decision',
    role: 'township',
    stage: 'township_decision',
  },
  { act: 'solutionPlan', path: 'solution-plan', role: 'bureau', stage: 'solution_plan' },
  { act: 'progressNote', path: 'progress-notes', role: 'bureau', stage: 'resolution' },
  { act: 'completion', path: 'completion', role: 'bureau', stage: 'resolution' },
  { act: 'extensionRequest', path: 'extension-request', role: 'bureau', stage: 'resolution' },
  { act: 'leaderVote', path: 'leader-votes', role: 'leader', stage: 'resolution' },
  { act: 'writeOffCheck', path: 'write-off-check', role: 'township', stage: 'write_off' },
];

/** Every kind of caller: each role, inside the issue's scope and (where a role has one) outside. */
const CALLERS: Array<{ user: TestUser; role: string; inScope: boolean }> = [
  { user: 'village', role: 'village', inScope: true },
  { user: 'otherVillage', role: 'village', inScope: false },
  { user: 'township', role: 'township', inScope: true },
  { user: 'otherTownship', role: 'township', inScope: false },
  { user: 'bureau', role: 'bureau', inScope: true },
  { user: 'otherBureau', role: 'bureau', inScope: false },
  { user: 'leader1', role: 'leader', inScope: true },
  { user: 'supervisor', role: 'supervisor', inScope: true },
  { user: 'admin', role: 'admin', inScope: true },
];

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** A valid body for each act, so that only role, scope and stage decide the answer. */
function validBody(act: ActName): Record<string, unknown> {
  switch (act) {
    case 'verification':
      return { confirmed: true, findings: '核实属实。', visitedAt: new Date().toISOString() };
    case 'townshipDecision':
      return { decision: 'forward', explanation: '转县主管部门。' };
    case 'solutionPlan':
      return {
        responsiblePerson: '陈敏',
        responsibleUnit: '县教科局',
        measures: ['送教上门'],
        completionDate: inSeconds(900),
        severity: 'major',
      };
    case 'progressNote':
      return { note: '进展顺利。' };
    case 'completion':
      return { outcome: '已解决。', evidenceRefs: ['ref-1'] };
    case 'extensionRequest':
      return {
        newDeadline: inSeconds(3000),
        reason: '需更多时间。',
        milestones: [{ description: '第一阶段', dueDate: inSeconds(2000) }],
      };
    case 'leaderVote':
      return { approve: true, comment: '同意。' };
    case 'writeOffCheck':
      return { result: 'resolved', reason: '回访确认。' };
    case 'merge':
      return { into: '2026-EDU-999999', reason: '重复立案。' };
    case 'sendBack':
      return { reason: '不属本村。' };
    case 'reroute':
      return { reason: '转至所在村。', villageCode: '511921102201' };
  }
}

/**
 * The answer a caller must get: 403 for a role the act is not for, or (at the act's stage) a
 * scope that is not the issue's; 409 at any other stage; undefined where the act is allowed.
 */
function expected(act: (typeof ACTS)[number], caller: (typeof CALLERS)[number], stage: Stage) {
  if (caller.role !== act.role) return 403;
  if (stage !== act.stage) return 409;
  if (!caller.inScope) return 403;
  return undefined;
}

describe('who may do what: every act x every role x inside and outside the scope', () => {
  let stack: ApiStack;
  let county: TestCounty;

  beforeAll(async () => {
    stack = await ApiStack.start('api-perm', { policy: calmPolicy({ leaderQuorum: 1 }) });
    county = await seedCounty(stack, 'education');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const post = (user: TestUser, path: string, body: object) =>
    stack.http.post(path).set('Authorization', `Bearer ${county.tokens[user]}`).send(body);
  const recordSize = async (issueKey: string) =>
    Number(
      (
        await stack.query<{ n: string }>(
          'SELECT count(*) AS n FROM issue_audit WHERE issue_key = $1',
          [issueKey],
        )
      )[0].n,
    );

  async function refusalsAt(ledgerNo: string, issueKey: string, stage: Stage) {
    const before = await recordSize(issueKey);
    const answers: string[] = [];
    const wanted: string[] = [];
    for (const act of ACTS) {
      for (const caller of CALLERS) {
        const status = expected(act, caller, stage);
        if (status === undefined) continue;
        const response = await post(caller.user, `/issues/${ledgerNo}/${act.path}`, {
          requestId: randomUUID(),
          ...validBody(act.act),
        });
        answers.push(`${stage} ${act.act} by ${caller.user}: ${response.status}`);
        wanted.push(`${stage} ${act.act} by ${caller.user}: ${status}`);
        expect(typeof response.body.message).toBe('string');
      }
    }
    expect(answers).toEqual(wanted);
    // A refused act leaves no trace: the record did not grow.
    expect(await recordSize(issueKey)).toBe(before);
  }

  async function allowed(user: TestUser, ledgerNo: string, act: ActName, stageAfter: Stage) {
    const path = ACTS.find((a) => a.act === act)?.path as string;
    const response = await post(user, `/issues/${ledgerNo}/${path}`, {
      requestId: randomUUID(),
      ...validBody(act),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: true, stage: stageAfter });
  }

  it('answers 403 for the wrong role or scope and 409 for the wrong stage, at every stage', async () => {
    const reported = await post('village', '/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'not_enrolled',
      subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
      summary: '热线反映：适龄儿童未入学。',
      channel: 'hotline',
    }).expect(201);
    const { ledgerNo, issueKey } = reported.body as { ledgerNo: string; issueKey: string };
    await eventually(
      () =>
        stack.http
          .get(`/issues/${ledgerNo}`)
          .set('Authorization', `Bearer ${county.tokens.supervisor}`),
      (r) => r.status === 200,
      'the ledger row',
    );

    await refusalsAt(ledgerNo, issueKey, 'verification');
    await allowed('village', ledgerNo, 'verification', 'township_decision');
    await refusalsAt(ledgerNo, issueKey, 'township_decision');
    await allowed('township', ledgerNo, 'townshipDecision', 'solution_plan');
    await refusalsAt(ledgerNo, issueKey, 'solution_plan');
    await allowed('bureau', ledgerNo, 'solutionPlan', 'resolution');
    await refusalsAt(ledgerNo, issueKey, 'resolution');
    // At resolution the right people may act; a vote needs an open extension request first.
    const early = await post('leader1', `/issues/${ledgerNo}/leader-votes`, {
      requestId: randomUUID(),
      ...validBody('leaderVote'),
    });
    expect([early.status, early.body.error]).toEqual([409, 'not_allowed']);
    await allowed('bureau', ledgerNo, 'progressNote', 'resolution');
    await allowed('bureau', ledgerNo, 'extensionRequest', 'resolution');
    await allowed('leader1', ledgerNo, 'leaderVote', 'resolution');
    await allowed('bureau', ledgerNo, 'completion', 'write_off');
    await refusalsAt(ledgerNo, issueKey, 'write_off');
    await allowed('township', ledgerNo, 'writeOffCheck', 'closed');
    await eventually(
      () =>
        stack.http
          .get(`/issues/${ledgerNo}`)
          .set('Authorization', `Bearer ${county.tokens.supervisor}`),
      (r) => r.body.status === 'closed',
      'the closed issue',
    );
    await refusalsAt(ledgerNo, issueKey, 'closed');
  });

  it('lets only village, township and bureau people report, each inside their own scope', async () => {
    // A kind of the sector's own catalogue, so that only the scope can refuse the report.
    const KIND = { education: 'not_enrolled', water: 'outage' } as const;
    const body = (villageCode: string, sector: keyof typeof KIND = 'education') => ({
      requestId: randomUUID(),
      sector,
      kind: KIND[sector],
      subject: { kind: 'household', id: uniqueId('HH'), villageCode },
      summary: '反映问题。',
      channel: 'household',
    });
    const [v1, v2, v3] = county.villages;
    const cases: Array<[TestUser, object, number]> = [
      ['village', body(v1), 201],
      ['village', body(v2), 403],
      ['otherVillage', body(v1), 403],
      ['township', body(v2), 201],
      ['township', body(v3), 403],
      ['otherTownship', body(v3), 201],
      ['bureau', body(v3, 'education'), 201],
      ['bureau', body(v3, 'water'), 403],
      ['leader1', body(v1), 403],
      ['supervisor', body(v1), 403],
      ['admin', body(v1), 403],
    ];
    const answers = [];
    for (const [user, payload] of cases) {
      answers.push([user, (await post(user, '/issues', payload)).status]);
    }
    expect(answers).toEqual(cases.map(([user, , status]) => [user, status]));
  });

  it('keeps each reader inside their scope and administrators out of the ledger', async () => {
    const get = (user: TestUser, path: string) =>
      stack.http.get(path).set('Authorization', `Bearer ${county.tokens[user]}`);
    const ledger = await get('otherVillage', '/issues?pageSize=200').expect(200);
    for (const item of ledger.body.items as Array<{ villageCode: string }>) {
      expect(item.villageCode).toBe(county.villages[1]);
    }
    const water = await get('otherBureau', '/issues?pageSize=200').expect(200);
    for (const item of water.body.items as Array<{ sector: string }>) {
      expect(item.sector).not.toBe('education');
    }
    expect((await get('admin', '/issues')).status).toBe(403);
    expect((await get('village', '/accountability')).status).toBe(403);
    expect((await get('bureau', '/extensions')).status).toBe(403);
    const some = (
      await get('supervisor', `/issues?pageSize=1&townshipCode=${county.townships[0]}`).expect(200)
    ).body.items[0] as {
      ledgerNo: string;
      townshipCode: string;
    };
    expect(some.townshipCode).toBe(county.townships[0]);
    expect((await get('otherTownship', `/issues/${some.ledgerNo}`)).status).toBe(403);
    expect((await get('township', `/issues/${some.ledgerNo}`)).status).toBe(200);
    expect((await get('township', `/issues/${some.ledgerNo}/history`)).status).toBe(403);
    expect((await get('supervisor', `/issues/${some.ledgerNo}/history`)).status).toBe(200);
    // Only administrators manage people and divisions.
    expect((await get('supervisor', '/admin/users')).status).toBe(403);
    expect((await post('leader1', '/townships', { code: '999999999', name: 'x' })).status).toBe(
      403,
    );
  });

  it('refuses no token, an expired token, a forged token and a deactivated user with 401', async () => {
    const routes: Array<['get' | 'post', string]> = [
      ['get', '/auth/me'],
      ['get', '/my-work'],
      ['get', '/issues'],
      ['get', '/townships'],
      ['get', '/admin/users'],
      ['get', '/reports/monthly/2026-01'],
      ...ACTS.map((a): ['post', string] => ['post', `/issues/2026-EDU-000001/${a.path}`]),
      ['post', '/issues'],
    ];
    const userId = county.users.village.id;
    const now = Math.floor(Date.now() / 1000);
    const right = new JwtService({ secret: stack.config.auth.jwtSecret });
    const expired = right.sign({ sub: userId, typ: 'access', iat: now - 100, exp: now - 10 });
    const forged = new JwtService({ secret: 'someone-elses-secret-of-enough-length-0000' }).sign({
      sub: userId,
      typ: 'access',
    });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: userId, typ: 'access', iat: now }),
    ).toString('base64url')}.`;
    const tokens: Array<[string, string | undefined]> = [
      ['none', undefined],
      ['expired', expired],
      ['forged', forged],
      ['unsigned', unsigned],
      ['garbage', 'not-a-token'],
    ];
    const answers: string[] = [];
    for (const [method, path] of routes) {
      for (const [kind, token] of tokens) {
        const call = stack.http[method](path);
        if (token) call.set('Authorization', `Bearer ${token}`);
        const response = await (method === 'post' ? call.send({}) : call);
        answers.push(`${method} ${path} ${kind}: ${response.status} ${response.body.error}`);
      }
    }
    expect(answers).toEqual(
      routes.flatMap(([method, path]) =>
        tokens.map(([kind]) => `${method} ${path} ${kind}: 401 unauthenticated`),
      ),
    );
    // A valid token of the same user works; once the user is deactivated it does not.
    const user = await stack.signIn(county.users.otherTownship.username, PASSWORD);
    await stack.http.get('/auth/me').set('Authorization', `Bearer ${user}`).expect(200);
    await stack.http
      .patch(`/admin/users/${county.users.otherTownship.id}`)
      .set('Authorization', `Bearer ${county.tokens.admin}`)
      .send({ active: false })
      .expect(200);
    const after = await stack.http.get('/auth/me').set('Authorization', `Bearer ${user}`);
    expect(after.status).toBe(401);
    const again = await stack.http
      .post('/auth/sign-in')
      .send({ username: county.users.otherTownship.username, password: PASSWORD });
    expect(again.status).toBe(401);
  });

  it('opens health and sign-in without a token, and answers a wrong password like an unknown user', async () => {
    await stack.http.get('/health').expect(200);
    const wrong = await stack.http
      .post('/auth/sign-in')
      .send({ username: county.users.village.username, password: 'wrong-password-1' });
    const unknown = await stack.http
      .post('/auth/sign-in')
      .send({ username: 'nobody-here', password: 'wrong-password-1' });
    expect([wrong.status, wrong.body.message]).toEqual([unknown.status, unknown.body.message]);
    expect(wrong.status).toBe(401);
  });
});
