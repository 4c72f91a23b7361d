import { Logger, OnModuleDestroy } from '@nestjs/common';
import { ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { NatsService } from '../nats.service';
import { PlainJsonSerializer, RawRequestDeserializer } from './plain-json';
import { prefixed } from './subject-pattern';

export interface NatsQueueServerOptions {
  /** the deployment's subject root (NATS_PREFIX); handlers' patterns hang off it */
  prefix: string;
  /** queue group shared by the instances of one service, so each request is answered once */
  queue: string;
  serializer?: PlainJsonSerializer;
}

/**
 * Nest's NATS transport (`Transport.NATS`: its request pipeline, `NatsContext`, guards, pipes
 * and filters) on the process's one NATS connection, with three changes of ours:
 * - a handler's `@MessagePattern('ingest.education.*')` is relative to the configured prefix,
 *   so the class can be written before the configuration is read (test runs have their own);
 * - bureaus' plain JSON in and out (see plain-json.ts), no Nest envelope;
 * - stopping drains the subscriptions and answers the requests in hand before the shared
 *   connection closes (onModuleDestroy runs before the global NATS module's).
 * The app connects it with `app.connectMicroservice({ strategy })` (libs/runtime bootstrap).
 */
export class NatsQueueServer extends ServerNats implements OnModuleDestroy {
  private readonly log = new Logger('NatsQueueServer');
  private readonly stop = new AbortController();
  private readonly subs: Subscription[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing?: Promise<void>;

  constructor(
    private readonly nats: NatsService,
    private readonly settings: NatsQueueServerOptions,
  ) {
    super({
      queue: settings.queue,
      serializer: settings.serializer ?? new PlainJsonSerializer(),
      deserializer: new RawRequestDeserializer(),
    });
  }

  /** Ready at once; the subscriptions are made as soon as NATS is reachable. */
  override async listen(callback: (err?: unknown) => void): Promise<void> {
    callback();
    try {
      this.bindEvents(await this.nats.ready(this.stop.signal));
    } catch {
      // Stopped before NATS was ever reached: nothing to subscribe.
    }
  }

  override bindEvents(nc: NatsConnection): void {
    if (this.stop.signal.aborted) return;
    for (const [pattern, handler] of this.messageHandlers) {
      const subject = prefixed(this.settings.prefix, pattern);
      const queue = (handler.extras?.queue as string | undefined) ?? this.settings.queue;
      const sub = nc.subscribe(subject, {
        queue,
        callback: (error, msg) => {
          if (error) {
            this.log.warn(`subscription error on ${subject}: ${error.message}`);
            return;
          }
          this.track(msg, pattern);
        },
      });
      this.subs.push(sub);
      this.log.log(`answering requests on ${subject} (queue ${queue})`);
    }
  }

  override unwrap<T>(): T {
    return this.nats.nc as T;
  }

  override close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** The error boundary: one request failing in an unforeseen way never reaches the others. */
  private track(msg: Msg, pattern: string): void {
    const work: Promise<unknown> = Promise.resolve()
      .then(() => this.handleMessage(pattern, msg))
      .catch((error: unknown) => {
        this.log.error(`request on ${msg.subject} failed: ${describe(error)}`);
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async shutdown(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled(this.subs.filter((sub) => !sub.isClosed()).map((sub) => sub.drain()));
    await Promise.allSettled([...this.inFlight]);
    // Nest sends an answer on the tick after its handler settles.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
