import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { IssueEvent } from '@sanbao/domain';
import { NatsService } from '@sanbao/messaging';
import { Database } from '@sanbao/persistence';
import type { QueryResult } from 'typeorm';
import { IssueEventPublisher } from './issue-events.publisher';

/** How many outbox rows one relay transaction publishes at most. */
const BATCH = 256;
/** Rows committed by a worker that died (or by another worker) are found by this poll. */
const POLL_MS = 500;
/** Sent rows are kept as long as the stream remembers message ids (its duplicate window). */
const KEEP_SENT = '2 days';
const PRUNE_EVERY_MS = 10 * 60_000;
/**
 * One relay at a time across the workers of a deployment (NATS prefix): events of an issue go
 * out in the order written. Holding the lock ($1), it marks the oldest unsent rows of the prefix
 * sent and returns them; without it, nothing.
 */
const RELAY_TAKE = `
  WITH relay AS (SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked)
  UPDATE issue_outbox o SET sent_at = now()
  WHERE o.id IN (
    SELECT id FROM issue_outbox, relay
    WHERE relay.locked AND prefix = $2 AND sent_at IS NULL
    ORDER BY id LIMIT $3)
  RETURNING o.id, o.payload`;

/**
 * Publishes the issue events `writeFlush` committed to `issue_outbox`, oldest first, each with
 * its message id, and marks them sent in the same transaction that read them. A crash after the
 * publish and before the commit publishes them again with the same id: JetStream drops the
 * repeat, so each event is in the stream once. `kick()` (after a flush commits) starts a pass at
 * once; a short poll covers rows another worker (or a dead one) left behind.
 */
@Injectable()
export class IssueOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IssueOutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private lastPrune = 0;

  constructor(
    private readonly database: Database,
    private readonly publisher: IssueEventPublisher,
    private readonly nats: NatsService,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling and waits for a pass under way (tests stop it to play a crashed worker). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** New rows are committed: relay them now (a pass under way goes round once more). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Publishes every unsent row; returns how many went out (tests call it directly). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, POLL_MS);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    if (!this.database.isConnected) return;
    try {
      await this.drain();
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await this.database.source.query(
          `DELETE FROM issue_outbox WHERE prefix = $1 AND sent_at < now() - interval '${KEEP_SENT}'`,
          [this.nats.prefix],
        );
      }
    } catch (error) {
      // NATS or the database away: the rows stay unsent and the next pass tries again.
      this.logger.warn(
        `outbox relay paused: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private relayBatch(): Promise<number> {
    return this.database.source.transaction(async (manager) => {
      // One statement: the relay lock, then the oldest unsent rows marked sent (uncommitted
      // until they are published: a failed publish rolls the marks back).
      const taken: QueryResult = await manager.queryRunner!.query(
        RELAY_TAKE,
        [`issue_outbox:${this.nats.prefix}`, this.nats.prefix, BATCH],
        true,
      );
      const rows = (taken.records ?? []) as Array<{ id: string; payload: IssueEvent }>;
      if (rows.length === 0) return 0;
      // RETURNING keeps no order: the oldest first, as written (ids are bigints, as text).
      rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      // One NATS connection keeps publish order; the acks are awaited together.
      await Promise.all(rows.map((row) => this.publisher.publish(row.payload)));
      return rows.length;
    });
  }
}
