import { Injectable } from '@nestjs/common';
import {
  ActRecord,
  Escalation,
  IssueActivities,
  IssueEvent,
  IssueEventName,
  IssueFlush,
  IssueState,
  Lapse,
  SECTOR_CODES,
  Sector,
} from '@sanbao/domain';
import { ApplicationFailure } from '@temporalio/common';
import { IssueEventPublisher } from './issue-events.publisher';
import { IssueFlushService } from './issue-flush.service';
import { IssueRecordsRepository } from './issue-records.repository';
import {
  invalidInput,
  lapseExits,
  ledgerYear,
  requireInstant,
  requireLevel,
  requireSector,
  requireSeq,
  requireStage,
  requireNonEmptyText,
  sectorOfIssueKey,
  toAuditRows,
  toLedgerRow,
} from './issue-rows';

/** Every issue event; a Record, so the compiler asks for a new event here. */
const EVENTS: Record<IssueEventName, true> = {
  opened: true,
  stage_changed: true,
  evidence_added: true,
  overdue: true,
  reminded: true,
  escalated: true,
  extension_requested: true,
  extension_decided: true,
  reopened: true,
  sent_back: true,
  rerouted: true,
  merged: true,
  merged_in: true,
  written_off: true,
  closed: true,
};
export const ISSUE_EVENT_NAMES = Object.keys(EVENTS) as IssueEventName[];

const NOTIFY_LEVELS = ['village', 'township', 'bureau', 'leader', 'supervisor'] as const;

/** PostgreSQL error classes no retry can fix: data exceptions (22) and constraint violations (23). */
function isBadData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The issue workflow's I/O, bound into the Temporal worker. Every method is idempotent; a
 * passing outage (database or NATS away) surfaces as a plain error so Temporal retries, and
 * input that can never succeed as a non-retryable ApplicationFailure.
 */
@Injectable()
export class IssueActivitiesService implements Omit<IssueActivities, 'recordNeedsRepair'> {
  constructor(
    private readonly records: IssueRecordsRepository,
    private readonly events: IssueEventPublisher,
    private readonly flush: IssueFlushService,
  ) {}

  /** One workflow step in one transaction (see IssueFlushService); the events via the outbox. */
  writeFlush(flush: IssueFlush): Promise<{ ledgerNo: string }> {
    return this.flush.writeFlush(flush);
  }

  async allocateLedgerNo(input: {
    issueKey: string;
    openingId: string;
    sector: Sector;
    reportedAt: string;
  }): Promise<string> {
    const activity = 'allocateLedgerNo';
    const opening = {
      issueKey: requireNonEmptyText(activity, 'issueKey', input?.issueKey),
      openingId: requireNonEmptyText(activity, 'openingId', input.openingId),
    };
    const sector = requireSector(activity, input.sector);
    const year = ledgerYear(requireInstant(activity, 'reportedAt', input.reportedAt));
    return this.guard(activity, () =>
      this.records.allocateLedgerNo(opening, year, SECTOR_CODES[sector]),
    );
  }

  async saveLedgerRow(state: IssueState): Promise<void> {
    const row = toLedgerRow(state);
    const exits = lapseExits(state);
    await this.guard('saveLedgerRow', () => this.records.saveLedgerRow(row, exits));
  }

  async appendAudit(input: {
    issueKey: string;
    ledgerNo: string;
    records: ActRecord[];
  }): Promise<void> {
    const opening = {
      issueKey: requireNonEmptyText('appendAudit', 'issueKey', input?.issueKey),
      ledgerNo: requireNonEmptyText('appendAudit', 'ledgerNo', input.ledgerNo),
    };
    const rows = toAuditRows(input.records);
    if (rows.length === 0) return;
    await this.guard('appendAudit', () => this.records.appendAudit(opening, rows));
  }

  async recordLapse(input: { issueKey: string; ledgerNo: string; lapse: Lapse }): Promise<void> {
    const activity = 'recordLapse';
    const issueKey = requireNonEmptyText(activity, 'issueKey', input?.issueKey);
    const ledgerNo = requireNonEmptyText(activity, 'ledgerNo', input.ledgerNo);
    const lapse = input.lapse;
    if (typeof lapse !== 'object' || lapse === null)
      throw invalidInput(activity, 'lapse is missing');
    const checked: Lapse = {
      stage: requireStage(activity, 'lapse.stage', lapse.stage),
      unit: requireNonEmptyText(activity, 'lapse.unit', lapse.unit),
      dueAt: requireInstant(activity, 'lapse.dueAt', lapse.dueAt),
      detectedAt: requireInstant(activity, 'lapse.detectedAt', lapse.detectedAt),
      level: requireLevel(activity, lapse.level),
    };
    const sector = sectorOfIssueKey(issueKey);
    const context = sector
      ? undefined
      : await this.guard(activity, () => this.records.ledgerContext(ledgerNo));
    const lapseSector = sector ?? context?.sector;
    if (!lapseSector) {
      throw invalidInput(activity, 'the issue key names no sector and the issue has no ledger row');
    }
    await this.guard(activity, () =>
      this.records.recordLapse({ issueKey, ledgerNo }, lapseSector, checked),
    );
  }

  async publishIssueEvent(event: IssueEvent): Promise<void> {
    const activity = 'publishIssueEvent';
    if (typeof event !== 'object' || event === null) throw invalidInput(activity, 'no event given');
    if (!ISSUE_EVENT_NAMES.includes(event.event)) {
      throw invalidInput(activity, `unknown event ${JSON.stringify(event.event)}`);
    }
    // Only the contract's fields go out: nothing the workflow carries besides them leaks.
    const message = {
      issueKey: requireNonEmptyText(activity, 'issueKey', event.issueKey),
      ledgerNo: requireNonEmptyText(activity, 'ledgerNo', event.ledgerNo),
      event: event.event,
      seq: requireSeq(activity, 'seq', event.seq),
      at: requireInstant(activity, 'at', event.at),
      sector: requireSector(activity, event.sector),
      townshipCode: requireNonEmptyText(activity, 'townshipCode', event.townshipCode),
      villageCode: requireNonEmptyText(activity, 'villageCode', event.villageCode),
      stage: requireStage(activity, 'stage', event.stage),
      data: event.data ?? {},
    };
    // `event` and `data` are the workflow's one effect: they belong together.
    await this.events.publish(message as IssueEvent);
  }

  /**
   * Stores the notification, then publishes it as `reminded` (yellow: the unit reminded, the
   * next level up told) or `escalated` (red: county leaders and supervisors told).
   */
  async notifyEscalation(escalation: Escalation): Promise<void> {
    const activity = 'notifyEscalation';
    if (typeof escalation !== 'object' || escalation === null) {
      throw invalidInput(activity, 'no escalation given');
    }
    const notify = escalation.notify;
    if (
      !Array.isArray(notify) ||
      notify.length === 0 ||
      !notify.every((level) => (NOTIFY_LEVELS as readonly unknown[]).includes(level))
    ) {
      throw invalidInput(activity, `notify must list some of ${NOTIFY_LEVELS.join(', ')}`);
    }
    const checked: Escalation & { ledgerNo: string } = {
      issueKey: requireNonEmptyText(activity, 'issueKey', escalation.issueKey),
      ledgerNo: requireNonEmptyText(activity, 'ledgerNo', escalation.ledgerNo),
      seq: requireSeq(activity, 'seq', escalation.seq),
      stage: requireStage(activity, 'stage', escalation.stage),
      level: requireLevel(activity, escalation.level),
      responsibleUnit: requireNonEmptyText(activity, 'responsibleUnit', escalation.responsibleUnit),
      notify: [...new Set(notify)],
      dueAt: requireInstant(activity, 'dueAt', escalation.dueAt),
      at: requireInstant(activity, 'at', escalation.at),
    };
    const event = checked.level === 'red' ? 'escalated' : 'reminded';
    await this.guard(activity, () => this.records.recordNotification(checked, event));
    const context = await this.guard(activity, () => this.records.ledgerContext(checked.ledgerNo));
    if (!context) {
      // The workflow saves the ledger row when the issue opens; until then there is nobody to
      // address the event to, so this retries rather than publishing an event without codes.
      throw ApplicationFailure.retryable(
        `${activity}: the issue has no ledger row yet; save it first`,
        'LedgerRowMissing',
      );
    }
    await this.events.publish({
      issueKey: checked.issueKey,
      ledgerNo: checked.ledgerNo,
      event,
      seq: checked.seq,
      at: checked.at,
      sector: context.sector as Sector,
      townshipCode: context.townshipCode,
      villageCode: context.villageCode,
      stage: checked.stage,
      data: {
        level: checked.level,
        responsibleUnit: checked.responsibleUnit,
        notify: checked.notify,
        dueAt: checked.dueAt,
      },
    });
  }

  /** Database errors: bad data fails for good; anything else (connection, timeout) is retried. */
  private async guard<T>(activity: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isBadData(error)) {
        throw invalidInput(activity, error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  }
}
