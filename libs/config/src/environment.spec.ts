import { DEFAULT_DEADLINE_POLICY } from '@sanbao/domain';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills every default when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/sanbao');
    expect(config.nats).toEqual({ servers: ['nats://127.0.0.1:4222'], prefix: 'sanbao' });
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.ports.api).toBe(3000);
    expect(config.ports.water).toBe(3006);
  });

  it('reads ports as numbers and several NATS servers', () => {
    const config = loadConfig({ API_PORT: '8080', NATS_URL: 'nats://a:1,nats://b:2' });
    expect(config.ports.api).toBe(8080);
    expect(config.nats.servers).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('names each bad variable and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://root:s3cret@db/x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/API_PORT/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(message).not.toMatch(/s3cret/);
  });
});

describe('loadConfig: DEADLINE_POLICY_FILE', () => {
  let dir: string;
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('loadConfig accepted the configuration');
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanbao-policy-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the county default when the variable is unset', () => {
    expect(loadConfig({}).deadlinePolicy).toEqual(DEFAULT_DEADLINE_POLICY);
  });

  it('lays a partial policy over the default, merging limits stage by stage', () => {
    const file = write(
      'good.json',
      JSON.stringify({
        version: 'county-2026-2',
        dayKind: 'working',
        limits: { verification: { hours: 12 } },
        leaderQuorum: 5,
      }),
    );
    const policy = loadConfig({ DEADLINE_POLICY_FILE: file }).deadlinePolicy;
    expect(policy).toMatchObject({
      version: 'county-2026-2',
      dayKind: 'working',
      leaderQuorum: 5,
      timeZone: 'Asia/Shanghai',
      countFrom: 'handover',
    });
    expect(policy.limits.verification).toEqual({ hours: 12 });
    expect(policy.limits.majorResolution).toEqual({ months: 1 });
    expect(policy.holidays).toEqual(DEFAULT_DEADLINE_POLICY.holidays);
  });

  it('accepts the example file shipped in deploy/local', () => {
    const example = path.resolve(__dirname, '../../../deploy/local/deadline-policy.example.json');
    expect(loadConfig({ DEADLINE_POLICY_FILE: example }).deadlinePolicy.dayKind).toBe('working');
  });

  it('stops start-up naming the variable and each bad field', () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        version: 'county-2026-3',
        timeZone: 'Beijing',
        limits: { solutionPlan: { days: -5 } },
      }),
    );
    const message = problemsOf({ DEADLINE_POLICY_FILE: file });
    expect(message).toMatch(
      /DEADLINE_POLICY_FILE: timeZone: must be an IANA time zone such as Asia\/Shanghai/,
    );
    expect(message).toMatch(
      /DEADLINE_POLICY_FILE: limits\.solutionPlan\.days: must be a whole number >= 0/,
    );
  });

  it('requires changed rules to carry their own version', () => {
    const file = write('unversioned.json', JSON.stringify({ dayKind: 'working' }));
    expect(problemsOf({ DEADLINE_POLICY_FILE: file })).toMatch(
      /DEADLINE_POLICY_FILE: version: the file must set its own version/,
    );
  });

  it('stops start-up on a missing file, bad JSON or a non-object', () => {
    expect(problemsOf({ DEADLINE_POLICY_FILE: path.join(dir, 'missing.json') })).toMatch(
      /DEADLINE_POLICY_FILE: cannot read .*missing\.json \(ENOENT\)/,
    );
    expect(problemsOf({ DEADLINE_POLICY_FILE: write('broken.json', '{"version": ') })).toMatch(
      /DEADLINE_POLICY_FILE: .*broken\.json is not valid JSON/,
    );
    expect(problemsOf({ DEADLINE_POLICY_FILE: write('list.json', '[]') })).toMatch(
      /DEADLINE_POLICY_FILE: .*list\.json must hold a JSON object/,
    );
  });
});
