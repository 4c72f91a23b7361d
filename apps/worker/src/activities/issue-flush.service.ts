import { Injectable } from '@nestjs/common';
import {
  Escalation,
  IssueEvent,
  IssueFlush,
  Lapse,
  SECTOR_CODES,
  type Sector,
} from '@sanbao/domain';
import { NatsService } from '@sanbao/messaging';
import { Database } from '@sanbao/persistence';
import type { EntityManager } from 'typeorm';
import { ISSUE_EVENT_NAMES } from './issue-activities.service';
import { IssueEventPublisher } from './issue-events.publisher';
import { IssueOutboxRelay } from './issue-outbox.relay';
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
  toAuditRows,
  toLedgerRow,
} from './issue-rows';

const ACTIVITY = 'writeFlush';
const NOTIFY_LEVELS = ['village', 'township', 'bureau', 'leader', 'supervisor'] as const;

/**
 * Flushes written in one transaction at most. The worker lets as many local activities run at
 * once: they wait here for the one writer, not for a connection.
 */
export const MAX_FLUSH_BATCH = 64;

/** One flush's end in a batch: its ledger number, or why it failed alone. */
type FlushOutcome = { ledgerNo: string } | { error: unknown };

interface PendingFlush {
  flush: IssueFlush;
  resolve: (ledgerNo: string) => void;
  reject: (error: unknown) => void;
}

/** Bad data fails for good; anything else (connection, timeout, a lost race) is retried. */
function activityError(error: unknown): unknown {
  if (!isBadData(error)) return error;
  // Codes and names only: PostgreSQL's message may quote the value (a household number), and
  // this one is kept in the workflow's history and the "needs repair" mark.
  const { code, constraint, table } = error as {
    code: string;
    constraint?: string;
    table?: string;
  };
  const where = [constraint && `constraint ${constraint}`, table && `table ${table}`]
    .filter(Boolean)
    .join(', ');
  return invalidInput(
    ACTIVITY,
    `the database refused the data (SQLSTATE ${code}${where ? `, ${where}` : ''})`,
  );
}

/** PostgreSQL error classes no retry can fix: data exceptions (22) and constraint violations (23). */
function isBadData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * One workflow step's writes in one transaction: ledger number (on the first flush), audit
 * entries, lapses, the ledger row (which settles lapses left behind), notifications and the
 * step's events in the outbox. The old path spent a workflow task and a round trip on each.
 * Every statement is idempotent, so a retried flush (a local activity retries from scratch)
 * leaves the tables as the first one did; the outbox's unique message id keeps its events once.
 */
@Injectable()
export class IssueFlushService {
  constructor(
    private readonly database: Database,
    private readonly records: IssueRecordsRepository,
    private readonly relay: IssueOutboxRelay,
    private readonly nats: NatsService,
  ) {}

  private readonly queue: PendingFlush[] = [];
  private writing = false;

  async writeFlush(flush: IssueFlush): Promise<{ ledgerNo: string }> {
    const checked = checkFlush(flush);
    const ledgerNo = await new Promise<string>((resolve, reject) => {
      this.queue.push({ flush: checked, resolve, reject });
      this.drain();
    });
    // Committed: the relay publishes now rather than on its next poll.
    if (checked.events.length + checked.notifications.length > 0) this.relay.kick();
    return { ledgerNo };
  }

  /**
   * Flushes that arrive while a transaction is under way are written together in the next one;
   * when one of them fails, the batch is written again with each flush inside a savepoint of
   * its own (it succeeds or fails alone). New issues take the counter row of their year and
   * sector, which stays locked until commit: one commit (one WAL flush) for many of them,
   * instead of each waiting for the previous one's.
   */
  private drain(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const batch = this.queue.splice(0, MAX_FLUSH_BATCH);
    void this.writeBatch(batch).finally(() => {
      this.writing = false;
      this.drain();
    });
  }

  private async writeBatch(batch: PendingFlush[]): Promise<void> {
    let outcomes: FlushOutcome[];
    try {
      // All together first, without savepoints (two round trips a flush): the common case.
      outcomes = await this.database.source.transaction(async (manager) => {
        const written: Array<{ ledgerNo: string }> = [];
        for (const { flush } of batch)
          written.push({ ledgerNo: await this.writeOne(manager, flush) });
        return written;
      });
    } catch (error) {
      // A flush or the transaction failed and nothing is written: alone, the flush is tried
      // again (its activity); in a batch, each one again in a savepoint of its own.
      if (batch.length === 1) {
        batch[0].reject(activityError(error));
        return;
      }
      try {
        outcomes = await this.writeEachInSavepoint(batch);
      } catch (again) {
        // The transaction itself failed (a connection, the commit): each flush is tried again.
        for (const item of batch) item.reject(activityError(again));
        return;
      }
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if ('ledgerNo' in outcome) item.resolve(outcome.ledgerNo);
      else item.reject(activityError(outcome.error));
    });
  }

  /** Each flush succeeds or fails alone: the retry of a batch in which one failed. */
  private writeEachInSavepoint(batch: PendingFlush[]): Promise<FlushOutcome[]> {
    return this.database.source.transaction(async (manager) => {
      const outcomes: FlushOutcome[] = [];
      for (const { flush } of batch) {
        await manager.query('SAVEPOINT one_flush');
        try {
          outcomes.push({ ledgerNo: await this.writeOne(manager, flush) });
          await manager.query('RELEASE SAVEPOINT one_flush');
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT one_flush');
          outcomes.push({ error });
        }
      }
      return outcomes;
    });
  }

  private async writeOne(manager: EntityManager, flush: IssueFlush): Promise<string> {
    const year = ledgerYear(flush.reportedAt);
    const number =
      flush.ledgerNo ??
      (await this.records.allocateLedgerNoIn(
        manager,
        { issueKey: flush.issueKey, openingId: flush.openingId },
        year,
        SECTOR_CODES[flush.sector],
      ));
    await this.write(manager, flush, number);
    return number;
  }

  private async write(manager: EntityManager, flush: IssueFlush, ledgerNo: string): Promise<void> {
    const opening = { issueKey: flush.issueKey, ledgerNo };
    const codes = {
      sector: flush.sector,
      townshipCode: flush.townshipCode,
      villageCode: flush.villageCode,
    };
    const escalations = flush.notifications.map((notice) => ({ ...notice, ledgerNo }));
    const events: IssueEvent[] = flush.events.map(
      (event) => ({ ...opening, ...event, ...codes, data: event.data ?? {} }) as IssueEvent,
    );
    for (const escalation of escalations) {
      events.push({
        ...opening,
        event: notificationEvent(escalation),
        seq: escalation.seq,
        at: escalation.at,
        ...codes,
        stage: escalation.stage,
        data: {
          level: escalation.level,
          responsibleUnit: escalation.responsibleUnit,
          notify: escalation.notify,
          dueAt: escalation.dueAt,
        },
      });
    }
    // The audit entries and the step's events in one statement: neither depends on the rest.
    await this.records.appendAuditAndOutbox(
      opening,
      toAuditRows(flush.records),
      {
        prefix: this.nats.prefix,
        messages: events.map((event) => ({
          id: IssueEventPublisher.messageId(event),
          payload: event,
        })),
      },
      manager,
    );
    // Lapses before the row: saving the row gives them the issue's codes and settles those the
    // snapshot shows left behind, in the same step.
    for (const lapse of flush.lapses) {
      await this.records.recordLapse(opening, flush.sector, lapse, manager);
    }
    if (flush.state) {
      const state = { ...flush.state, ledgerNo };
      await this.records.saveLedgerRow(toLedgerRow(state), lapseExits(state), manager);
    }
    for (const escalation of escalations) {
      await this.records.recordNotification(escalation, notificationEvent(escalation), manager);
    }
  }
}

function notificationEvent(escalation: Escalation): 'reminded' | 'escalated' {
  return escalation.level === 'red' ? 'escalated' : 'reminded';
}

/** The flush as the transaction may trust it; anything malformed fails for good. */
function checkFlush(flush: IssueFlush): IssueFlush {
  if (typeof flush !== 'object' || flush === null) throw invalidInput(ACTIVITY, 'no flush given');
  const list = <T>(field: string, value: T[] | undefined): T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalidInput(ACTIVITY, `${field} must be an array`);
    return value;
  };
  const sector: Sector = requireSector(ACTIVITY, flush.sector);
  return {
    issueKey: requireNonEmptyText(ACTIVITY, 'issueKey', flush.issueKey),
    openingId: requireNonEmptyText(ACTIVITY, 'openingId', flush.openingId),
    sector,
    townshipCode: requireNonEmptyText(ACTIVITY, 'townshipCode', flush.townshipCode),
    villageCode: requireNonEmptyText(ACTIVITY, 'villageCode', flush.villageCode),
    reportedAt: requireInstant(ACTIVITY, 'reportedAt', flush.reportedAt),
    ...(flush.ledgerNo !== undefined
      ? { ledgerNo: requireNonEmptyText(ACTIVITY, 'ledgerNo', flush.ledgerNo) }
      : {}),
    records: list('records', flush.records),
    ...(flush.state ? { state: flush.state } : {}),
    lapses: list('lapses', flush.lapses).map(checkLapse),
    notifications: list('notifications', flush.notifications).map(checkEscalation),
    events: list('events', flush.events).map((event, index) => {
      if (!ISSUE_EVENT_NAMES.includes(event?.event)) {
        throw invalidInput(ACTIVITY, `events[${index}]: unknown event`);
      }
      // Only the contract's fields go out: nothing else the workflow carries leaks.
      return {
        event: event.event,
        seq: requireSeq(ACTIVITY, `events[${index}].seq`, event.seq),
        at: requireInstant(ACTIVITY, `events[${index}].at`, event.at),
        stage: requireStage(ACTIVITY, `events[${index}].stage`, event.stage),
        data: event.data ?? {},
      } as IssueFlush['events'][number];
    }),
  };
}

function checkLapse(lapse: Lapse): Lapse {
  if (typeof lapse !== 'object' || lapse === null) throw invalidInput(ACTIVITY, 'lapse missing');
  return {
    stage: requireStage(ACTIVITY, 'lapse.stage', lapse.stage),
    unit: requireNonEmptyText(ACTIVITY, 'lapse.unit', lapse.unit),
    dueAt: requireInstant(ACTIVITY, 'lapse.dueAt', lapse.dueAt),
    detectedAt: requireInstant(ACTIVITY, 'lapse.detectedAt', lapse.detectedAt),
    level: requireLevel(ACTIVITY, lapse.level),
  };
}

function checkEscalation(escalation: Escalation): Escalation {
  if (typeof escalation !== 'object' || escalation === null) {
    throw invalidInput(ACTIVITY, 'escalation missing');
  }
  const notify = escalation.notify;
  if (
    !Array.isArray(notify) ||
    notify.length === 0 ||
    !notify.every((level) => (NOTIFY_LEVELS as readonly unknown[]).includes(level))
  ) {
    throw invalidInput(ACTIVITY, `notify must list some of ${NOTIFY_LEVELS.join(', ')}`);
  }
  return {
    issueKey: requireNonEmptyText(ACTIVITY, 'escalation.issueKey', escalation.issueKey),
    seq: requireSeq(ACTIVITY, 'escalation.seq', escalation.seq),
    stage: requireStage(ACTIVITY, 'escalation.stage', escalation.stage),
    level: requireLevel(ACTIVITY, escalation.level),
    responsibleUnit: requireNonEmptyText(ACTIVITY, 'responsibleUnit', escalation.responsibleUnit),
    notify: [...new Set(notify)],
    dueAt: requireInstant(ACTIVITY, 'escalation.dueAt', escalation.dueAt),
    at: requireInstant(ACTIVITY, 'escalation.at', escalation.at),
  };
}
