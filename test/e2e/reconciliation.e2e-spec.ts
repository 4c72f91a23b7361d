import { INestApplication } from '@nestjs/common';
import { subjects, type RiskSignal } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { issueWorkflowId } from '@sanbao/temporal';
import type { ReconciliationReport } from '@sanbao/workflows';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { ApiStack, eventually, PASSWORD } from '../support/api-stack';
import { saveHistoryFixture } from '../support/issue/histories';
import { OwnDatabase } from '../support/own-database';
import { notReturnedSignal } from '../support/signals';
import { boot, Observer } from './sector-support';

const keyOf = (s: RiskSignal) => issueKey({ sector: s.sector, subject: s.subject, kind: s.kind });

/**
 * Issue 12: no issue without a ledger row, and the reconciliation that proves it. Real
 * Temporal, NATS and PostgreSQL; the API, the worker and the intake in-process.
 */
describe('reconciliation and needs-repair', () => {
  let stack: ApiStack;
  let intake: INestApplication;
  let observer: Observer;
  let admin: string;
  const startedAt = new Date(Date.now() - 60_000).toISOString();
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();

  let database: OwnDatabase | undefined;

  beforeAll(async () => {
    // A database of its own: the reconciliation reads every open ledger row of the database.
    database = await OwnDatabase.create(OwnDatabase.url('recon'));
    stack = await ApiStack.start('recon', { env: { DATABASE_URL: database.url } });
    intake = await boot((c) => IntakeAppModule.forRoot(c), stack.config);
    observer = await Observer.open(stack.config);
    await stack.createAdmin(`admin${tag.toLowerCase()}`, PASSWORD);
    admin = await stack.signIn(`admin${tag.toLowerCase()}`, PASSWORD);
  });

  afterAll(async () => {
    await intake?.close();
    await observer?.close();
    await stack?.close();
    await database?.drop();
  });

  const idOf = (key: string) => issueWorkflowId(stack.config.temporal.workflowIdSecret, key);

  async function raise(s: RiskSignal): Promise<void> {
    await observer.nc
      .jetstream()
      .publish(subjects(stack.config.nats.prefix).signal(s.sector, s.kind), JSON.stringify(s), {
        msgID: s.signalId,
      });
  }

  async function ledgerRow(key: string) {
    const rows = await stack.query<{ ledger_no: string; stage: string }>(
      'SELECT ledger_no, stage FROM issue_ledger WHERE issue_key = $1',
      [key],
    );
    return rows[0];
  }

  async function runNow(): Promise<ReconciliationReport> {
    const response = await stack
      .as(admin)
      .post('/reconciliation/runs', { from: startedAt, to: new Date().toISOString() });
    expect(response.status).toBe(200);
    return response.body as ReconciliationReport;
  }

  it('finds a ledger row deleted by hand and puts it back at its workflow stage', async () => {
    const signal = notReturnedSignal({ householdId: `HRD${tag}`, personRef: `CRD${tag}` });
    const key = keyOf(signal);
    await raise(signal);
    const before = await eventually(() => ledgerRow(key), Boolean, 'the ledger row', 60_000);
    await stack.query('DELETE FROM issue_ledger WHERE issue_key = $1', [key]);
    expect(await ledgerRow(key)).toBeUndefined();

    const report = await runNow();
    expect(report.lost).toBe(0);
    expect(report.doubled).toBe(0);
    expect(report.signals.count).toBeGreaterThanOrEqual(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        kind: 'workflow_without_ledger_row',
        workflowId: idOf(key),
        ledgerNo: before.ledger_no,
        workflowStage: 'verification',
        action: 'repaired',
      }),
    );
    expect(await ledgerRow(key)).toEqual({ ledger_no: before.ledger_no, stage: 'verification' });
    // The report is kept and read back as the last one.
    const latest = await stack.as(admin).get('/reconciliation/reports/latest');
    expect(latest.status).toBe(200);
    expect(latest.body.report).toMatchObject({ id: report.id, lost: 0 });
    // Nothing left to find: a second run repairs nothing.
    const again = await runNow();
    expect(again.findings.filter((f) => f.workflowId === idOf(key))).toEqual([]);
  });

  it('marks an issue whose flush fails for good as needing repair, and the repair clears it', async () => {
    const signal = notReturnedSignal({ householdId: `HNR${tag}`, personRef: `CNR${tag}` });
    const key = keyOf(signal);
    // A fault of this test's own making: the ledger refuses this one issue's row for good.
    const fn = `refuse_${tag.toLowerCase()}`;
    await stack.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.issue_key = '${key}' THEN
           RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await stack.query(
      `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON issue_ledger
       FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      await raise(signal);
      const marks = await eventually(
        async () =>
          (await stack.as(admin).get('/reconciliation/repairs')).body as Array<{
            workflowId: string;
            reason: string;
            sector: string;
          }>,
        (list) => list.some((m) => m.workflowId === idOf(key)),
        'the needs-repair mark',
        60_000,
      );
      const mark = marks.find((m) => m.workflowId === idOf(key))!;
      expect(mark).toMatchObject({ sector: 'education', repairedAt: null });
      expect(mark.reason).toContain('SQLSTATE 23514');
      // The mark names no household: neither the key nor its numbers.
      expect(JSON.stringify(mark)).not.toContain(`HNR${tag}`);
      expect(await ledgerRow(key)).toBeUndefined();
    } finally {
      await stack.query(`DROP TRIGGER IF EXISTS ${fn} ON issue_ledger`);
      await stack.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }

    const report = await runNow();
    expect(report.findings).toContainEqual(
      expect.objectContaining({ workflowId: idOf(key), action: 'repaired' }),
    );
    expect(await ledgerRow(key)).toMatchObject({ stage: 'verification' });
    const after = (await stack.as(admin).get('/reconciliation/repairs')).body as Array<{
      workflowId: string;
    }>;
    expect(after.map((m) => m.workflowId)).not.toContain(idOf(key));
    // The audit trail is back too: the opening's records, from the workflow's state.
    const audit = await stack.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM issue_audit WHERE issue_key = $1',
      [key],
    );
    expect(audit[0].n).toBeGreaterThan(0);
    // The replay fixture of this path (npm run test:histories refreshes it).
    if (process.env.SANBAO_SAVE_HISTORIES === '1') {
      await saveHistoryFixture(observer.temporal, idOf(key), 'needs-repair');
    }
  });

  it('keeps its Temporal Schedule, made by the worker at start', async () => {
    const scheduleId = `reconciliation:${stack.config.temporal.taskQueue}`;
    const schedule = await eventually(
      () =>
        observer.temporal.schedule
          .getHandle(scheduleId)
          .describe()
          .catch(() => undefined),
      Boolean,
      'the reconciliation schedule',
    );
    expect(schedule!.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'reconciliationWorkflow',
      taskQueue: stack.config.temporal.taskQueue,
    });
    expect(schedule!.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
  });

  it('refuses a period that runs backwards or is not a real time, and anyone but a supervisor or admin', async () => {
    const backwards = await stack.as(admin).post('/reconciliation/runs', {
      from: '2026-03-02T00:00:00+08:00',
      to: '2026-03-01T00:00:00+08:00',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.fields.from).toBeDefined();
    const unreal = await stack
      .as(admin)
      .post('/reconciliation/runs', { from: '2026-02-30T00:00:00+08:00' });
    expect(unreal.status).toBe(422);
    const nul = await stack
      .as(admin)
      .post('/reconciliation/runs', { to: '2026-03-01T00:00:00\u0000' });
    expect(nul.status).toBe(422);
    expect((await stack.http.get('/reconciliation/repairs')).status).toBe(401);
  });
});
