import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { readSignal, streamNames, type DeadLetter } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { NatsService } from '@sanbao/messaging';
import { Database, reconciliationStore } from '@sanbao/persistence';
import { ISSUE_WORKFLOWS, type IssueExecution, type IssueWorkflows } from '@sanbao/temporal';
import {
  FINDINGS_LIMIT,
  type ReconciliationActivities,
  type ReconciliationFinding,
  type ReconciliationReport,
} from '@sanbao/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { IssueRepairsService, type RepairOutcome } from './issue-repairs.service';
import { ackFloor, streamPeriod } from './stream-period';

interface LedgerRow {
  ledger_no: string;
  issue_key: string;
  opening_id: string | null;
  stage: string;
}

type Period = Parameters<ReconciliationActivities['reconcile']>[0];

/** What the signal stream's period holds, signal by signal. */
interface SignalsOfPeriod {
  summary: ReconciliationReport['signals'];
  /** accepted signals (not dead-lettered): stream sequence -> issue key */
  keys: Map<number, string>;
  floor: number;
}

/**
 * The reconciliation (issue 12): for a period, the signals the stream accepted, the issue
 * workflows Temporal's visibility store lists and the ledger rows, compared; what it can, it
 * repairs by re-projecting the workflow's state through the flush's write path; the report
 * says what it found and did, and is stored. Runs as the reconciliation workflow's activity.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly database: Database,
    private readonly nats: NatsService,
    private readonly repairs: IssueRepairsService,
    @Inject(ISSUE_WORKFLOWS) private readonly workflows: IssueWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  activities(): ReconciliationActivities {
    return { reconcile: this.reconcile.bind(this) };
  }

  async reconcile(period: Period): Promise<ReconciliationReport> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    if (!Number.isFinite(from.getTime()) || !Number.isFinite(to.getTime()) || from >= to) {
      throw ApplicationFailure.nonRetryable('the period must run forwards', 'InvalidPeriod');
    }
    const startedAt = new Date().toISOString();
    const findings: ReconciliationFinding[] = [];
    const signals = await this.signalsOf(from, to);
    const executions = await this.executionsOf(from, to);
    const rows = await this.ledgerRowsOf(from, [...signals.keys.values()]);
    const byWorkflow = this.byWorkflowId(rows);

    // 1. Every accepted signal has an issue (its key's workflow), unless the intake has yet to take it.
    const keysWithIssue = new Set(rows.map((r) => r.issue_key));
    let lost = 0;
    let pending = 0;
    let withIssue = 0;
    for (const [seq, key] of signals.keys) {
      if (keysWithIssue.has(key) || (await this.workflows.status(key)) !== undefined) {
        keysWithIssue.add(key);
        withIssue++;
      } else if (seq > signals.floor) {
        pending++;
      } else {
        lost++;
        findings.push({
          kind: 'signal_without_issue',
          streamSeq: seq,
          action: 'not_repaired',
          note: 'taken by the intake, yet no issue: publish the signal again (a new message id)',
        });
      }
    }

    // 2. Every issue workflow has its ledger row, at its workflow's stage.
    for (const execution of executions) {
      const finding = await this.checkExecution(execution, byWorkflow.get(execution.workflowId));
      if (finding) findings.push(finding);
    }

    // 3. No key has two open rows.
    const open = new Map<string, LedgerRow[]>();
    for (const row of rows.filter((r) => r.stage !== 'closed')) {
      open.set(row.issue_key, [...(open.get(row.issue_key) ?? []), row]);
    }
    const doubled = [...open.values()].filter((list) => list.length > 1);
    for (const list of doubled) {
      findings.push({
        kind: 'doubled',
        ledgerNo: list.map((r) => r.ledger_no).join(', '),
        action: 'not_repaired',
        note: 'one issue key with several open ledger rows',
      });
    }

    // 4. Issues their workflow marked "needs repair".
    const seen = new Set(findings.map((f) => f.workflowId));
    for (const mark of await reconciliationStore.openRepairs(this.database.source)) {
      if (seen.has(mark.workflowId)) continue;
      const outcome = await this.repairs.repair(mark.workflowId);
      findings.push(this.finding('needs_repair', mark.workflowId, outcome, mark.ledgerNo));
    }

    const report: ReconciliationReport = {
      from: from.toISOString(),
      to: to.toISOString(),
      trigger: period.trigger,
      startedAt,
      finishedAt: new Date().toISOString(),
      signals: { ...signals.summary, pending, withIssue },
      workflows: {
        checked: executions.length,
        running: executions.filter((e) => e.status === 'RUNNING').length,
      },
      ledgerRows: rows.length,
      lost,
      doubled: doubled.length,
      repaired: findings.filter((f) => f.action === 'repaired').length,
      notRepaired: findings.filter((f) => f.action === 'not_repaired').length,
      needsRepair: await reconciliationStore.countOpenRepairs(this.database.source),
      findings: findings.slice(0, FINDINGS_LIMIT),
    };
    const id = await reconciliationStore.saveReport(this.database.source, report);
    this.logger.log(
      `reconciled ${report.from}..${report.to}: ${signals.keys.size} signals, ` +
        `${executions.length} workflows, ${rows.length} rows; lost ${lost}, doubled ` +
        `${doubled.length}, repaired ${report.repaired}, not repaired ${report.notRepaired}`,
    );
    return { id, ...report };
  }

  /** A finding for an execution whose row is missing or behind, after asking the workflow. */
  private async checkExecution(
    execution: IssueExecution,
    rows: LedgerRow[] = [],
  ): Promise<ReconciliationFinding | undefined> {
    const running = execution.status === 'RUNNING';
    if (!running && execution.status !== 'COMPLETED') return undefined;
    // A running chain's row is its open one; a completed chain's is closed.
    const candidate = rows.find((r) => (r.stage === 'closed') !== running);
    if (candidate && (!running || candidate.stage === execution.stage)) return undefined;
    // Visibility trails a moment behind: the workflow's own state decides.
    const state = await this.workflows
      .readStateOf(execution.workflowId, running ? undefined : execution.runId)
      .catch(() => undefined);
    if (!state?.openingId) return undefined;
    const row = rows.find((r) => r.opening_id === state.openingId);
    if (row && row.stage === state.stage) return undefined;
    const outcome = await this.repairs.reproject(execution.workflowId, state);
    const kind = row ? 'stage_differs' : 'workflow_without_ledger_row';
    return {
      ...this.finding(kind, execution.workflowId, outcome, row?.ledger_no ?? null),
      workflowStage: state.stage,
      ...(row ? { ledgerStage: row.stage } : {}),
    };
  }

  private finding(
    kind: ReconciliationFinding['kind'],
    workflowId: string,
    outcome: RepairOutcome,
    ledgerNo: string | null,
  ): ReconciliationFinding {
    const number = outcome.ledgerNo ?? ledgerNo;
    return {
      kind,
      workflowId,
      ...(number ? { ledgerNo: number } : {}),
      action: outcome.repaired ? 'repaired' : 'not_repaired',
      note: outcome.note,
    };
  }

  /** The period's signals and dead letters, read from the streams. */
  private async signalsOf(from: Date, to: Date): Promise<SignalsOfPeriod> {
    const names = streamNames(this.nats.prefix);
    const deadLettered = new Set<number>();
    // A signal is dead-lettered after it came: from the period's start to now.
    for await (const message of streamPeriod(this.nats, names.deadLetters, from, new Date())) {
      const letter = parseLetter(message.data);
      if (letter?.stream === names.signals) deadLettered.add(letter.streamSeq);
    }
    const keys = new Map<number, string>();
    let first: number | null = null;
    let last: number | null = null;
    let count = 0;
    let dead = 0;
    for await (const message of streamPeriod(this.nats, names.signals, from, to)) {
      first ??= message.seq;
      last = message.seq;
      count++;
      const checked = readSignal(message.data, message.subject, this.nats.prefix);
      if (deadLettered.has(message.seq) || !checked.ok) {
        // A signal the intake refuses is dead-lettered with its reason (or will be).
        dead++;
        continue;
      }
      const { sector, subject, kind } = checked.signal;
      keys.set(message.seq, issueKey({ sector, subject, kind }));
    }
    const floor = await ackFloor(this.nats, names.signals, this.config.intake.consumer);
    return {
      summary: {
        stream: names.signals,
        firstSeq: first,
        lastSeq: last,
        count,
        deadLettered: dead,
        pending: 0,
        withIssue: 0,
      },
      keys,
      floor,
    };
  }

  /** This deployment's issue workflows that ran in the period, and every one still running. */
  private executionsOf(from: Date, to: Date): Promise<IssueExecution[]> {
    const queue = this.config.temporal.taskQueue.replace(/'/g, '');
    return this.workflows.list(
      `TaskQueue = '${queue}' AND ExecutionStatus != 'ContinuedAsNew' AND ` +
        `(ExecutionStatus = 'Running' OR (StartTime >= '${from.toISOString()}' AND StartTime < '${to.toISOString()}'))`,
      100_000,
    );
  }

  /** Rows still open, rows reported since a day before the period, and the signals' keys' rows. */
  private async ledgerRowsOf(from: Date, keys: string[]): Promise<LedgerRow[]> {
    const since = new Date(from.getTime() - 86_400_000);
    return this.database.source.query(
      `SELECT ledger_no, issue_key, opening_id, stage FROM issue_ledger
       WHERE stage <> 'closed' OR reported_at >= $1 OR issue_key = ANY($2)`,
      [since.toISOString(), keys],
    );
  }

  /** Rows by the workflow id their key has (the keyed hash, and the raw key of older issues). */
  private byWorkflowId(rows: LedgerRow[]): Map<string, LedgerRow[]> {
    const map = new Map<string, LedgerRow[]>();
    const add = (id: string, row: LedgerRow) => map.set(id, [...(map.get(id) ?? []), row]);
    for (const row of rows) {
      add(this.workflows.workflowIdOf(row.issue_key), row);
      add(row.issue_key, row);
    }
    return map;
  }
}

function parseLetter(data: Uint8Array): DeadLetter | undefined {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as DeadLetter;
  } catch {
    return undefined;
  }
}
