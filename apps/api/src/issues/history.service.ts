import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import type {
  IssueAuditEntity,
  IssueLapseEntity,
  IssueNotificationEntity,
} from '@sanbao/persistence';
import { TemporalClientService } from '@sanbao/temporal';
import { WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History, Payload } from '@temporalio/common/lib/proto-utils';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { ApiError } from '../common/api.errors';
import { LedgerRepository, type IssueOpening } from './ledger.repository';
import { describeRecord } from './plain-language';
import type { IssueHistory, TimelineEntry } from '../views';

export type { IssueHistory, TimelineEntry } from '../views';

interface Run {
  runId: string;
  history: History;
}

/**
 * An issue's whole story for supervisors: the signed record (audit trail), the time limits the
 * workflow set (from its Temporal history), lapses with days late, and who was told when.
 */
@Injectable()
export class IssueHistoryService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly temporal: TemporalClientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async history(id: string): Promise<IssueHistory> {
    return this.historyOf(await this.requireOpening(id));
  }

  /** The history of an opening already looked up (its ledger row read once, by the caller). */
  async historyOf(opening: IssueOpening): Promise<IssueHistory> {
    const key = opening.issueKey;
    const row = opening.row;
    const none = Promise.resolve([]);
    const [audit, lapses, notifications, runs] = await Promise.all([
      opening.ledgerNo ? this.ledger.audit(opening.ledgerNo) : none,
      opening.ledgerNo ? this.ledger.lapses(opening.ledgerNo) : none,
      opening.ledgerNo ? this.ledger.notifications(opening.ledgerNo) : none,
      this.runs(opening),
    ]);
    if (!row && audit.length === 0 && runs.length === 0) {
      throw new ApiError('not_found', `no issue ${opening.ledgerNo ?? key}`);
    }
    const timeline = [
      ...auditEntries(audit, notifications),
      ...deadlineEntries(runs),
      ...lapseEntries(lapses),
    ].sort(byTime);
    return {
      issueKey: key,
      ledgerNo: row?.ledgerNo ?? null,
      temporal: {
        workflowId: key,
        namespace: this.temporal.namespace,
        webUrl: this.webUrl(key, opening.openingId ?? undefined),
        runs: runs.map((r) => r.runId),
        events: runs.reduce((n, r) => n + (r.history.events?.length ?? 0), 0),
      },
      timeline,
    };
  }

  /** Every run's Temporal history, oldest run first, in the proto JSON form Temporal tools read. */
  async rawHistory(id: string): Promise<{ issueKey: string; runs: unknown[] }> {
    const opening = await this.requireOpening(id);
    const runs = await this.runs(opening);
    if (runs.length === 0) throw new ApiError('not_found', `no workflow for issue ${id}`);
    return {
      issueKey: opening.issueKey,
      runs: runs.map((r) => ({
        runId: r.runId,
        // Proto JSON (enums by name, 64-bit numbers as strings, payloads in base64).
        history: temporal.api.history.v1.History.fromObject(r.history).toJSON(),
      })),
    };
  }

  /** The workflow in the Temporal Web UI; with the opening's first run when it is known. */
  webUrl(issueKey: string, firstRunId?: string): string {
    const base = this.config.temporal.uiUrl.replace(/\/+$/, '');
    const workflow = `${base}/namespaces/${encodeURIComponent(this.temporal.namespace)}/workflows/${encodeURIComponent(issueKey)}`;
    return firstRunId ? `${workflow}/${encodeURIComponent(firstRunId)}/history` : workflow;
  }

  private async requireOpening(id: string): Promise<IssueOpening> {
    const opening = await this.ledger.opening(id);
    if (!opening) throw new ApiError('not_found', `no issue ${id}`);
    return opening;
  }

  /**
   * Every run of the opening, oldest first: from its first run forward through continue-as-new.
   * An opening of unknown first run (a key just started, or numbered before openings were
   * named) is the chain of the key's latest run, whose first run Temporal tells.
   */
  private async runs(opening: IssueOpening): Promise<Run[]> {
    const client = this.temporal.client.workflow;
    const runs: Run[] = [];
    let runId = opening.openingId ?? (await this.latestChainStart(opening.issueKey));
    while (runId && runs.length < 1000) {
      let history: History;
      try {
        history = await client.getHandle(opening.issueKey, runId).fetchHistory();
      } catch (error) {
        // Past the namespace's retention a closed opening's history is gone; its record stays.
        if (error instanceof WorkflowNotFoundError) break;
        throw error;
      }
      runs.push({ runId, history });
      const events = history.events ?? [];
      const last = events[events.length - 1];
      runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId || undefined;
    }
    return runs;
  }

  /** The first run of the chain the key's latest run belongs to. */
  private async latestChainStart(issueKey: string): Promise<string | undefined> {
    try {
      const latest = await this.temporal.client.workflow.getHandle(issueKey).describe();
      return latest.raw.workflowExecutionInfo?.firstRunId || latest.runId;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

function byTime(a: TimelineEntry, b: TimelineEntry): number {
  const t = Date.parse(a.at) - Date.parse(b.at);
  if (t !== 0) return t;
  // Same instant: the record's order, then deadlines after the act that set them.
  return (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER);
}

function auditEntries(
  audit: IssueAuditEntity[],
  notifications: IssueNotificationEntity[],
): TimelineEntry[] {
  const told = new Map(notifications.map((n) => [n.seq, n]));
  return audit.map((entry) => {
    const notice = told.get(entry.seq);
    const { text, why } = describeRecord(entry);
    return {
      at: entry.at.toISOString(),
      kind: entry.kind,
      stage: entry.stage,
      who: { id: entry.actor.id, name: entry.actor.name, role: entry.actor.role },
      text,
      why,
      seq: entry.seq,
      source: 'audit',
      details: {
        requestId: entry.requestId,
        ...entry.payload,
        ...(notice
          ? { told: notice.notify, responsibleUnit: notice.responsibleUnit, notifiedAt: notice.at }
          : {}),
      },
    };
  });
}

function lapseEntries(lapses: IssueLapseEntity[]): TimelineEntry[] {
  return lapses.map((lapse) => {
    const daysLate = lapse.daysLate ?? (Date.now() - lapse.dueAt.getTime()) / (24 * 3600 * 1000);
    const rounded = Math.round(daysLate * 1000) / 1000;
    const end = lapse.resolvedAt ? lapse.resolvedAt.getTime() : Date.now();
    const secondsLate = Math.round((end - lapse.dueAt.getTime()) / 100) / 10;
    return {
      at: lapse.detectedAt.toISOString(),
      kind: 'lapse',
      stage: lapse.stage,
      who: null,
      text:
        `Lapse recorded against ${lapse.unit} for ${lapse.stage}: due ${lapse.dueAt.toISOString()}, ` +
        (lapse.resolvedAt
          ? `done ${rounded} days late`
          : `still waiting, ${rounded} days late so far`),
      why: null,
      seq: null,
      source: 'accountability',
      details: {
        unit: lapse.unit,
        dueAt: lapse.dueAt.toISOString(),
        level: lapse.level,
        resolvedAt: lapse.resolvedAt ? lapse.resolvedAt.toISOString() : null,
        daysLate: rounded,
        secondsLate,
      },
    };
  });
}

/**
 * The time limits, as the workflow published them: each change of its IssueNextDueAt search
 * attribute is a new limit for the stage it was at (IssueStage of the same or an earlier upsert).
 */
function deadlineEntries(runs: Run[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let stage: string | null = null;
  let lastDue: string | null = null;
  for (const { history } of runs) {
    for (const event of history.events ?? []) {
      const fields =
        event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      if (!fields) continue;
      const nextStage = keyword(fields.IssueStage);
      if (nextStage) stage = nextStage;
      if (!('IssueNextDueAt' in fields)) continue;
      const due = keyword(fields.IssueNextDueAt);
      if (!due || due === lastDue) {
        lastDue = due ?? null;
        continue;
      }
      lastDue = due;
      const dueIso = new Date(due).toISOString();
      entries.push({
        at: new Date(tsToMs(event.eventTime)).toISOString(),
        kind: 'deadline',
        stage,
        who: null,
        text: `Time limit set for ${stage ?? 'the stage'}: due ${dueIso}`,
        why: null,
        seq: null,
        source: 'temporal',
        details: { dueAt: dueIso, eventId: String(event.eventId) },
      });
    }
  }
  return entries;
}

function keyword(payload: Payload | null | undefined): string | null {
  if (!payload || !payload.data || payload.data.length === 0) return null;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : null;
  return typeof value === 'string' ? value : null;
}
