import { Injectable } from '@nestjs/common';
import { streamNames, subjects } from '@sanbao/contracts';
import type { IssueEvent } from '@sanbao/domain';
import { NatsService } from '@sanbao/messaging';

/**
 * Publishes issue events on JetStream. The message id `${ledgerNo}:${event}:${seq}` makes the
 * stream drop a retried publish (within its two-day duplicate window); the ledger number, not
 * the issue key, so that a key reported again after write-off has events of its own.
 */
@Injectable()
export class IssueEventPublisher {
  private streams?: Promise<unknown>;
  private readonly encoder = new TextEncoder();

  constructor(private readonly nats: NatsService) {}

  static messageId(event: Pick<IssueEvent, 'ledgerNo' | 'event' | 'seq'>): string {
    return `${event.ledgerNo}:${event.event}:${event.seq}`;
  }

  /** Returns whether the stream took it as new (false: a duplicate of an earlier publish). */
  async publish(event: IssueEvent): Promise<{ duplicate: boolean; streamSeq: number }> {
    await this.ensureStreams();
    const ack = await this.nats
      .jetstream()
      .publish(
        subjects(this.nats.prefix).issueEvent(event.event),
        this.encoder.encode(JSON.stringify(event)),
        {
          msgID: IssueEventPublisher.messageId(event),
          expect: { streamName: streamNames(this.nats.prefix).issueEvents },
        },
      );
    return { duplicate: ack.duplicate, streamSeq: ack.seq };
  }

  /** Once per process; a failed attempt (NATS away) is forgotten so the next activity tries again. */
  private ensureStreams(): Promise<unknown> {
    this.streams ??= this.nats.ensureStreams().catch((error: unknown) => {
      this.streams = undefined;
      throw error;
    });
    return this.streams;
  }
}
