import fc from 'fast-check';
import { randomUUID } from 'crypto';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import {
  encodePathSegment,
  errorShapeProblem,
  hostileValue,
  mutatedBody,
  pathValue,
  plausible,
  resolver,
  systematicBodies,
  type Schema,
} from '../support/fuzz';
import { calmPolicy } from '../support/issue-driver';

/**
 * Property-based fuzz of the County API, driven by its own OpenAPI description: every route
 * with a body or parameters gets hostile values (wrong types, nulls, NUL and control
 * characters, lone surrogates, huge strings, 5,000-deep nesting, impossible dates, prototype
 * keys) as an administrator and as a village cadre. Whatever comes in: never a 5xx, every
 * error in the documented shape, no polluted prototype, and /health still 200 afterwards.
 */
/** random cases a route, besides the known poisons every route gets */
const CASES_PER_ROUTE = 15;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

type Operation = {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

interface Route {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  operation: Operation;
}

describe('fuzzing every API route from its OpenAPI description', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let spec: OpenApi;
  const good: Record<string, string[]> = {};

  beforeAll(async () => {
    stack = await ApiStack.start('fuzz-api', { policy: calmPolicy() });
    county = await seedCounty(stack, 'education');
    const householdId = uniqueId('HH');
    const reported = await stack
      .as(county.tokens.village)
      .post('/issues', {
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: householdId, villageCode: county.villages[0] },
        summary: '未入学。',
        channel: 'hotline',
      })
      .expect(201);
    await eventually(
      () =>
        stack.query('SELECT 1 FROM issue_ledger WHERE issue_key = $1', [reported.body.issueKey]),
      (rows) => rows.length === 1,
      'the ledger row',
    );
    // A user of its own for the user routes, so the fuzz never deactivates the signed-in ones.
    const target = await stack
      .as(county.tokens.admin)
      .post('/admin/users', {
        username: `fuzz${county.suffix}`,
        displayName: 'fuzz target',
        password: 'a long enough password',
        role: 'leader',
      })
      .expect(201);
    Object.assign(good, {
      ledgerNo: [reported.body.ledgerNo as string],
      issueKey: [reported.body.issueKey as string],
      householdId: [householdId],
      id: [target.body.id as string],
      userId: [target.body.id as string],
      code: [county.townships[0], county.villages[0]],
      villageCode: [county.villages[0]],
      townshipCode: [county.townships[0]],
      month: ['2026-03'],
      sector: ['education'],
    });
    spec = (await stack.http.get('/docs/openapi.json').expect(200)).body as OpenApi;
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Routes with a JSON body or parameters; the console's static files and /docs are not API. */
  const routes = (): Route[] =>
    Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
        .map(([method, operation]) => ({ method, path, operation }) as Route)
        .filter(
          (r) =>
            !r.path.startsWith('/console/{') &&
            (r.operation.requestBody !== undefined ||
              (r.operation.parameters ?? []).some((p) => p.in !== 'header')),
        ),
    );

  it('declares the routes it fuzzes', () => {
    expect(routes().length).toBeGreaterThan(15);
  });

  it('answers every hostile request with a 4xx in the documented shape (or a 2xx), never a 5xx', async () => {
    const resolve = resolver(spec.components?.schemas ?? {});
    const failures: string[] = [];
    const answered: Record<string, number> = {};
    let systematic = 0;
    const started = Date.now();
    for (const route of routes()) {
      const params = route.operation.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
      const base = bodySchema ? plausible(bodySchema, resolve) : undefined;

      const request = fc.record({
        path: fc.tuple(...pathParams.map((p) => pathValue(good[p.name] ?? []))),
        query: queryParams.length
          ? fc.tuple(fc.constantFrom(...queryParams.map((p) => p.name)), hostileValue)
          : fc.constant(undefined),
        body: base !== undefined ? mutatedBody(base) : fc.constant(undefined),
        asAdmin: fc.boolean(),
      });

      const send = async (c: {
        path: string[];
        query?: [string, unknown];
        body?: string;
        asAdmin: boolean;
      }) => {
        let url = route.path;
        pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, c.path[i])));
        let call = stack.http[route.method](url)
          .set('Authorization', `Bearer ${c.asAdmin ? county.tokens.admin : county.tokens.village}`)
          .set('Accept-Language', 'en');
        if (c.query) {
          const [name, value] = c.query;
          call = call.query({ [name]: typeof value === 'string' ? value : JSON.stringify(value) });
        }
        if (c.body !== undefined) call = call.set('Content-Type', 'application/json').send(c.body);
        const response = await call;
        const family = `${Math.floor(response.status / 100)}xx`;
        answered[family] = (answered[family] ?? 0) + 1;
        const where = `${route.method.toUpperCase()} ${url.slice(0, 120)}`;
        if (response.status >= 500) {
          failures.push(`${where} -> ${response.status} ${response.text.slice(0, 300)}`);
        } else if (response.status >= 400) {
          const problem = errorShapeProblem(response.status, response.body);
          if (problem) failures.push(`${where} -> ${response.status}: ${problem}`);
        }
      };

      // The known poisons, each time, with good path parameters, as an administrator.
      const goodPath = pathParams.map((p) => encodePathSegment((good[p.name] ?? ['x'])[0]));
      for (const body of base !== undefined ? systematicBodies(base) : []) {
        await send({ path: goodPath, body, asAdmin: true });
        systematic += 1;
      }
      for (const p of queryParams) {
        for (const value of ['a\u0000b', 'a\ud800b', '2026-02-30', '-1', 'x'.repeat(5000)]) {
          await send({ path: goodPath, query: [p.name, value], asAdmin: true });
          systematic += 1;
        }
      }
      // Then random ones, as either user.
      await fc.assert(
        fc.asyncProperty(request, async (c) => {
          await send(c);
          return true;
        }),
        { numRuns: CASES_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    // Every case was sent, and most were refused: the values are hostile, not merely odd.
    const sent = Object.values(answered).reduce((a, b) => a + b, 0);
    expect(sent).toBe(routes().length * CASES_PER_ROUTE + systematic);
    expect(answered['4xx']).toBeGreaterThan(sent / 2);
    // Whatever a body held, no object of the process was given a key through its prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stack.http.get('/health').expect(200);
    // About a minute on an idle machine; the bound leaves room for a loaded CI, not for growth.
    expect(Date.now() - started).toBeLessThan(180_000);
  });
});
