import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { patterns } from '@sanbao/contracts';
import type { IssueEvent } from '@sanbao/domain';
import { JetStreamRecord } from '@sanbao/messaging';
import type { PubAck } from 'nats';
import { lastValueFrom } from 'rxjs';

/** The client the issue events go out through (a JetStreamEventClient; see the module). */
export const ISSUE_EVENTS_CLIENT = Symbol('ISSUE_EVENTS_CLIENT');

/**
 * Publishes issue events on JetStream. The message id `${ledgerNo}:${event}:${seq}` makes the
 * stream drop a retried publish (within its two-day duplicate window); the ledger number, not
 * the issue key, so that a key reported again after write-off has events of its own.
 */
@Injectable()
export class IssueEventPublisher {
  constructor(@Inject(ISSUE_EVENTS_CLIENT) private readonly client: ClientProxy) {}

  static messageId(event: Pick<IssueEvent, 'ledgerNo' | 'event' | 'seq'>): string {
    return `${event.ledgerNo}:${event.event}:${event.seq}`;
  }

  /** Returns whether the stream took it as new (false: a duplicate of an earlier publish). */
  async publish(event: IssueEvent): Promise<{ duplicate: boolean; streamSeq: number }> {
    const ack = await lastValueFrom(
      this.client.emit<PubAck>(
        patterns.issueEvent(event.sector, event.event),
        new JetStreamRecord(event, IssueEventPublisher.messageId(event)),
      ),
    );
    return { duplicate: ack.duplicate, streamSeq: ack.seq };
  }
}
