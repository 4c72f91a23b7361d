import { randomUUID } from 'crypto';
import {
  ApiStack,
  eventually,
  seedCounty,
  type TestCounty,
  type TestUser,
} from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';

interface BodyRoute {
  name: string;
  method: 'post' | 'patch';
  path: () => string;
  user: TestUser | 'anyone';
  body: () => Record<string, unknown>;
  optional?: string[];
}

/** A value of the wrong type for a field that holds `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'twelve';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not-a-list';
  return 'not-an-object';
}

describe('bad input on every route: a 4xx naming the fields, nothing changed, never a 5xx', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let ledgerNo: string;
  let issueKey: string;
  const soon = () => new Date(Date.now() + 600_000).toISOString();

  beforeAll(async () => {
    stack = await ApiStack.start('api-bad', {
      policy: calmPolicy(),
      env: { API_BODY_LIMIT_KB: '16' },
    });
    county = await seedCounty(stack, 'education');
    const reported = await stack.http
      .post('/issues')
      .set('Authorization', `Bearer ${county.tokens.village}`)
      .send({
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
        summary: '未入学。',
        channel: 'hotline',
      })
      .expect(201);
    ledgerNo = reported.body.ledgerNo;
    issueKey = reported.body.issueKey;
    await eventually(
      () => stack.query('SELECT 1 FROM issue_ledger WHERE issue_key = $1', [issueKey]),
      (rows) => rows.length === 1,
      'the ledger row',
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  const routes = (): BodyRoute[] => [
    {
      name: 'sign-in',
      method: 'post',
      path: () => '/auth/sign-in',
      user: 'anyone',
      body: () => ({ username: 'someone', password: 'some-password' }),
    },
    {
      name: 'change password',
      method: 'post',
      path: () => '/auth/password',
      user: 'supervisor',
      body: () => ({ currentPassword: 'not-the-password', newPassword: 'a-new-long-password' }),
    },
    {
      name: 'create user',
      method: 'post',
      path: () => '/admin/users',
      user: 'admin',
      body: () => ({
        username: `u${uniqueId('x')
          .replace(/[^a-z0-9]/g, '')
          .slice(-10)}`,
        displayName: '新用户',
        password: 'a-long-password',
        role: 'village',
        villageCode: county.villages[0],
      }),
      optional: ['villageCode'],
    },
    {
      name: 'update user',
      method: 'patch',
      path: () => `/admin/users/${county.users.otherVillage.id}`,
      user: 'admin',
      body: () => ({ displayName: '改名', active: true }),
      optional: ['displayName', 'active'],
    },
    {
      name: 'correct a month',
      method: 'post',
      path: () => '/reports/monthly/2025-02/corrections',
      user: 'supervisor',
      body: () => ({ requestId: randomUUID(), reason: '补录后重新统计。' }),
    },
    {
      name: 'create township',
      method: 'post',
      path: () => '/townships',
      user: 'admin',
      body: () => ({ code: '399999999', name: '新乡' }),
    },
    {
      name: 'rename township',
      method: 'patch',
      path: () => `/townships/${county.townships[0]}`,
      user: 'admin',
      body: () => ({ name: '新名' }),
    },
    {
      name: 'create village',
      method: 'post',
      path: () => '/villages',
      user: 'admin',
      body: () => ({ code: `${county.townships[0]}299`, name: '新村' }),
    },
    {
      name: 'rename village',
      method: 'patch',
      path: () => `/villages/${county.villages[0]}`,
      user: 'admin',
      body: () => ({ name: '新村名' }),
    },
    {
      name: 'report',
      method: 'post',
      path: () => '/issues',
      user: 'village',
      body: () => ({
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
        summary: '未入学。',
        channel: 'hotline',
      }),
    },
    {
      name: 'verification',
      method: 'post',
      path: () => `/issues/${ledgerNo}/verification`,
      user: 'village',
      body: () => ({
        requestId: randomUUID(),
        confirmed: true,
        findings: '属实。',
        visitedAt: new Date().toISOString(),
      }),
    },
    {
      name: 'township decision',
      method: 'post',
      path: () => `/issues/${ledgerNo}/township-decision`,
      user: 'township',
      body: () => ({ requestId: randomUUID(), decision: 'forward', explanation: '转办。' }),
    },
    {
      name: 'solution plan',
      method: 'post',
      path: () => `/issues/${ledgerNo}/solution-plan`,
      user: 'bureau',
      body: () => ({
        requestId: randomUUID(),
        responsiblePerson: '陈敏',
        responsibleUnit: '县教科局',
        measures: ['措施'],
        completionDate: soon(),
        severity: 'general',
      }),
    },
    {
      name: 'progress note',
      method: 'post',
      path: () => `/issues/${ledgerNo}/progress-notes`,
      user: 'bureau',
      body: () => ({ requestId: randomUUID(), note: '进展。' }),
    },
    {
      name: 'completion',
      method: 'post',
      path: () => `/issues/${ledgerNo}/completion`,
      user: 'bureau',
      body: () => ({ requestId: randomUUID(), outcome: '完成。', evidenceRefs: ['r1'] }),
    },
    {
      name: 'extension request',
      method: 'post',
      path: () => `/issues/${ledgerNo}/extension-request`,
      user: 'bureau',
      body: () => ({
        requestId: randomUUID(),
        newDeadline: soon(),
        reason: '延期。',
        milestones: [{ description: '节点', dueDate: soon() }],
      }),
    },
    {
      name: 'leader vote',
      method: 'post',
      path: () => `/issues/${ledgerNo}/leader-votes`,
      user: 'leader1',
      body: () => ({ requestId: randomUUID(), approve: true, comment: '同意。' }),
    },
    {
      name: 'write-off check',
      method: 'post',
      path: () => `/issues/${ledgerNo}/write-off-check`,
      user: 'township',
      body: () => ({ requestId: randomUUID(), result: 'resolved', reason: '已解决。' }),
      optional: ['reason'],
    },
  ];

  const send = (route: BodyRoute, body: unknown, raw = false) => {
    const call = stack.http[route.method](route.path());
    if (route.user !== 'anyone') call.set('Authorization', `Bearer ${county.tokens[route.user]}`);
    if (raw) return call.set('Content-Type', 'application/json').send(body as string);
    return call.send(body as object);
  };

  async function snapshot() {
    const [row] = await stack.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM app_user) AS users,
             (SELECT max(updated_at)::text FROM app_user) AS users_changed,
             (SELECT count(*) FROM township) AS townships,
             (SELECT string_agg(name, ',' ORDER BY code) FROM township) AS township_names,
             (SELECT count(*) FROM village) AS villages,
             (SELECT string_agg(name, ',' ORDER BY code) FROM village) AS village_names,
             (SELECT count(*) FROM issue_ledger) AS issues,
             (SELECT count(*) FROM issue_audit) AS records`);
    return row;
  }

  it('refuses unknown, wrongly typed and missing fields with 422 and the field names', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    const check = (what: string, status: number, body: Record<string, unknown>, field: string) => {
      const fields = (body.fields ?? {}) as Record<string, string[]>;
      const named = Object.keys(fields).some((f) => f === field || f.startsWith(`${field}.`));
      if (status !== 422 || !named) problems.push(`${what}: ${status} ${JSON.stringify(body)}`);
    };
    for (const route of routes()) {
      const unknown = await send(route, { ...route.body(), sneaky: 'x' });
      check(`${route.name} +sneaky`, unknown.status, unknown.body, 'sneaky');
      for (const [field, value] of Object.entries(route.body())) {
        const wrong = await send(route, { ...route.body(), [field]: wrongType(value) });
        check(`${route.name} ${field} wrong type`, wrong.status, wrong.body, field);
        if (route.optional?.includes(field)) continue;
        const body = route.body();
        delete body[field];
        const missing = await send(route, body);
        check(`${route.name} ${field} missing`, missing.status, missing.body, field);
      }
    }
    // Nested fields are named with their path.
    const nested = routes().find((r) => r.name === 'report') as BodyRoute;
    const deep = await send(nested, {
      ...nested.body(),
      subject: { kind: 'household', id: 'H-1', villageCode: '12' },
    });
    check('report subject.villageCode', deep.status, deep.body, 'subject.villageCode');
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bodies that are not JSON, too deep or too large, with 400 and 413', async () => {
    const before = await snapshot();
    const answers: string[] = [];
    for (const route of routes()) {
      const broken = await send(route, '{"requestId": ', true);
      answers.push(
        `${route.name} broken ${broken.status} ${Object.keys(broken.body.fields ?? {}).join()}`,
      );
      // 5,000 levels in 10 kB: refused before any transform could overflow the stack.
      const deep = await send(route, `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, true);
      answers.push(
        `${route.name} deep ${deep.status} ${Object.keys(deep.body.fields ?? {}).join()}`,
      );
      const huge = await send(route, { ...route.body(), padding: 'x'.repeat(17 * 1024) });
      answers.push(
        `${route.name} huge ${huge.status} ${Object.keys(huge.body.fields ?? {}).join()}`,
      );
    }
    expect(answers).toEqual(
      routes().flatMap((r) => [
        `${r.name} broken 400 body`,
        `${r.name} deep 400 body`,
        `${r.name} huge 413 body`,
      ]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad ids, months and query values with 400 or 422 naming them', async () => {
    const before = await snapshot();
    const get = (user: TestUser, path: string) =>
      stack.http.get(path).set('Authorization', `Bearer ${county.tokens[user]}`);
    const cases: Array<[TestUser, string, number, string]> = [
      ['supervisor', '/issues/not-an-id', 400, 'id'],
      ['supervisor', "/issues/1'%3B DROP TABLE issue_ledger--", 400, 'id'],
      ['supervisor', '/issues/not-an-id/history', 400, 'id'],
      ['supervisor', '/issues/not-an-id/history/raw', 400, 'id'],
      ['supervisor', '/households/%E6%88%B7/issues', 400, 'householdId'],
      ['admin', '/admin/users/not-a-uuid', 400, 'id'],
      ['supervisor', '/reports/monthly/2026-13', 400, 'month'],
      ['supervisor', '/reports/monthly/2026-01?format=pdf', 422, 'format'],
      ['supervisor', '/issues?pageSize=0', 422, 'pageSize'],
      ['supervisor', '/issues?pageSize=many', 422, 'pageSize'],
      ['supervisor', '/issues?stage=finished', 422, 'stage'],
      ['supervisor', '/issues?reportedFrom=yesterday', 422, 'reportedFrom'],
      ['supervisor', '/issues?townshipCode=12', 422, 'townshipCode'],
      ['supervisor', '/issues?unknown=1', 422, 'unknown'],
      ['supervisor', '/extensions?status=maybe', 422, 'status'],
      ['supervisor', '/accountability?from=soon', 422, 'from'],
      ['admin', '/admin/users?active=perhaps', 422, 'active'],
      ['admin', '/villages?townshipCode=abc', 422, 'townshipCode'],
    ];
    const answers: string[] = [];
    for (const [user, path] of cases) {
      const response = await get(user, path);
      answers.push(`${path} ${response.status} ${Object.keys(response.body.fields ?? {}).join()}`);
    }
    expect(answers).toEqual(cases.map(([, path, status, field]) => `${path} ${status} ${field}`));
    const act = (path: string) =>
      stack.http
        .post(`/issues/${path}/verification`)
        .set('Authorization', `Bearer ${county.tokens.village}`)
        .send({
          requestId: randomUUID(),
          confirmed: true,
          findings: 'x',
          visitedAt: new Date().toISOString(),
        });
    expect((await act('not-an-id')).status).toBe(400);
    // Well-formed but unknown: 404.
    expect((await act('2026-EDU-999999')).status).toBe(404);
    expect((await get('supervisor', '/issues/2026-EDU-999999')).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("answers the workflow validator's refusal of the content with 422 and the field", async () => {
    const before = await snapshot();
    const response = await stack.http
      .post(`/issues/${ledgerNo}/verification`)
      .set('Authorization', `Bearer ${county.tokens.village}`)
      .send({
        requestId: randomUUID(),
        confirmed: true,
        findings: '属实。',
        visitedAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      error: 'invalid_field',
      fields: { visitedAt: [expect.stringMatching(/future/)] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('answers refused user changes with their fields, and a taken username with 409', async () => {
    const before = await snapshot();
    const admin = (body: object) =>
      stack.http
        .post('/admin/users')
        .set('Authorization', `Bearer ${county.tokens.admin}`)
        .send(body);
    const base = { displayName: 'x', password: 'a-long-password' };
    const noScope = await admin({ ...base, username: 'scopeless1', role: 'village' });
    expect([noScope.status, Object.keys(noScope.body.fields)]).toEqual([422, ['villageCode']]);
    const foreign = await admin({
      ...base,
      username: 'scopeless2',
      role: 'village',
      villageCode: '999999999999',
    });
    expect([foreign.status, Object.keys(foreign.body.fields)]).toEqual([422, ['villageCode']]);
    const mixed = await admin({ ...base, username: 'scopeless3', role: 'leader', sector: 'water' });
    expect([mixed.status, Object.keys(mixed.body.fields)]).toEqual([422, ['sector']]);
    const taken = await admin({ ...base, username: county.users.village.username, role: 'leader' });
    expect(taken.status).toBe(409);
    const shortPassword = await admin({
      ...base,
      username: 'scopeless4',
      role: 'leader',
      password: 'short',
    });
    expect([shortPassword.status, Object.keys(shortPassword.body.fields)]).toEqual([
      422,
      ['password'],
    ]);
    expect(await snapshot()).toEqual(before);
  });
});
