import { Logger, OnModuleDestroy } from '@nestjs/common';
import { ConsumerDeserializer, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { AckPolicy, Consumer, DeliverPolicy, JsMsg, nanos, NatsConnection, NatsError } from 'nats';
import type { NatsService } from '../nats.service';
import { DeadLetterCause, DeadLetterTarget, keepDeadLetter } from './dead-letter';
import { JetStreamContext } from './jetstream.context';
import { RejectedMessage, RetryLater } from './message-outcomes';
import { RawRequestDeserializer } from './plain-json';
import { prefixed, subjectMatches } from './subject-pattern';

/** The transport id `@EventPattern(pattern, JETSTREAM_TRANSPORT)` binds a handler to. */
export const JETSTREAM_TRANSPORT = Symbol('JETSTREAM_PULL');

export type JetStreamConsumerState = 'starting' | 'running' | 'waiting' | 'stopping' | 'stopped';

/** What the transport tells the app about each message, for its counters and status page. */
export interface JetStreamPullHooks {
  state?(state: JetStreamConsumerState): void;
  /** taken from the stream (each delivery, redeliveries included) */
  received?(msg: JsMsg): void;
  acked?(msg: JsMsg): void;
  /** handed back for another try (the handler failed, the limit is not reached) */
  retried?(msg: JsMsg, error: string): void;
  /** handed back because the handler's dependency is away (RetryLater) */
  waiting?(msg: JsMsg, error: string): void;
  /** any failure that was not a rejection: the last one is worth showing */
  failed?(msg: JsMsg, error: string): void;
  deadLettered?(msg: JsMsg, cause: DeadLetterCause): void;
  /** reading the stream failed (NATS away, the consumer gone); the transport starts again */
  interrupted?(error: string): void;
  /** the handler succeeded but NATS did not confirm the acknowledgement */
  ackLost?(msg: JsMsg, error: string): void;
}

export interface JetStreamPullOptions {
  /** the deployment's subject root (NATS_PREFIX); handlers' patterns and the filter hang off it */
  prefix: string;
  stream: string;
  /** durable consumer name: a restarted app goes on where the last one stopped */
  durable: string;
  /** subjects the consumer takes, relative to the prefix (`signal.>`) */
  filter: string;
  /** handlers running at once; a new message is pulled as soon as one finishes */
  maxInFlight: number;
  ackWaitSeconds: number;
  /** deliveries after which a failing message is dead-lettered as `delivery_limit` */
  maxDeliveries: number;
  deadLetters: DeadLetterTarget;
  deliveryLimitMessage?: (deliveries: number) => string;
  /** run before the consumer is made, each time it is (re)made: e.g. creating the streams */
  prepare?: () => Promise<unknown>;
  /** resolves when the dependency a RetryLater named is back; new pulls wait for it */
  waitUntilAvailable?: (signal: AbortSignal) => Promise<void>;
  hooks?: JetStreamPullHooks;
  deserializer?: ConsumerDeserializer;
  /** how long one pull waits for a message before asking again (and noticing a stop) */
  pullExpiresMs?: number;
}

/**
 * A Nest transport for a JetStream durable pull consumer, so that a consuming app is written
 * as `@EventPattern` handlers like any Nest microservice. Each message is acknowledged on its
 * own once its handler succeeds; at most `maxInFlight` run at once, and a new one is pulled as
 * soon as one finishes (no batch waits for its slowest message). A failing handler's message
 * is handed back with a growing delay and dead-lettered with its reason once rejected or
 * after `maxDeliveries`; nothing a handler or a payload does can stop the consumer. Stopping
 * finishes the messages in hand (acknowledged) before the shared connection closes, so a
 * restart neither loses nor repeats one.
 */
export class JetStreamPullServer
  extends Server
  implements CustomTransportStrategy, OnModuleDestroy
{
  override readonly transportId = JETSTREAM_TRANSPORT;
  private readonly log = new Logger('JetStreamPull');
  private readonly stop = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private paused?: Promise<void>;
  private loop?: Promise<void>;
  private closing?: Promise<void>;

  constructor(
    private readonly nats: NatsService,
    private readonly options: JetStreamPullOptions,
  ) {
    super();
    this.deserializer = options.deserializer ?? new RawRequestDeserializer();
  }

  /** Ready at once; consuming starts (and restarts after failures) in the background. */
  listen(callback: (err?: unknown) => void): void {
    this.setState('starting');
    this.loop = this.run();
    callback();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // onModuleDestroy, not only close(): Nest closes microservices after the modules' destroy
  // hooks, when the global NATS connection would already be drained.
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** Messages whose handlers are running now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  on(): void {
    // The shared NatsService reports the connection's status; nothing to subscribe to here.
  }

  unwrap<T>(): T {
    return this.nats.nc as T;
  }

  private get stopping(): boolean {
    return this.stop.signal.aborted;
  }

  private async shutdown(): Promise<void> {
    this.stop.abort();
    this.setState('stopping');
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.setState('stopped');
  }

  private async run(): Promise<void> {
    let delay = 500;
    while (!this.stopping) {
      try {
        const nc = await this.nats.ready(this.stop.signal);
        await this.options.prepare?.();
        const consumer = await this.ensureConsumer(nc);
        this.setState('running');
        this.log.log(`consuming ${this.options.stream} as ${this.options.durable}`);
        delay = 500;
        await this.pump(consumer);
      } catch (error) {
        if (this.stopping) break;
        this.options.hooks?.interrupted?.(describe(error));
        this.log.warn(`consumer interrupted (${describe(error)}); starting again`);
        await this.sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async ensureConsumer(nc: NatsConnection): Promise<Consumer> {
    const jsm = await nc.jetstreamManager();
    const { stream, durable, ackWaitSeconds, maxInFlight } = this.options;
    const settings = {
      ack_wait: nanos(ackWaitSeconds * 1000),
      // Deliveries are counted here, against maxDeliveries, so that the server never drops a
      // message on its own: each one ends acknowledged or dead-lettered.
      max_deliver: -1,
      max_ack_pending: Math.max(maxInFlight * 4, 256),
    };
    try {
      await jsm.consumers.info(stream, durable);
      await jsm.consumers.update(stream, durable, settings);
    } catch (error) {
      if (!(error instanceof NatsError) || error.api_error?.err_code !== 10014) throw error;
      await jsm.consumers.add(stream, {
        ...settings,
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: prefixed(this.options.prefix, this.options.filter),
      });
    }
    return nc.jetstream().consumers.get(stream, durable);
  }

  /**
   * One pull at a time, for as many messages as there are free handler slots; each message is
   * handed to its handler as it arrives, and the next pull goes out as soon as the last one is
   * done and a slot is free. (One `next()` per message loses a message now and then: it can
   * give up on a pull the server has just answered, and that message waits out ack_wait.)
   */
  private async pump(consumer: Consumer): Promise<void> {
    const expires = this.options.pullExpiresMs ?? 1000;
    while (!this.stopping) {
      const free = this.options.maxInFlight - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      if (this.paused) {
        await this.paused;
        continue;
      }
      const pulled = await consumer.fetch({ max_messages: free, expires });
      // Messages this pull brings during a stop are worked on like the others.
      for await (const msg of pulled) this.track(msg);
    }
  }

  /** The error boundary around every message: whatever happens, the pump goes on. */
  private track(msg: JsMsg): void {
    const work: Promise<void> = this.handle(msg)
      .catch((error: unknown) => {
        this.log.error(`message ${msg.info.stream}#${msg.seq} not settled: ${describe(error)}`);
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async handle(msg: JsMsg): Promise<void> {
    this.options.hooks?.received?.(msg);
    try {
      await this.dispatch(msg);
    } catch (error) {
      await this.failed(msg, error);
      return;
    }
    try {
      await msg.ackAck();
    } catch (error) {
      // The work is done; without the acknowledgement the message comes back after ack_wait.
      this.options.hooks?.ackLost?.(msg, describe(error));
      this.log.warn(`acknowledgement of ${msg.info.stream}#${msg.seq} lost: ${describe(error)}`);
      return;
    }
    this.options.hooks?.acked?.(msg);
  }

  private async dispatch(msg: JsMsg): Promise<void> {
    const relative = msg.subject.slice(this.options.prefix.length + 1);
    const pattern = [...this.messageHandlers.keys()].find((p) => subjectMatches(p, relative));
    if (!pattern) {
      throw new RejectedMessage('unknown_kind', `no handler takes messages on ${msg.subject}`);
    }
    const packet = await this.deserializer.deserialize(msg.data, { channel: msg.subject });
    const handler = this.messageHandlers.get(pattern)!;
    const result: unknown = await handler(packet.data, new JetStreamContext(msg));
    // Nest hands back a handler's error as a failing stream (see KeepHandlerErrors).
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async failed(msg: JsMsg, error: unknown): Promise<void> {
    const hooks = this.options.hooks;
    if (error instanceof RejectedMessage) {
      await this.deadLetter(msg, {
        reason: error.reason,
        message: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
      return;
    }
    const deliveries = msg.info.deliveryCount;
    const message = describe(error instanceof RetryLater ? (error.cause ?? error) : error);
    hooks?.failed?.(msg, message);
    if (error instanceof RetryLater) {
      hooks?.waiting?.(msg, message);
      msg.nak(2000);
      this.pauseUntilAvailable();
      return;
    }
    if (deliveries >= this.options.maxDeliveries) {
      const describeLimit =
        this.options.deliveryLimitMessage ??
        ((n: number) => `the handler failed on each of ${n} deliveries`);
      await this.deadLetter(msg, {
        reason: 'delivery_limit',
        message: describeLimit(deliveries),
        lastError: message,
      });
      return;
    }
    hooks?.retried?.(msg, message);
    this.log.warn(
      `message ${msg.info.stream}#${msg.seq} failed (delivery ${deliveries}): ${message}`,
    );
    msg.nak(Math.min(1000 * 2 ** deliveries, 30_000));
  }

  private async deadLetter(msg: JsMsg, cause: DeadLetterCause): Promise<void> {
    try {
      await keepDeadLetter(this.nats.jetstream(), this.options.deadLetters, msg, cause);
    } catch (error) {
      // Not kept yet: hand the message back, it will be dead-lettered on its next delivery.
      this.log.warn(`dead letter not written (${describe(error)}); retrying the message`);
      msg.nak(2000);
      return;
    }
    // Without a reason text: servers before 2.10.x do not take "+TERM <reason>" as a term.
    msg.term();
    this.options.hooks?.deadLettered?.(msg, cause);
    this.log.warn(
      `message ${msg.info.stream}#${msg.seq} dead-lettered: ${cause.reason} (${cause.message})`,
    );
  }

  /** New pulls wait until the dependency is back; the messages in hand go on. */
  private pauseUntilAvailable(): void {
    const wait = this.options.waitUntilAvailable;
    if (!wait || this.paused) return;
    this.setState('waiting');
    this.paused = wait(this.stop.signal)
      .catch(() => undefined)
      .finally(() => {
        this.paused = undefined;
        if (!this.stopping) this.setState('running');
      });
  }

  private setState(state: JetStreamConsumerState): void {
    this.options.hooks?.state?.(state);
  }

  private async sleep(ms: number): Promise<void> {
    for (let waited = 0; waited < ms && !this.stopping; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** An error as a log line: its kind and message (NATS and Temporal messages hold no payload). */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return 'a thrown value that is not an Error';
  }
}
