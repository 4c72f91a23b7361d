import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { UsersService } from '@sanbao/auth';
import { AppConfig } from '@sanbao/config';
import type { DeadlinePolicy } from '@sanbao/domain';
import { deleteStreams, natsConnectOptions } from '@sanbao/messaging';
import { connect } from 'nats';
import { Pool } from 'pg';
import request from 'supertest';
import { ApiAppModule } from '../../apps/api/src/app.module';
import { configureApi } from '../../apps/api/src/configure';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { testConfig, uniqueId } from './env';
import { waitForHealthy } from './health';

/**
 * The County API and the worker, booted in-process on the real services with one task queue
 * of their own, the API configured exactly as main.ts does. Tests act only through HTTP; the
 * pool is there to check that a refused request changed nothing.
 */
export class ApiStack {
  private constructor(
    readonly config: AppConfig,
    readonly api: INestApplication,
    readonly worker: INestApplication,
    readonly pool: Pool,
  ) {}

  static async start(
    label: string,
    options: { policy?: DeadlinePolicy; env?: Record<string, string> } = {},
  ): Promise<ApiStack> {
    const base = testConfig({
      TEMPORAL_TASK_QUEUE: uniqueId(`${label}-q`),
      NATS_PREFIX: `api_${uniqueId('n').replace(/-/g, '_')}`.slice(0, 32),
      SIGN_IN_RATE_LIMIT: '10000',
      ...options.env,
    });
    const config: AppConfig = options.policy ? { ...base, deadlinePolicy: options.policy } : base;
    const worker = await boot((c) => WorkerAppModule.forRoot(c), config, false);
    const api = await boot((c) => ApiAppModule.forRoot(c), config, true);
    await waitForHealthy(api, 90_000);
    await waitForHealthy(worker, 90_000);
    const pool = new Pool({ connectionString: config.database.url, max: 2 });
    return new ApiStack(config, api, worker, pool);
  }

  get http() {
    return request(this.api.getHttpServer());
  }

  /** GET and POST with a user's bearer token. */
  as(token: string) {
    return {
      get: (path: string) => this.http.get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string, body: object = {}) =>
        this.http.post(path).set('Authorization', `Bearer ${token}`).send(body),
    };
  }

  /** The first administrator, as `npm run admin:create` makes one. */
  async createAdmin(username: string, password: string): Promise<void> {
    await this.api.get(UsersService).create({
      username,
      displayName: `管理员 ${username}`,
      password,
      role: 'admin',
    });
  }

  async signIn(username: string, password: string): Promise<string> {
    const response = await this.http.post('/auth/sign-in').send({ username, password });
    if (response.status !== 200) {
      throw new Error(`sign-in of ${username} answered ${response.status}: ${response.text}`);
    }
    return response.body.accessToken as string;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    await this.api.close();
    await this.worker.close();
    await this.pool.end();
    const nats = await connect(natsConnectOptions(this.config.nats));
    await deleteStreams(await nats.jetstreamManager(), this.config.nats.prefix).catch(() => 0);
    await nats.drain();
  }
}

async function boot(
  moduleFor: (config: AppConfig) => ReturnType<typeof ApiAppModule.forRoot>,
  config: AppConfig,
  isApi: boolean,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [moduleFor(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  if (isApi) configureApi(app, config);
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Polls until `read` gives a value that `done` accepts; fails naming what it waited for. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

export const PASSWORD = 'demo-password-2026';

/** A small county of its own per suite: codes and usernames do not clash between suites. */
export interface TestCounty {
  townships: [string, string];
  /** two villages in the first township, one in the second */
  villages: [string, string, string];
  suffix: string;
  tokens: Record<TestUser, string>;
  users: Record<TestUser, { id: string; username: string }>;
}

export type TestUser =
  | 'admin'
  | 'village'
  | 'otherVillage'
  | 'township'
  | 'otherTownship'
  | 'bureau'
  | 'otherBureau'
  | 'leader1'
  | 'leader2'
  | 'leader3'
  | 'supervisor';

let countyCounter = 0;

/** Divisions and one user per role (and one outside the scope) through the admin API. */
export async function seedCounty(
  stack: ApiStack,
  sector: string = 'education',
): Promise<TestCounty> {
  countyCounter += 1;
  const digits = (Date.now() % 1_000_000).toString().padStart(6, '0');
  const t1 = `5${digits}${countyCounter}`.slice(0, 9).padEnd(9, '1');
  const t2 = `6${digits}${countyCounter}`.slice(0, 9).padEnd(9, '2');
  const suffix = uniqueId('c')
    .replace(/[^a-z0-9]/g, '')
    .slice(-8);
  const adminName = `admin${suffix}`;
  await stack.createAdmin(adminName, PASSWORD);
  const admin = await stack.signIn(adminName, PASSWORD);
  const as = (path: string, body: object) =>
    stack.http.post(path).set('Authorization', `Bearer ${admin}`).send(body).expect(201);
  await as('/townships', { code: t1, name: `城关镇${suffix}` });
  await as('/townships', { code: t2, name: `河西乡${suffix}` });
  const villages: [string, string, string] = [`${t1}201`, `${t1}202`, `${t2}201`];
  await as('/villages', { code: villages[0], name: '红星村' });
  await as('/villages', { code: villages[1], name: '光明村' });
  await as('/villages', { code: villages[2], name: '新河村' });
  const other = sector === 'water' ? 'housing' : 'water';
  const people: Record<Exclude<TestUser, 'admin'>, object> = {
    village: { role: 'village', villageCode: villages[0] },
    otherVillage: { role: 'village', villageCode: villages[1] },
    township: { role: 'township', townshipCode: t1 },
    otherTownship: { role: 'township', townshipCode: t2 },
    bureau: { role: 'bureau', sector },
    otherBureau: { role: 'bureau', sector: other },
    leader1: { role: 'leader' },
    leader2: { role: 'leader' },
    leader3: { role: 'leader' },
    supervisor: { role: 'supervisor' },
  };
  const tokens = { admin } as Record<TestUser, string>;
  const users = {} as TestCounty['users'];
  const me = await stack.http.get('/auth/me').set('Authorization', `Bearer ${admin}`);
  users.admin = { id: me.body.userId, username: adminName };
  for (const [name, scope] of Object.entries(people)) {
    const username = `${name.toLowerCase()}${suffix}`;
    const created = await as('/admin/users', {
      username,
      displayName: `${name} ${suffix}`,
      password: PASSWORD,
      ...scope,
    });
    users[name as TestUser] = { id: created.body.id, username };
    tokens[name as TestUser] = await stack.signIn(username, PASSWORD);
  }
  return { townships: [t1, t2], villages, suffix, tokens, users };
}
