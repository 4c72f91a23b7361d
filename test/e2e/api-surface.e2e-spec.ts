import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import type { LedgerIssueView, Page } from '../../apps/api/src/issues/issue-views';
import { ApiStack, eventually } from '../support/api-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** What a newcomer meets first: the OpenAPI page, security headers, sign-in limits, the demo. */
describe('the API surface', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await ApiStack.start('api-surface', { env: { SIGN_IN_RATE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('publishes OpenAPI at /docs with every act and examples', async () => {
    const page = await stack.http.get('/docs').redirects(1).expect(200);
    expect(page.text).toMatch(/swagger-ui/i);
    const spec = (await stack.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
      components: {
        schemas: Record<string, { properties: Record<string, { example?: unknown }> }>;
      };
    };
    for (const act of [
      'verification',
      'township-decision',
      'solution-plan',
      'progress-notes',
      'completion',
      'extension-request',
      'leader-votes',
      'write-off-check',
    ]) {
      expect(spec.paths[`/issues/{id}/${act}`]?.post).toBeDefined();
    }
    expect(spec.components.schemas.VerificationDto.properties.findings.example).toEqual(
      expect.any(String),
    );
    expect(spec.components.schemas.ReportIssueDto.properties.channel.example).toBe('hotline');
  });

  it('sends security headers and a request id, and keeps the caller’s well-formed one', async () => {
    const response = await stack.http.get('/health').set('X-Request-Id', 'caller-trace-0001');
    expect(response.headers['x-request-id']).toBe('caller-trace-0001');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    const odd = await stack.http.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('seeds a demo county a newcomer can sign in to, with issues in every stage', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: stack.config.database.url,
      TEMPORAL_ADDRESS: stack.config.temporal.address,
      TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
      NATS_PREFIX: stack.config.nats.prefix,
    };
    const args = [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/api/src/cli/seed-demo.ts',
    ];
    const first = await run(process.execPath, args, { cwd: ROOT, env, timeout: 120_000 });
    expect(first.stdout).toMatch(/demo county ready/);
    expect(first.stdout).toMatch(/wangfang\s+village\s+511921101201/);
    // Seeding again changes nothing and still succeeds.
    await run(process.execPath, args, { cwd: ROOT, env, timeout: 120_000 });

    const token = (username: string) => stack.signIn(username, 'sanbao-demo-2026');
    const supervisor = await token('zhoujie');
    const ledger = await eventually(
      () =>
        stack.http
          .get('/issues?townshipCode=511921101&pageSize=200')
          .set('Authorization', `Bearer ${supervisor}`)
          .then((r) => r.body as Page<LedgerIssueView>),
      (page) => page.items.length >= 5,
      'the demo issues of 城关镇 in the ledger',
    );
    const all = (
      await stack.http
        .get('/issues?pageSize=200')
        .set('Authorization', `Bearer ${supervisor}`)
        .expect(200)
    ).body as Page<LedgerIssueView>;
    const demo = all.items.filter((i) => i.subject.id.startsWith('HH-DEMO-'));
    expect(demo).toHaveLength(8);
    expect(new Set(demo.map((i) => i.stage))).toEqual(
      new Set([
        'verification',
        'township_decision',
        'solution_plan',
        'resolution',
        'write_off',
        'closed',
      ]),
    );
    expect(ledger.items.length).toBeGreaterThanOrEqual(5);
    const village = await token('wangfang');
    const work = await stack.http
      .get('/my-work')
      .set('Authorization', `Bearer ${village}`)
      .expect(200);
    expect((work.body as Array<{ task: string }>).map((w) => w.task)).toContain('verification');
    const leader = await token('leader-xu');
    const votes = await stack.http
      .get('/extensions?status=awaiting')
      .set('Authorization', `Bearer ${leader}`)
      .expect(200);
    // Other suites share the database and may leave extensions of their own awaiting votes.
    const demoVotes = (votes.body as Array<{ issueKey: string }>).filter((e) =>
      e.issueKey.includes(':HH-DEMO-'),
    );
    expect(demoVotes).toHaveLength(1);
  });

  // Last: it spends this address's sign-in allowance for the minute.
  it('limits sign-in attempts from one address', async () => {
    const attempt = () =>
      stack.http.post('/auth/sign-in').send({ username: 'nobody-here', password: 'guessing-1234' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    // Three attempts a minute (the seed test above signed in too): then 429 until the minute ends.
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(3);
    expect(statuses.slice(0, first).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const limited = await attempt();
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
  });
});
