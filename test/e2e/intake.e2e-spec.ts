import { INestApplication } from '@nestjs/common';
import { DeadLetter, RiskSignal, streamNames, subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { issueStateQuery } from '@sanbao/workflows';
import { AckPolicy, DeliverPolicy } from 'nats';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { scrape, valueOf } from '../support/metrics';
import { notReturnedSignal } from '../support/signals';
import { boot, isolatedConfig, Observer, until } from './sector-support';

const config = isolatedConfig('intake', { INTAKE_BATCH_SIZE: '16' });
const subs = subjects(config.nats.prefix);

/** A not_returned signal for child i, as the education service would publish it. */
function signal(i: number, tag: string): RiskSignal {
  return notReturnedSignal({ householdId: `H${tag}${i}`, personRef: `C${tag}${i}` });
}

const keyOf = (s: RiskSignal) => issueKey({ sector: s.sector, subject: s.subject, kind: s.kind });

describe('intake on the real servers', () => {
  let worker: INestApplication;
  let intake: INestApplication | undefined;
  let observer: Observer;

  const publish = async (subject: string, data: string, msgID?: string) =>
    observer.nc.jetstream().publish(subject, data, msgID ? { msgID } : {});

  beforeAll(async () => {
    observer = await Observer.open(config);
    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
  });

  afterAll(async () => {
    await intake?.close();
    await worker?.close();
    await observer?.close();
  });

  it('puts each unusable message on the dead-letter stream with its reason and payload, and keeps going', async () => {
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    const good = signal(1, 'DL');
    const tampered = { ...signal(2, 'DL'), summary: 'edited after hashing' };
    const badField = signal(3, 'DL');
    const malformed: Array<[string, string, DeadLetter['reason']]> = [
      [subs.signal('education', 'not_returned'), '{"version": 1, "sector": ', 'not_json'],
      [
        subs.signal('roads', 'potholes'),
        JSON.stringify({ ...good, sector: 'roads' }),
        'unknown_sector',
      ],
      [subs.signal('education', 'not_returned'), JSON.stringify(tampered), 'invalid_signal'],
      [
        subs.signal('education', 'not_returned'),
        JSON.stringify({ ...badField, subject: { ...badField.subject, villageCode: 'x' } }),
        'invalid_signal',
      ],
      [subs.signal('education', 'dropped_out'), JSON.stringify(good), 'subject_mismatch'],
    ];
    for (const [subject, data] of malformed) await publish(subject, data);
    await publish(subs.signal('education', 'not_returned'), JSON.stringify(good), good.signalId);

    // The good signal after the bad ones still opens its issue.
    await until('the good signal opens its issue', async () =>
      (await observer.issueIds()).includes(observer.idOf(keyOf(good))),
    );
    await until('intake caught up', () => observer.intakeCaughtUp());

    const letters = await readDeadLetters(observer, malformed.length);
    expect(letters.map((l) => l.reason)).toEqual(malformed.map(([, , reason]) => reason));
    letters.forEach((letter, i) => {
      expect(letter.payload).toBe(malformed[i][1]);
      expect(letter.payloadEncoding).toBe('utf8');
      expect(letter.subject).toBe(malformed[i][0]);
      expect(letter.stream).toBe(streamNames(config.nats.prefix).signals);
      expect(letter.message).toEqual(expect.any(String));
    });
    expect(letters[3].errors).toEqual([
      {
        field: 'subject.villageCode',
        messages: ['villageCode must be a 12-digit village division code'],
      },
    ]);

    const metrics = await scrape(intake);
    const deadLetters = metrics.filter((m) => m.name === 'sanbao_intake_dead_letters_total');
    expect(Object.fromEntries(deadLetters.map((m) => [m.labels.reason, m.value]))).toEqual({
      not_json: 1,
      unknown_sector: 1,
      invalid_signal: 2,
      subject_mismatch: 1,
    });
    // each message taken at least once (a redelivery would be counted again)
    expect(valueOf(metrics, 'sanbao_intake_signals_received_total')).toBeGreaterThanOrEqual(6);
    expect({
      running: valueOf(metrics, 'sanbao_intake_consumer_state', { state: 'running' }),
      delivered: valueOf(metrics, 'sanbao_intake_signals_delivered_total'),
      deadLettersTotal: valueOf(metrics, 'sanbao_intake_dead_letters_total'),
      stored: valueOf(metrics, 'sanbao_intake_dead_letters_stored'),
    }).toEqual({ running: 1, delivered: 1, deadLettersTotal: 5, stored: 5 });
    expect(await observer.issueIds()).toEqual([observer.idOf(keyOf(good))]);
    await intake.close();
    intake = undefined;
  });

  it('stopped mid-stream and started again, opens exactly one issue per signal: none lost, none doubled', async () => {
    const signals = Array.from({ length: 240 }, (_, i) => signal(i, 'RS'));
    for (const s of signals) {
      await publish(subs.signal(s.sector, s.kind), JSON.stringify(s), s.signalId);
    }
    const before = (await observer.issueIds()).length;

    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    await until(
      'some signals taken',
      async () => (await observer.issueIds()).length >= before + 30,
    );
    await intake.close(); // graceful: the batch in hand is finished and acknowledged first
    intake = undefined;
    const atStop = (await observer.issueIds()).length - before;
    expect(atStop).toBeLessThan(signals.length);

    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    await until('intake caught up', () => observer.intakeCaughtUp(), 120_000);

    const expected = signals.map(keyOf);
    // Visibility (the list of executions) trails the starts by a moment under load; a signal
    // really lost would never show up and time this wait out.
    const ids = await until(
      'every issue listed',
      async () => {
        const listed = await observer.issueIds();
        return expected.every((key) => listed.includes(observer.idOf(key))) ? listed : undefined;
      },
      60_000,
    );
    for (const key of expected) {
      expect(ids.filter((id) => id === observer.idOf(key))).toHaveLength(1);
    }

    const rows = await until(
      'a ledger row per issue',
      async () => {
        const found = await observer.ledgerRows(expected);
        return found.length === expected.length ? found : undefined;
      },
      120_000,
    );
    expect(rows).toHaveLength(signals.length);

    // Each issue got its signal exactly once: one signal in its history, one piece of evidence.
    for (const key of expected) {
      const handle = observer.temporal.workflow.getHandle(observer.idOf(key));
      const history = await handle.fetchHistory();
      const signalled = (history.events ?? []).filter(
        (e) => e.workflowExecutionSignaledEventAttributes,
      );
      expect(signalled).toHaveLength(1);
      const state = await handle.query(issueStateQuery);
      expect(state.evidence).toHaveLength(1);
    }
  });
});

async function readDeadLetters(observer: Observer, count: number): Promise<DeadLetter[]> {
  const jsm = await observer.nc.jetstreamManager();
  const stream = streamNames(observer.config.nats.prefix).deadLetters;
  await jsm.consumers.add(stream, {
    durable_name: 'test-reader',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  const consumer = await observer.nc.jetstream().consumers.get(stream, 'test-reader');
  const letters: DeadLetter[] = [];
  const batch = await consumer.fetch({ max_messages: count, expires: 5000 });
  for await (const msg of batch) {
    letters.push(msg.json<DeadLetter>());
    msg.ack();
  }
  return letters;
}
