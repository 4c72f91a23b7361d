import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import {
  renderEntry,
  renderLapse,
  typedRecord,
  type IssueState,
  type TimelineLang,
} from '@sanbao/domain';
import type {
  IssueAuditEntity,
  IssueLapseEntity,
  IssueNotificationEntity,
} from '@sanbao/persistence';
import { historyJson, ISSUE_WORKFLOWS, type IssueRun, type IssueWorkflows } from '@sanbao/temporal';
import { ApiError } from '../common/api.errors';
import { deadlineEntries } from './deadline-entries';
import { LedgerRepository, type IssueOpening } from './ledger.repository';
import type { AuditTimelineEntry, IssueHistory, LapseTimelineEntry, TimelineEntry } from '../views';

export type { IssueHistory, TimelineEntry } from '../views';

/**
 * An issue's whole story for supervisors: the signed record (audit trail), the time limits the
 * workflow set (from its typed state), lapses with days late, and who was told when.
 */
@Injectable()
export class IssueHistoryService {
  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(ISSUE_WORKFLOWS) private readonly workflows: IssueWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async history(id: string, lang: TimelineLang = 'zh-CN'): Promise<IssueHistory> {
    return this.historyOf(await this.requireOpening(id), lang);
  }

  /** The history of an opening already looked up (its ledger row read once, by the caller). */
  async historyOf(opening: IssueOpening, lang: TimelineLang = 'zh-CN'): Promise<IssueHistory> {
    const key = opening.issueKey;
    const row = opening.row;
    const none = Promise.resolve([]);
    const [audit, lapses, notifications, runs] = await Promise.all([
      opening.ledgerNo ? this.ledger.audit(opening.ledgerNo) : none,
      opening.ledgerNo ? this.ledger.lapses(opening.ledgerNo) : none,
      opening.ledgerNo ? this.ledger.notifications(opening.ledgerNo) : none,
      this.workflows.history(key, opening.openingId ?? undefined),
    ]);
    if (!row && audit.length === 0 && runs.length === 0) {
      throw new ApiError('not_found', `no issue ${opening.ledgerNo ?? key}`);
    }
    const options = { lang, timeZone: this.config.deadlinePolicy.timeZone };
    const timeline = [
      ...auditEntries(audit, notifications, options),
      ...deadlineEntries(await this.finalState(key, runs), options),
      ...lapseEntries(lapses, options),
    ].sort(byTime);
    // The id Temporal knows the opening by: hashed, or the raw key of an issue opened before.
    const workflowId = runs[0]?.workflowId ?? this.workflows.workflowIdOf(key);
    return {
      issueKey: key,
      ledgerNo: row?.ledgerNo ?? null,
      temporal: {
        workflowId,
        namespace: this.config.temporal.namespace,
        webUrl: this.webUrl(workflowId, opening.openingId ?? undefined),
        runs: runs.map((r) => r.runId),
        events: runs.reduce((n, r) => n + (r.history.events?.length ?? 0), 0),
      },
      timeZone: this.config.deadlinePolicy.timeZone,
      lang,
      timeline,
    };
  }

  /** Every run's Temporal history, oldest run first, in the proto JSON form Temporal tools read. */
  async rawHistory(id: string): Promise<{ issueKey: string; runs: unknown[] }> {
    const opening = await this.requireOpening(id);
    const runs = await this.workflows.history(opening.issueKey, opening.openingId ?? undefined);
    if (runs.length === 0) throw new ApiError('not_found', `no workflow for issue ${id}`);
    return {
      issueKey: opening.issueKey,
      runs: runs.map((r) => ({
        runId: r.runId,
        // Proto JSON (enums by name, 64-bit numbers as strings, payloads in base64).
        history: historyJson(r.history),
      })),
    };
  }

  /** The workflow in the Temporal Web UI; with the opening's first run when it is known. */
  webUrl(workflowId: string, firstRunId?: string): string {
    const base = this.config.temporal.uiUrl.replace(/\/+$/, '');
    const workflow = `${base}/namespaces/${encodeURIComponent(this.config.temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
    return firstRunId ? `${workflow}/${encodeURIComponent(firstRunId)}/history` : workflow;
  }

  private async requireOpening(id: string): Promise<IssueOpening> {
    const opening = await this.ledger.opening(id);
    if (!opening) throw new ApiError('not_found', `no issue ${id}`);
    return opening;
  }

  /**
   * The opening's state as its last run holds it (a closed one's final state). Without it (the
   * worker away while the issue is open) the history shows no time limits rather than failing.
   */
  private async finalState(issueKey: string, runs: IssueRun[]): Promise<IssueState | undefined> {
    const last = runs[runs.length - 1];
    if (!last) return undefined;
    try {
      return await this.workflows.readState(issueKey, last.runId);
    } catch {
      return undefined;
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
  options: { lang: TimelineLang; timeZone: string },
): AuditTimelineEntry[] {
  const told = new Map(notifications.map((n) => [n.seq, n]));
  return audit.map((row) => {
    const entry = recordEntry(row, told.get(row.seq));
    const { text, why } = renderEntry(entry, options);
    return { ...entry, text, why };
  });
}

/**
 * A row of the audit table as its timeline entry: the details are the record's payload, its
 * request id and, for a reminder or escalation, who was told. Kind and payload were written
 * together by the workflow (typedRecord), so the entry is of that kind.
 */
function recordEntry(row: IssueAuditEntity, notice?: IssueNotificationEntity): AuditTimelineEntry {
  const record = typedRecord(row);
  return {
    at: row.at.toISOString(),
    kind: record.kind,
    stage: row.stage,
    who: { id: row.actor.id, name: row.actor.name, role: row.actor.role },
    text: '',
    why: null,
    seq: row.seq,
    source: 'audit',
    details: {
      requestId: row.requestId,
      ...record.payload,
      ...(notice
        ? {
            told: notice.notify,
            responsibleUnit: notice.responsibleUnit,
            notifiedAt: notice.at.toISOString(),
          }
        : {}),
    },
  } as AuditTimelineEntry;
}

function lapseEntries(
  lapses: IssueLapseEntity[],
  options: { lang: TimelineLang; timeZone: string },
): LapseTimelineEntry[] {
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
      text: renderLapse(
        {
          unit: lapse.unit,
          stage: lapse.stage,
          dueAt: lapse.dueAt.toISOString(),
          daysLate: rounded,
          done: lapse.resolvedAt !== null,
        },
        options,
      ),
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
