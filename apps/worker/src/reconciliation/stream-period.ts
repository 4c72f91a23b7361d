import { DeliverPolicy, type JsMsg } from 'nats';
import type { NatsService } from '@sanbao/messaging';

/** One message of a stream's period: where it is, when it came, what it holds. */
export interface StreamMessage {
  seq: number;
  subject: string;
  at: number;
  data: Uint8Array;
}

const BATCH = 500;

/**
 * Every message a stream took in [from, to), in stream order, through an ordered consumer
 * (ephemeral, nothing acknowledged: the stream and its durable consumers are not touched).
 * Reading stops at the stream's last message when it started, so a busy stream ends.
 */
export async function* streamPeriod(
  nats: NatsService,
  stream: string,
  from: Date,
  to: Date,
): AsyncGenerator<StreamMessage> {
  const jsm = await nats.jetstreamManager();
  const last = (await jsm.streams.info(stream)).state.last_seq;
  if (last === 0) return;
  const consumer = await nats.jetstream().consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: from.toISOString(),
  });
  for (;;) {
    let seen = 0;
    const batch = await consumer.fetch({ max_messages: BATCH, expires: 2000 });
    for await (const message of batch as AsyncIterable<JsMsg>) {
      seen++;
      const at = Math.floor(message.info.timestampNanos / 1e6);
      if (at >= to.getTime()) return;
      yield { seq: message.seq, subject: message.subject, at, data: message.data };
      if (message.seq >= last) return;
    }
    if (seen === 0) return;
  }
}

/** The stream sequence the durable consumer has acknowledged everything up to (0: none, or no consumer). */
export async function ackFloor(
  nats: NatsService,
  stream: string,
  durable: string,
): Promise<number> {
  const jsm = await nats.jetstreamManager();
  try {
    return (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq;
  } catch {
    return 0;
  }
}
