import { Controller, INestApplication, Module, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@sanbao/config';
import { DeadLetter, streamNames } from '@sanbao/contracts';
import {
  JETSTREAM_TRANSPORT,
  JetStreamContext,
  JetStreamConsumerState,
  JetStreamPullServer,
  KeepHandlerErrors,
  MessagingModule,
  NatsService,
  RejectedMessage,
} from '@sanbao/messaging';
import { connectMicroservices, TRANSPORT_SERVER } from '@sanbao/runtime';
import { ConsumerInfo, NatsError, StorageType } from 'nats';
import { isolatedConfig, Observer, until } from './sector-support';

/**
 * The JetStream pull transport on the real NATS server, with a handler of its own (no intake,
 * no Temporal): what it acknowledges, retries, dead-letters, how many it runs at once, and
 * that stopping finishes the work in hand.
 */
const config = isolatedConfig('jst');
const prefix = config.nats.prefix;
const WORK_STREAM = `${prefix.toUpperCase()}_WORK`;
const DURABLE = 'work';
const MAX_IN_FLIGHT = 3;
const MAX_DELIVERIES = 3;

interface Job {
  id: string;
  /** ok; fail (always); fail-once (first delivery only); reject (unusable); crash (throws something that is not an Error) */
  mode: 'ok' | 'fail' | 'fail-once' | 'reject' | 'crash';
  ms?: number;
}

/** What the handler saw, for the assertions (one suite, one process). */
const seen = {
  calls: [] as Array<{ id: string; delivery: number }>,
  done: [] as string[],
  running: 0,
  maxRunning: 0,
  states: [] as JetStreamConsumerState[],
};

@Controller()
@UseFilters(KeepHandlerErrors)
class WorkController {
  @EventPattern('work.>', JETSTREAM_TRANSPORT)
  async work(@Payload() data: Uint8Array, @Ctx() context: JetStreamContext): Promise<void> {
    const job = JSON.parse(new TextDecoder().decode(data)) as Job;
    const delivery = context.getDeliveryCount();
    seen.calls.push({ id: job.id, delivery });
    seen.running += 1;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, job.ms ?? 10));
      if (job.mode === 'fail') throw new Error(`job ${job.id} failed`);
      if (job.mode === 'fail-once' && delivery === 1) throw new Error(`job ${job.id} failed once`);
      if (job.mode === 'reject')
        throw new RejectedMessage('invalid_signal', `job ${job.id} unusable`);
      // Not even an Error, and without a toString: the transport must survive it all the same.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (job.mode === 'crash') throw Object.assign(Object.create(null) as object, { job: job.id });
      seen.done.push(job.id);
    } finally {
      seen.running -= 1;
    }
  }
}

@Module({
  imports: [ConfigModule.forRoot(config), MessagingModule.forRoot()],
  controllers: [WorkController],
  providers: [
    {
      provide: TRANSPORT_SERVER,
      inject: [NatsService],
      useFactory: (nats: NatsService) =>
        new JetStreamPullServer(nats, {
          prefix,
          stream: WORK_STREAM,
          durable: DURABLE,
          filter: 'work.>',
          maxInFlight: MAX_IN_FLIGHT,
          ackWaitSeconds: 30,
          maxDeliveries: MAX_DELIVERIES,
          deadLetters: {
            subject: `${prefix}.deadletter.work`,
            stream: streamNames(prefix).deadLetters,
            source: 'work',
          },
          prepare: async () => {
            await nats.ensureStreams();
            const jsm = await nats.jetstreamManager();
            await jsm.streams.info(WORK_STREAM).catch(async (error: unknown) => {
              if (!(error instanceof NatsError)) throw error;
              await jsm.streams.add({
                name: WORK_STREAM,
                subjects: [`${prefix}.work.>`],
                storage: StorageType.File,
              });
            });
          },
          hooks: { state: (state) => seen.states.push(state) },
        }),
    },
  ],
})
class WorkModule {}

async function start(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  expect(connectMicroservices(app)).toBe(1);
  await app.init();
  await app.startAllMicroservices();
  const from = seen.states.length;
  await until('the consumer runs', async () => seen.states.slice(from).includes('running'));
  return app;
}

describe('JetStream pull transport on the real NATS', () => {
  let app: INestApplication | undefined;
  let observer: Observer;

  const publish = async (job: Job) =>
    (await observer.nc.jetstream().publish(`${prefix}.work.${job.mode}`, JSON.stringify(job))).seq;

  const consumer = async (): Promise<ConsumerInfo> =>
    (await observer.nc.jetstreamManager()).consumers.info(WORK_STREAM, DURABLE);

  const settled = () =>
    until('every message settled', async () => {
      const info = await consumer();
      return info.num_pending === 0 && info.num_ack_pending === 0 ? info : undefined;
    });

  const deadLetters = async (): Promise<DeadLetter[]> => {
    const jsm = await observer.nc.jetstreamManager();
    const stream = streamNames(prefix).deadLetters;
    const { state } = await jsm.streams.info(stream);
    const letters: DeadLetter[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      letters.push((await jsm.streams.getMessage(stream, { seq })).json<DeadLetter>());
    }
    return letters;
  };

  const callsOf = (id: string) => seen.calls.filter((c) => c.id === id);

  beforeAll(async () => {
    observer = await Observer.open(config);
    app = await start();
  });

  afterAll(async () => {
    await app?.close();
    const jsm = await observer.nc.jetstreamManager();
    await jsm.streams.delete(WORK_STREAM).catch(() => undefined);
    await observer?.close();
  });

  it('acknowledges each message once its handler succeeds', async () => {
    const jobs = Array.from({ length: 5 }, (_, i): Job => ({ id: `ok${i}`, mode: 'ok' }));
    let last = 0;
    for (const job of jobs) last = await publish(job);
    const info = await settled();
    expect(info.ack_floor.stream_seq).toBe(last);
    expect(info.num_redelivered).toBe(0);
    for (const job of jobs) expect(callsOf(job.id)).toEqual([{ id: job.id, delivery: 1 }]);
  });

  it('delivers a failed message again, and acknowledges it when the handler then succeeds', async () => {
    await publish({ id: 'again', mode: 'fail-once' });
    await until('the second delivery succeeds', async () => seen.done.includes('again'));
    await settled();
    expect(callsOf('again').map((c) => c.delivery)).toEqual([1, 2]);
    expect((await deadLetters()).filter((l) => l.payload.includes('"again"'))).toEqual([]);
  });

  it(`dead-letters a message that fails on each of ${MAX_DELIVERIES} deliveries, and a rejected one at once`, async () => {
    const failing = await publish({ id: 'hopeless', mode: 'fail' });
    const rejected = await publish({ id: 'unusable', mode: 'reject' });
    const letters = await until('both dead-lettered', async () => {
      const all = await deadLetters();
      return all.length >= 2 ? all : undefined;
    });
    const bySeq = new Map(letters.map((l) => [l.streamSeq, l]));
    expect(bySeq.get(failing)).toMatchObject({
      reason: 'delivery_limit',
      deliveries: MAX_DELIVERIES,
      stream: WORK_STREAM,
      subject: `${prefix}.work.fail`,
      payload: JSON.stringify({ id: 'hopeless', mode: 'fail' }),
      payloadEncoding: 'utf8',
      lastError: 'Error: job hopeless failed',
    });
    expect(bySeq.get(rejected)).toMatchObject({
      reason: 'invalid_signal',
      message: 'job unusable unusable',
      deliveries: 1,
    });
    expect(callsOf('hopeless')).toHaveLength(MAX_DELIVERIES);
    expect(callsOf('unusable')).toHaveLength(1);
    await settled();
  });

  it('goes on with the next message after a handler throws anything, or a payload is not JSON', async () => {
    await publish({ id: 'crash', mode: 'crash' });
    await observer.nc.jetstream().publish(`${prefix}.work.ok`, '{"id": "broken", ');
    await publish({ id: 'after', mode: 'ok' });
    await until('the message after them is handled', async () => seen.done.includes('after'));
    // Neither stopped the consumer: both are handed back for another try, like any failure.
    await until('the crashing one is tried again', async () => callsOf('crash').length >= 2);
  });

  it(`runs at most ${MAX_IN_FLIGHT} handlers at once, pulling a new message as soon as one finishes`, async () => {
    await until('earlier failures dead-lettered', async () => (await deadLetters()).length >= 4);
    await settled();
    seen.maxRunning = seen.running;
    const slow = await publish({ id: 'slow', mode: 'ok', ms: 3000 });
    const quick = Array.from({ length: 8 }, (_, i): Job => ({ id: `q${i}`, mode: 'ok', ms: 300 }));
    for (const job of quick) await publish(job);
    await until('the slow one is done', async () => seen.done.includes('slow'), 30_000);
    // No batch waits for its slowest message: all the quick ones finished beside the slow one.
    expect(seen.done.indexOf('slow')).toBeGreaterThan(
      Math.max(...quick.map((j) => seen.done.indexOf(j.id))),
    );
    expect(seen.maxRunning).toBe(MAX_IN_FLIGHT);
    expect((await settled()).ack_floor.stream_seq).toBeGreaterThan(slow);
  });

  it('when stopped, finishes and acknowledges the messages in hand; a restart repeats none', async () => {
    const jobs = Array.from({ length: 6 }, (_, i): Job => ({
      id: `stop${i}`,
      mode: 'ok',
      ms: 1500,
    }));
    const before = seen.calls.length;
    for (const job of jobs) await publish(job);
    await until('handlers running', async () => seen.running === MAX_IN_FLIGHT);
    await app!.close();
    app = undefined;
    expect(seen.running).toBe(0);
    const started = seen.calls.slice(before).map((c) => c.id);
    expect(started.length).toBeGreaterThanOrEqual(MAX_IN_FLIGHT);
    for (const id of started) expect(seen.done).toContain(id);
    const info = await consumer();
    expect(info.num_ack_pending).toBe(0);

    app = await start();
    await settled();
    for (const job of jobs) expect(callsOf(job.id)).toEqual([{ id: job.id, delivery: 1 }]);
  });
});
