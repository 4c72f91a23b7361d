import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@sanbao/config';
import { DEFAULT_DEADLINE_POLICY } from '@sanbao/domain';
import { CLOCK } from '@sanbao/runtime';
import request from 'supertest';
import { ApiAppModule } from '../../apps/api/src/app.module';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { HousingAppModule } from '../../apps/housing/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { MedicalAppModule } from '../../apps/medical/src/app.module';
import { WaterAppModule } from '../../apps/water/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { testConfig, uniqueId } from '../support/env';
import { waitForHealthy } from '../support/health';
import { partNats } from '../support/nats-users';

async function boot(moduleFor: (config: AppConfig) => DynamicModule, config: AppConfig) {
  const moduleRef = await Test.createTestingModule({ imports: [moduleFor(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

const APPS: Array<[string, (config: AppConfig) => DynamicModule, string[]]> = [
  ['api', (c) => ApiAppModule.forRoot(c), ['postgres', 'temporal', 'calendar']],
  ['intake', (c) => IntakeAppModule.forRoot(c), ['nats', 'temporal']],
  [
    'worker',
    (c) => WorkerAppModule.forRoot(c),
    ['temporal', 'postgres', 'nats', 'worker', 'calendar'],
  ],
  ['education', (c) => EducationAppModule.forRoot(c), ['nats', 'postgres']],
  ['medical', (c) => MedicalAppModule.forRoot(c), ['nats', 'postgres']],
  ['housing', (c) => HousingAppModule.forRoot(c), ['nats', 'postgres']],
  ['water', (c) => WaterAppModule.forRoot(c), ['nats', 'postgres']],
];

describe('health endpoints of the seven apps', () => {
  it.each(APPS)('%s reports each real dependency it uses as up', async (name, moduleFor, deps) => {
    // Each app as its own part on the bus (the API uses no NATS).
    const part = name === 'api' ? {} : partNats(name);
    const app = await boot(
      moduleFor,
      testConfig({ TEMPORAL_TASK_QUEUE: uniqueId('health'), ...part }),
    );
    try {
      const response = await waitForHealthy(app, 90_000);
      expect(response.body.status).toBe('ok');
      expect(Object.keys(response.body.info).sort()).toEqual([...deps].sort());
      for (const dep of deps) expect(response.body.info[dep].status).toBe('up');
    } finally {
      await app.close();
    }
  });
});

describe('a dependency that cannot be reached', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it('reports PostgreSQL down (503) instead of crashing when its port is wrong', async () => {
    const config = testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sanbao' });
    app = await boot((c) => ApiAppModule.forRoot(c), config);
    // Temporal is up; wait for it so that the only thing down is the database.
    const deadline = Date.now() + 30_000;
    let response = await request(app.getHttpServer()).get('/health');
    while (response.body.details?.temporal?.status !== 'up' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      response = await request(app.getHttpServer()).get('/health');
    }
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('error');
    expect(response.body.error.postgres.status).toBe('down');
    expect(response.body.details.temporal.status).toBe('up');
    // The app keeps serving: a second look answers the same way.
    const again = await request(app.getHttpServer()).get('/health');
    expect(again.status).toBe(503);
  });

  it('reports NATS down when its port is wrong', async () => {
    app = await boot(
      (c) => IntakeAppModule.forRoot(c),
      testConfig({ NATS_URL: 'nats://127.0.0.1:1' }),
    );
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body.error.nats.status).toBe('down');
  });
});

describe('the holiday calendar on /health', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** The API with working days and only the 2026 lists, on a given day. */
  async function apiOn(now: string) {
    const config: AppConfig = {
      ...testConfig(),
      deadlinePolicy: { ...DEFAULT_DEADLINE_POLICY, version: 'e2e-2026-only', dayKind: 'working' },
    };
    const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule.forRoot(config)] })
      .overrideProvider(CLOCK)
      .useValue(() => new Date(now))
      .compile();
    const started = moduleRef.createNestApplication({ logger: false });
    await started.init();
    return started;
  }

  it('warns in November that next year is missing, and stays 200', async () => {
    app = await apiOn('2026-11-15T02:00:00Z');
    const response = await waitForHealthy(app, 90_000);
    expect(response.status).toBe(200);
    expect(response.body.details.calendar).toMatchObject({
      status: 'up',
      level: 'warn',
      coveredYears: [2026],
      missingYears: [2027],
      policyVersion: 'e2e-2026-only',
    });
  });

  it('says ok in October with the same lists', async () => {
    app = await apiOn('2026-10-15T02:00:00Z');
    const response = await waitForHealthy(app, 90_000);
    expect(response.body.details.calendar).toMatchObject({ level: 'ok', coveredYears: [2026] });
    expect(response.body.details.calendar).not.toHaveProperty('missingYears');
  });
});
