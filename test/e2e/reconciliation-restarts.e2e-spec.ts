import { INestApplication } from '@nestjs/common';
import { RiskSignal, subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { ensureStreams } from '@sanbao/messaging';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { OwnDatabase } from '../support/own-database';
import { notReturnedSignal } from '../support/signals';
import { boot, isolatedConfig, Observer, until } from './sector-support';

// A database of its own: the reconciliation reads every open ledger row of the database.
const config = isolatedConfig('reconrs', {
  INTAKE_BATCH_SIZE: '16',
  DATABASE_URL: OwnDatabase.url('reconrs'),
});
const keyOf = (s: RiskSignal) => issueKey({ sector: s.sector, subject: s.subject, kind: s.kind });

/**
 * Issue 12's acceptance: the intake and the worker stopped mid-stream and started again, then
 * the product's own reconciliation (its workflow, on the real streams, Temporal and ledger)
 * accounts for every signal: none lost, none doubled.
 */
describe('reconciliation after the intake and the worker stopped mid-stream', () => {
  let worker: INestApplication | undefined;
  let intake: INestApplication | undefined;
  let observer: Observer;

  let database: OwnDatabase | undefined;

  beforeAll(async () => {
    database = await OwnDatabase.create(config.database.url);
    observer = await Observer.open(config);
  });

  afterAll(async () => {
    await intake?.close();
    await worker?.close();
    await observer?.close();
    await database?.drop();
  });

  it('reports 0 lost and 0 doubled, every signal with its issue and every issue with its row', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    const signals = Array.from({ length: 160 }, (_, i) =>
      notReturnedSignal({ householdId: `HK${tag}${i}`, personRef: `CK${tag}${i}` }),
    );
    const subs = subjects(config.nats.prefix);
    await ensureStreams(await observer.nc.jetstreamManager(), config.nats.prefix);
    for (const s of signals) {
      await observer.nc
        .jetstream()
        .publish(subs.signal(s.sector, s.kind), JSON.stringify(s), { msgID: s.signalId });
    }
    const keys = signals.map(keyOf);
    const rows = async () => (await observer.ledgerRows(keys)).length;

    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    await until('some issues opened', async () => (await observer.issueIds()).length >= 20);
    // Both go down while signals are in hand and flushes are under way.
    await Promise.all([intake.close(), worker.close()]);
    intake = undefined;
    worker = undefined;
    expect(await rows()).toBeLessThan(signals.length);

    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    await until('intake caught up', () => observer.intakeCaughtUp(), 180_000);
    await until('a ledger row per issue', async () => (await rows()) === signals.length, 180_000);

    const report = await observer.reconcile(`reconciliation-test-${tag}`, from);

    expect(report).toMatchObject({ lost: 0, doubled: 0, notRepaired: 0 });
    expect(report.signals).toMatchObject({
      count: signals.length,
      withIssue: signals.length,
      deadLettered: 0,
      pending: 0,
    });
    expect(report.signals.lastSeq! - report.signals.firstSeq! + 1).toBe(signals.length);
    expect(report.workflows.checked).toBe(signals.length);
    expect(report.findings).toEqual([]);
    // The report is kept.
    const stored = await observer.pg.query('SELECT id FROM reconciliation_reports WHERE id = $1', [
      report.id,
    ]);
    expect(stored.rowCount).toBe(1);
  });
});
