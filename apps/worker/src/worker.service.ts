import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { hashIssueKeysAs, TemporalNestLogger } from '@sanbao/runtime';
import { issueWorkflowId } from '@sanbao/temporal';
import { NativeConnection, Runtime, Worker, WorkerOptions } from '@temporalio/worker';
import { issueDataConverter } from '@sanbao/temporal';
import type { IssueActivities } from '@sanbao/domain';
import type { ReconciliationActivities, ReportActivities } from '@sanbao/workflows';
import * as fs from 'fs';
import { IssueActivitiesService, MAX_FLUSH_BATCH } from './activities';
import { ActivityMetrics } from './activity-metrics';
import { ReportActivitiesService } from './activities/report-activities.service';
import { IssueRepairsService } from './reconciliation/issue-repairs.service';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { workflowBundleOptions } from './workflow-bundle';

/**
 * Runs the Temporal worker inside the Nest app. It keeps trying to reach the frontend, so the
 * app starts (and reports down) while Temporal is away; shutdown drains in-flight tasks.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issueActivities: IssueActivitiesService,
    private readonly reportActivities: ReportActivitiesService,
    private readonly repairs: IssueRepairsService,
    private readonly reconciliation: ReconciliationService,
    private readonly activityMetrics: ActivityMetrics,
  ) {}

  get state(): string {
    return this.worker?.getState() ?? 'CONNECTING';
  }

  onApplicationBootstrap(): void {
    // Issue keys in log lines become their workflow ids, as Temporal's UI shows them.
    const secret = this.config.temporal.workflowIdSecret;
    hashIssueKeysAs((key) => issueWorkflowId(secret, key));
    installRuntimeLogging();
    this.running = this.startLoop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close().catch(() => undefined);
  }

  private async startLoop(): Promise<void> {
    let delay = 500;
    while (!this.stopped) {
      try {
        this.connection ??= await NativeConnection.connect({
          address: this.config.temporal.address,
        });
        this.worker = await Worker.create(this.options(this.connection));
        if (this.stopped) return;
        this.logger.log(`polling task queue ${this.config.temporal.taskQueue}`);
        await this.worker.run();
        return;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(
          `worker not running (${error instanceof Error ? error.message : String(error)}); retrying`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** The activities the workflows call, each bound to its Nest service. */
  private activities(): IssueActivities & ReportActivities & ReconciliationActivities {
    const service = this.issueActivities;
    return {
      writeFlush: service.writeFlush.bind(service),
      allocateLedgerNo: service.allocateLedgerNo.bind(service),
      saveLedgerRow: service.saveLedgerRow.bind(service),
      appendAudit: service.appendAudit.bind(service),
      recordLapse: service.recordLapse.bind(service),
      publishIssueEvent: service.publishIssueEvent.bind(service),
      notifyEscalation: service.notifyEscalation.bind(service),
      recordNeedsRepair: this.repairs.recordNeedsRepair.bind(this.repairs),
      ...this.reportActivities.activities(),
      ...this.reconciliation.activities(),
    };
  }

  private options(connection: NativeConnection): WorkerOptions {
    const { workflowBundle, namespace, taskQueue } = this.config.temporal;
    const { activityConcurrency, maxCachedWorkflows } = this.config.worker;
    const activities = this.activities();
    // The same converter as the apps' clients: payloads encrypted when a key is configured.
    const dataConverter = issueDataConverter(this.config.temporal);
    // Explicit limits (issue 16): the cache bounds memory, activities match the pool. Local
    // activities are the issues' flushes, which queue for one writer and its one connection
    // (IssueFlushService): as many run as one transaction takes, so a burst of new issues is
    // written in a few transactions rather than 8 at a time, each flush's workflow task open
    // until its turn.
    const limits = {
      maxCachedWorkflows,
      maxConcurrentActivityTaskExecutions: activityConcurrency,
      maxConcurrentLocalActivityExecutions: Math.max(activityConcurrency, MAX_FLUSH_BATCH),
    };
    const interceptors = { activity: [this.activityMetrics.interceptor] };
    if (workflowBundle && fs.existsSync(workflowBundle)) {
      return {
        connection,
        namespace,
        taskQueue,
        activities,
        dataConverter,
        ...limits,
        interceptors,
        workflowBundle: { codePath: workflowBundle },
      };
    }
    const { workflowsPath, webpackConfigHook, preloadModules } = workflowBundleOptions();
    return {
      connection,
      namespace,
      taskQueue,
      activities,
      dataConverter,
      ...limits,
      interceptors,
      workflowsPath,
      bundlerOptions: { webpackConfigHook, preloadModules },
    };
  }
}

let runtimeInstalled = false;

/**
 * The SDK's logs and Core's (forwarded from Rust instead of written to stderr in colour) go
 * through the app's logger, so production writes one JSON line each, issue keys hashed. WARN and
 * above: the per-task INFO lines would drown the app's own logs.
 */
export function installRuntimeLogging(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: new TemporalNestLogger('WARN'),
      telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } },
    });
  } catch {
    // Already installed by someone else in this process (a test harness): keep theirs.
  }
}
