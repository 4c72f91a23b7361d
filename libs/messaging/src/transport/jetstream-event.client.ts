import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type { PubAck } from 'nats';
import type { NatsService } from '../nats.service';
import { prefixed } from './subject-pattern';

/**
 * An event with the JetStream message id that makes the stream drop a repeated publish (within
 * its duplicate window). `client.emit(pattern, new JetStreamRecord(data, id))`.
 */
export class JetStreamRecord<T = unknown> {
  constructor(
    readonly data: T,
    readonly msgId: string,
  ) {}
}

export interface JetStreamEventClientOptions {
  /** the deployment's subject root (NATS_PREFIX); emitted patterns hang off it */
  prefix: string;
  /** the stream the events must land in (the publish fails rather than go elsewhere) */
  stream: string;
  /** run once before the first publish (and again after it failed): e.g. creating the streams */
  prepare?: () => Promise<unknown>;
}

/**
 * A Nest `ClientProxy` that emits events as JetStream publishes on the process's one NATS
 * connection: plain JSON bodies, a `Nats-Msg-Id` per event, and `emit` completing with the
 * stream's PubAck (`duplicate` says the stream already had that id). Request/reply is not what
 * a stream is for, so `send` fails.
 */
export class JetStreamEventClient extends ClientProxy {
  private readonly encoder = new TextEncoder();
  private prepared?: Promise<unknown>;

  constructor(
    private readonly nats: NatsService,
    private readonly options: JetStreamEventClientOptions,
  ) {
    super();
  }

  /** Waits for NATS only as long as an emit may: a publish while NATS is away fails at once. */
  connect(): Promise<unknown> {
    this.prepared ??= (this.options.prepare?.() ?? Promise.resolve()).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  close(): void {
    // The connection is the process's NatsService's; it closes it.
  }

  unwrap<T>(): T {
    return this.nats.nc as T;
  }

  on(): void {
    // Connection status is reported by NatsService.
  }

  protected async dispatchEvent<T = PubAck>(packet: ReadPacket): Promise<T> {
    const record =
      packet.data instanceof JetStreamRecord ? packet.data : new JetStreamRecord(packet.data, '');
    const ack = await this.nats
      .jetstream()
      .publish(
        prefixed(this.options.prefix, this.normalizePattern(packet.pattern as string)),
        this.encoder.encode(JSON.stringify(record.data)),
        {
          ...(record.msgId ? { msgID: record.msgId } : {}),
          expect: { streamName: this.options.stream },
        },
      );
    return ack as T;
  }

  protected publish(_packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    callback({
      err: new Error('JetStreamEventClient only emits events; use emit(), not send()'),
      isDisposed: true,
    });
    return () => undefined;
  }
}
