import { DynamicModule, INestApplication } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import request from 'supertest';
import { ApiAppModule } from '../../apps/api/src/app.module';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { HousingAppModule } from '../../apps/housing/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { MedicalAppModule } from '../../apps/medical/src/app.module';
import { WaterAppModule } from '../../apps/water/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { Sample, scrape, valueOf } from '../support/metrics';
import { boot, isolatedConfig, machineKey, Observer, until } from './sector-support';

const config = isolatedConfig('metrics');

type AppName = 'api' | 'intake' | 'worker' | 'education' | 'medical' | 'housing' | 'water';

const APPS: Array<[AppName, (config: AppConfig) => DynamicModule]> = [
  ['worker', (c) => WorkerAppModule.forRoot(c)],
  ['intake', (c) => IntakeAppModule.forRoot(c)],
  ['education', (c) => EducationAppModule.forRoot(c)],
  ['medical', (c) => MedicalAppModule.forRoot(c)],
  ['housing', (c) => HousingAppModule.forRoot(c)],
  ['water', (c) => WaterAppModule.forRoot(c)],
  ['api', (c) => ApiAppModule.forRoot(c)],
];

/** One child missing at term start: one signal, one issue, the worker's activities run. */
const child = {
  householdId: 'HMETRICS01',
  personRef: 'CMETRICS01',
  villageCode: '522633101201',
  townshipCode: '522633101',
  householdCategory: 'unstable',
  birthDate: '2016-03-15',
  enrolledLastTerm: true,
  attendance: 'absent',
};

describe('Prometheus /metrics on every app', () => {
  const apps = new Map<AppName, INestApplication>();
  let observer: Observer;

  beforeAll(async () => {
    observer = await Observer.open(config);
    for (const [name, moduleFor] of APPS) {
      const ingest = ['education', 'medical', 'housing', 'water'].includes(name);
      apps.set(name, await boot(moduleFor, config, { ingest }));
    }
    // Traffic for the counters to show: a roster with one child missing, and a bad request.
    const education = apps.get('education')!;
    const key = await machineKey(education, 'education');
    await request(education.getHttpServer())
      .post('/ingest/roster')
      .set('x-api-key', key)
      .send({ term: '2026-autumn', termStart: '2026-09-01', records: [child, { householdId: 1 }] })
      .expect(200);
    await request(education.getHttpServer()).post('/ingest/roster').send({}).expect(401);
    await until('the issue is opened', async () => (await observer.issueIds()).length === 1);
  });

  afterAll(async () => {
    for (const app of [...apps.values()].reverse()) await app.close();
    await observer?.close();
  });

  const metricsOf = (name: AppName): Promise<Sample[]> => scrape(apps.get(name)!);

  it.each(APPS.map(([name]) => name))(
    '%s answers GET /metrics with Prometheus text: process metrics and its HTTP requests',
    async (name) => {
      const response = await request(apps.get(name)!.getHttpServer()).get('/metrics').expect(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const samples = await metricsOf(name);
      const names = new Set(samples.map((s) => s.name));
      for (const expected of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect([name, expected, names.has(expected)]).toEqual([name, expected, true]);
      }
      // boot() waited on /health: counted by its route template, answered 200
      expect(
        valueOf(samples, 'http_requests_total', { method: 'GET', route: '/health', status: '200' }),
      ).toBeGreaterThan(0);
      expect(
        valueOf(samples, 'http_request_duration_seconds_count', { route: '/health' }),
      ).toBeGreaterThan(0);
    },
  );

  it('education counts records, signals and refused requests by route template', async () => {
    const samples = await metricsOf('education');
    const records = (outcome: string) =>
      valueOf(samples, 'sanbao_ingest_records_total', { kind: 'roster', outcome });
    expect([records('accepted'), records('rejected')]).toEqual([1, 1]);
    expect(valueOf(samples, 'sanbao_ingest_signals_total', { result: 'raised' })).toBe(1);
    expect(valueOf(samples, 'sanbao_ingest_signals_total', { result: 'duplicate' })).toBe(0);
    const ingest = (status: string) =>
      valueOf(samples, 'http_requests_total', { route: '/ingest/:kind', status });
    expect([ingest('200'), ingest('401')]).toEqual([1, 1]);
    // an unknown path is one series, whatever the path
    await request(apps.get('education')!.getHttpServer()).get('/no/such/path/42').expect(404);
    const after = await metricsOf('education');
    expect(after.some((s) => s.labels.route?.includes('/no/such'))).toBe(false);
    expect(valueOf(after, 'http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
  });

  it('intake counts the signal, its consumer state, lag and dead letters', async () => {
    await until('intake caught up', () => observer.intakeCaughtUp());
    const samples = await metricsOf('intake');
    expect({
      received: valueOf(samples, 'sanbao_intake_signals_received_total'),
      delivered: valueOf(samples, 'sanbao_intake_signals_delivered_total'),
      running: valueOf(samples, 'sanbao_intake_consumer_state', { state: 'running' }),
      stopped: valueOf(samples, 'sanbao_intake_consumer_state', { state: 'stopped' }),
      pending: valueOf(samples, 'sanbao_intake_consumer_pending_messages'),
      ackPending: valueOf(samples, 'sanbao_intake_consumer_ack_pending_messages'),
      deadLetters: valueOf(samples, 'sanbao_intake_dead_letters_total'),
      stored: valueOf(samples, 'sanbao_intake_dead_letters_stored'),
    }).toEqual({
      received: 1,
      delivered: 1,
      running: 1,
      stopped: 0,
      pending: 0,
      ackPending: 0,
      deadLetters: 0,
      stored: 0,
    });
  });

  it('worker counts each activity by name and outcome', async () => {
    // The opening's activities (whichever the workflow calls) have run: the issue exists.
    const samples = await until('the opening activities are counted', async () => {
      const current = await metricsOf('worker');
      const done = valueOf(current, 'sanbao_worker_activities_total', { outcome: 'completed' });
      return done > 0 ? current : undefined;
    });
    const series = samples.filter((s) => s.name === 'sanbao_worker_activities_total');
    for (const { labels, value } of series) {
      expect(labels.activity).toMatch(/^[a-zA-Z]+$/);
      expect(['completed', 'failed', 'cancelled']).toContain(labels.outcome);
      // each execution counted is timed too
      expect(valueOf(samples, 'sanbao_worker_activity_duration_seconds_count', labels)).toBe(value);
    }
  });

  it('api serves /metrics without a token, like /health', async () => {
    const samples = await metricsOf('api');
    expect(valueOf(samples, 'http_requests_total', { route: '/metrics' })).toBeGreaterThan(0);
    await request(apps.get('api')!.getHttpServer()).get('/issues').expect(401);
  });
});
