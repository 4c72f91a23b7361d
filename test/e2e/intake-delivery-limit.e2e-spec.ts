import { INestApplication } from '@nestjs/common';
import {
  DeadLetter,
  INTAKE_DEAD_LETTER_SOURCE,
  RiskSignal,
  streamNames,
  subjects,
} from '@sanbao/contracts';
import { isGrpcServiceError } from '@temporalio/client';
import request from 'supertest';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { scrape, valueOf } from '../support/metrics';
import { notReturnedSignal } from '../support/signals';
import { boot, isolatedConfig, Observer, until } from './sector-support';

const MAX_DELIVERIES = 3;
// A namespace the test server never had: Temporal answers every signal-with-start with
// NOT_FOUND, a refusal that waiting does not cure, so the intake must give up on the signal.
const MISSING_NAMESPACE = `missing-${Math.random().toString(36).slice(2, 8)}`;
const config = isolatedConfig('intakedl', {
  TEMPORAL_NAMESPACE: MISSING_NAMESPACE,
  INTAKE_MAX_DELIVERIES: String(MAX_DELIVERIES),
});
const subs = subjects(config.nats.prefix);
const streams = streamNames(config.nats.prefix);

/** A valid not_returned signal for child i, as the education service would publish it. */
function signal(i: number, tag: string): RiskSignal {
  return notReturnedSignal({ householdId: `H${tag}${i}`, personRef: `C${tag}${i}` });
}

describe('intake when Temporal refuses a signal for good', () => {
  let intake: INestApplication;
  let observer: Observer;

  /** Publishes a signal the way a sector service does; returns its position in the stream. */
  const publish = async (s: RiskSignal) =>
    (
      await observer.nc
        .jetstream()
        .publish(subs.signal(s.sector, s.kind), JSON.stringify(s), { msgID: s.signalId })
    ).seq;

  /** The intake's figures, read from its Prometheus /metrics. */
  const metrics = async () => {
    const samples = await scrape(intake);
    const reasons = samples.filter((s) => s.name === 'sanbao_intake_dead_letters_total');
    return {
      running: valueOf(samples, 'sanbao_intake_consumer_state', { state: 'running' }),
      delivered: valueOf(samples, 'sanbao_intake_signals_delivered_total'),
      retries: valueOf(samples, 'sanbao_intake_delivery_retries_total', { cause: 'refused' }),
      waitsForTemporal: valueOf(samples, 'sanbao_intake_delivery_retries_total', {
        cause: 'temporal_unavailable',
      }),
      deadLetters: {
        sinceStart: Object.fromEntries(reasons.map((s) => [s.labels.reason, s.value])),
        sinceStartTotal: valueOf(samples, 'sanbao_intake_dead_letters_total'),
        stored: valueOf(samples, 'sanbao_intake_dead_letters_stored'),
      },
      pending: valueOf(samples, 'sanbao_intake_consumer_pending_messages'),
    };
  };

  const consumerInfo = async () =>
    (await observer.nc.jetstreamManager()).consumers.info(streams.signals, config.intake.consumer);

  /** Every intake dead letter the stream holds, oldest first. */
  const deadLetters = async (): Promise<DeadLetter[]> => {
    const jsm = await observer.nc.jetstreamManager();
    const { state } = await jsm.streams.info(streams.deadLetters);
    const letters: DeadLetter[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(streams.deadLetters, { seq });
      if (msg.subject === subs.deadLetter(INTAKE_DEAD_LETTER_SOURCE)) {
        letters.push(msg.json<DeadLetter>());
      }
    }
    return letters;
  };

  beforeAll(async () => {
    observer = await Observer.open(config);
    // The refusal is the real server's: the namespace is unknown to it.
    const refusal: unknown = await observer.temporal.connection.workflowService
      .describeNamespace({ namespace: MISSING_NAMESPACE })
      .catch((error: unknown) => error);
    expect(isGrpcServiceError(refusal) && refusal.code).toBe(5); // NOT_FOUND
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
  });

  afterAll(async () => {
    await intake?.close();
    await observer?.close();
  });

  it(`dead-letters a refused signal as delivery_limit after exactly ${MAX_DELIVERIES} deliveries, with its payload and the last error, and acknowledges it`, async () => {
    const before = await metrics();
    expect(before).toMatchObject({
      running: 1,
      deadLetters: { sinceStartTotal: 0, stored: 0 },
    });

    const refused = signal(1, 'DL');
    const publishedAt = Date.now();
    const seq = await publish(refused);

    const [letter] = await until(
      'the refused signal is dead-lettered',
      async () => {
        const letters = await deadLetters();
        return letters.length > 0 ? letters : undefined;
      },
      60_000,
    );
    // Between deliveries the intake backs off 2 s, then 4 s: it does not hammer Temporal.
    expect(Date.now() - publishedAt).toBeGreaterThanOrEqual(6000);
    expect(letter).toMatchObject({
      reason: 'delivery_limit',
      message: `Temporal refused the signal on each of ${MAX_DELIVERIES} deliveries`,
      deliveries: MAX_DELIVERIES,
      stream: streams.signals,
      streamSeq: seq,
      subject: subs.signal('education', 'not_returned'),
      msgId: refused.signalId,
      payload: JSON.stringify(refused),
      payloadEncoding: 'utf8',
    });
    expect(letter.lastError).toMatch(/not found/i);
    expect(letter.lastError).toContain(MISSING_NAMESPACE);

    // The stream saw exactly that many deliveries and counts the message as done: terminated,
    // nothing left pending or waiting for an acknowledgement.
    const info = await until('the signal consumer settles', async () => {
      const current = await consumerInfo();
      return current.num_ack_pending === 0 ? current : undefined;
    });
    expect(info.delivered.consumer_seq).toBe(MAX_DELIVERIES);
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(seq);

    expect(await metrics()).toEqual({
      running: 1,
      delivered: 0,
      // The first deliveries were handed back for another try; none was taken for Temporal
      // being away, so NOT_FOUND did not pass for a passing outage.
      retries: MAX_DELIVERIES - 1,
      waitsForTemporal: 0,
      deadLetters: {
        sinceStart: { delivery_limit: 1 },
        sinceStartTotal: 1,
        stored: 1,
      },
      pending: 0,
    });
  });

  it('counts one dead letter per refused signal, never delivers them again, and keeps running', async () => {
    const refused = [signal(2, 'DL'), signal(3, 'DL')];
    const seqs: number[] = [];
    for (const s of refused) seqs.push(await publish(s));

    const letters = await until(
      'both refused signals are dead-lettered',
      async () => {
        const all = await deadLetters();
        return all.length >= 3 ? all : undefined;
      },
      60_000,
    );
    const fresh = letters.slice(1).sort((a, b) => a.streamSeq - b.streamSeq);
    expect(fresh.map((l) => l.streamSeq)).toEqual(seqs);
    fresh.forEach((l, i) => {
      expect(l.reason).toBe('delivery_limit');
      expect(l.deliveries).toBe(MAX_DELIVERIES);
      expect(l.msgId).toBe(refused[i].signalId);
      expect(l.payload).toBe(JSON.stringify(refused[i]));
    });

    // Longer than the backoffs this limit leads to (2 s, then 4 s): one still in play would be back.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const info = await consumerInfo();
    expect(info.delivered.consumer_seq).toBe(3 * MAX_DELIVERIES);
    expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0, num_redelivered: 0 });
    expect(info.ack_floor.stream_seq).toBe(seqs[1]);
    expect(await deadLetters()).toHaveLength(3);

    expect(await metrics()).toEqual({
      running: 1,
      delivered: 0,
      retries: 3 * (MAX_DELIVERIES - 1),
      waitsForTemporal: 0,
      deadLetters: { sinceStart: { delivery_limit: 3 }, sinceStartTotal: 3, stored: 3 },
      pending: 0,
    });
    await request(intake.getHttpServer()).get('/health').expect(200);
  });
});
