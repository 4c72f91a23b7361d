import { Injectable, Logger } from '@nestjs/common';
import { RiskSignal, streamNames, subjects } from '@sanbao/contracts';
import { NatsService } from '@sanbao/messaging';
import { headers as natsHeaders } from 'nats';
import { IngestError } from './ingest.error';

const CONCURRENCY = 128;

/**
 * Publishes risk signals on the signal stream, each with its signal id as Nats-Msg-Id: the
 * stream keeps one message per id within its duplicate window, and says when it already had it.
 */
@Injectable()
export class SignalPublisher {
  private readonly logger = new Logger('SignalPublisher');
  private streams?: Promise<unknown>;

  constructor(private readonly nats: NatsService) {}

  async publish(signals: RiskSignal[]): Promise<{ raised: number; duplicate: number }> {
    let raised = 0;
    let duplicate = 0;
    try {
      await this.ensureStreams();
      const js = this.nats.jetstream();
      const subs = subjects(this.nats.prefix);
      const stream = streamNames(this.nats.prefix).signals;
      let next = 0;
      const worker = async () => {
        while (next < signals.length) {
          const signal = signals[next++];
          const h = natsHeaders();
          h.set('Content-Type', 'application/json');
          const ack = await js.publish(
            subs.signal(signal.sector, signal.kind),
            JSON.stringify(signal),
            { msgID: signal.signalId, expect: { streamName: stream }, headers: h },
          );
          if (ack.duplicate) duplicate += 1;
          else raised += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, signals.length) }, worker));
    } catch (error) {
      this.logger.warn(
        `publishing stopped after ${raised + duplicate} of ${signals.length} signals: ${describe(error)}`,
      );
      throw new IngestError(
        'unavailable',
        'the signal stream cannot be reached; send the batch again later (signals already published are not raised twice)',
      );
    }
    return { raised, duplicate };
  }

  private ensureStreams(): Promise<unknown> {
    this.streams ??= this.nats.ensureStreams().catch((error: unknown) => {
      this.streams = undefined;
      throw error;
    });
    return this.streams;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
