import { NatsError } from 'nats';
import type { DeadLetters } from './dead-letters';
import { IntakeStatusService } from './intake-status.service';
import { IntakeMetrics } from './intake.metrics';

function service() {
  const metrics = new IntakeMetrics();
  metrics.consumer = 'running';
  const deadLetters = { stored: () => Promise.resolve(2) } as unknown as DeadLetters;
  return { metrics, status: new IntakeStatusService(metrics, deadLetters) };
}

const natsTimeout = () => new NatsError('timeout', 'TIMEOUT');

describe('the intake status', () => {
  it('names NATS when NATS times out, not Temporal', async () => {
    const { status } = service();
    status.recovered('temporal');
    status.unavailable('nats', natsTimeout());
    expect(await status.current()).toMatchObject({
      consumer: 'waiting_for_nats',
      waitsForNats: 1,
      waitsForTemporal: 0,
      dependencies: { nats: { state: 'down' }, temporal: { state: 'up' } },
      lastError: { dependency: 'nats', message: 'NatsError: timeout' },
    });
  });

  it('names Temporal when Temporal is away', async () => {
    const { status } = service();
    status.unavailable('temporal', new Error('14 UNAVAILABLE: connection refused'));
    expect(await status.current()).toMatchObject({
      consumer: 'running',
      waitsForNats: 0,
      waitsForTemporal: 1,
      dependencies: { nats: { state: 'unknown' }, temporal: { state: 'down' } },
      lastError: { dependency: 'temporal' },
    });
  });

  it('clears lastError once the dependency that failed recovers, and only then', async () => {
    const { status, metrics } = service();
    status.unavailable('nats', natsTimeout());
    status.recovered('temporal');
    expect((await status.current()).lastError).toMatchObject({ dependency: 'nats' });
    status.recovered('nats');
    const now = await status.current();
    expect(now.lastError).toBeUndefined();
    expect(metrics.lastError).toBeUndefined();
    expect(now).toMatchObject({
      consumer: 'running',
      dependencies: { nats: { state: 'up' }, temporal: { state: 'up' } },
      // the counts stay: they say what happened since the start
      waitsForNats: 1,
    });
  });

  it('keeps a refusal until the next signal goes through', async () => {
    const { status } = service();
    status.recovered('temporal');
    status.refused('temporal', new Error('namespace not found'));
    expect(await status.current()).toMatchObject({
      dependencies: { temporal: { state: 'up' } },
      waitsForTemporal: 0,
      lastError: { dependency: 'temporal', message: 'Error: namespace not found' },
    });
    status.recovered('temporal');
    expect((await status.current()).lastError).toBeUndefined();
  });

  it('records when a dependency changed state, not every call', async () => {
    const { status } = service();
    status.unavailable('nats', natsTimeout());
    const since = (await status.current()).dependencies.nats.since;
    await new Promise((resolve) => setTimeout(resolve, 5));
    status.unavailable('nats', natsTimeout());
    expect((await status.current()).dependencies.nats.since).toBe(since);
  });

  it('takes the error texts of the transport as they come, issue keys hashed', async () => {
    const { status } = service();
    status.unavailable('temporal', 'WorkflowNotFoundError: issue:education:HH-1/P-1:not_returned');
    const { lastError } = await status.current();
    expect(lastError?.message).toMatch(/^WorkflowNotFoundError: issue#[0-9a-f]{16}$/);
  });
});
