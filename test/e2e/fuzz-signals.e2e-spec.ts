import { INestApplication } from '@nestjs/common';
import { DeadLetter, readSignal, streamNames, subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import fc from 'fast-check';
import { AckPolicy, DeliverPolicy } from 'nats';
import request from 'supertest';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { mutatedBody, systematicBodies } from '../support/fuzz';
import { notReturnedSignal } from '../support/signals';
import { boot, isolatedConfig, Observer, until } from './sector-support';

/**
 * Property-based fuzz of the signal subject: hostile signals (the known poisons and fast-check
 * mutations of a good one: NUL, lone surrogates, impossible dates, 5,000-deep bodies,
 * prototype keys, wrong types) published on the intake's subject. Each one is dead-lettered
 * with the reason the contract gives; the intake stays healthy, and a good signal published
 * after them still becomes an issue.
 */
const RANDOM_CASES = 30;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const config = isolatedConfig('fuzzsig');
const subject = subjects(config.nats.prefix).signal('education', 'not_returned');

describe('fuzzing the signal subject', () => {
  let worker: INestApplication;
  let intake: INestApplication;
  let observer: Observer;

  beforeAll(async () => {
    observer = await Observer.open(config);
    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
  });

  afterAll(async () => {
    await intake?.close();
    await worker?.close();
    await observer?.close();
  });

  it('dead-letters every hostile signal with its reason, then opens the issue of a good one', async () => {
    const base = notReturnedSignal({ householdId: 'HFZ1', personRef: 'CFZ1' });
    const candidates = [
      ...systematicBodies(base),
      ...fc.sample(mutatedBody(base), { numRuns: RANDOM_CASES, seed: SEED }),
    ];
    // A mutation can leave a signal valid (a new publishedAt is not part of its id): only the
    // ones the contract refuses are hostile, and each must come back with the contract's reason.
    const hostile = candidates
      .map((payload) => ({ payload, checked: readSignal(payload, subject, config.nats.prefix) }))
      .filter((c) => !c.checked.ok);
    expect(hostile.length).toBeGreaterThan(RANDOM_CASES);

    const js = observer.nc.jetstream();
    for (const [i, { payload }] of hostile.entries()) {
      await js.publish(subject, payload, { msgID: `fuzz-${SEED}-${i}` });
    }
    const good = notReturnedSignal({ householdId: 'HFZ2', personRef: 'CFZ2' });
    await js.publish(subject, JSON.stringify(good), { msgID: good.signalId });

    const key = issueKey({ sector: good.sector, subject: good.subject, kind: good.kind });
    await until(
      'the good signal after the hostile ones opens its issue',
      async () => (await observer.issueIds()).includes(observer.idOf(key)),
      90_000,
    );
    await until('the intake caught up', () => observer.intakeCaughtUp(), 60_000);

    const letters = await readDeadLetters(observer, hostile.length);
    expect(letters).toHaveLength(hostile.length);
    const reasons = letters.map((l) => [l.payload, l.reason]);
    expect(reasons).toEqual(
      hostile.map(({ payload, checked }) => [payload, !checked.ok && checked.reason]),
    );
    for (const letter of letters) expect(letter.message).toEqual(expect.any(String));
    await request(intake.getHttpServer()).get('/health').expect(200);
    const status = await request(intake.getHttpServer()).get('/status').expect(200);
    expect(status.body.deadLetters.sinceStartTotal).toBe(hostile.length);
  });
});

async function readDeadLetters(observer: Observer, count: number): Promise<DeadLetter[]> {
  const jsm = await observer.nc.jetstreamManager();
  const stream = streamNames(observer.config.nats.prefix).deadLetters;
  await jsm.consumers.add(stream, {
    durable_name: 'fuzz-reader',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  const consumer = await observer.nc.jetstream().consumers.get(stream, 'fuzz-reader');
  const letters: DeadLetter[] = [];
  while (letters.length < count) {
    const batch = await consumer.fetch({ max_messages: count - letters.length, expires: 5000 });
    let got = 0;
    for await (const msg of batch) {
      letters.push(msg.json<DeadLetter>());
      msg.ack();
      got += 1;
    }
    if (got === 0) break;
  }
  return letters.sort((a, b) => a.streamSeq - b.streamSeq);
}
