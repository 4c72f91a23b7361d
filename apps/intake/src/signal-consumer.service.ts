import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { readSignal, streamNames, subjects } from '@sanbao/contracts';
import { NatsService } from '@sanbao/messaging';
import { TemporalClientService } from '@sanbao/temporal';
import { AckPolicy, Consumer, DeliverPolicy, JsMsg, NatsError, nanos } from 'nats';
import { DeadLetters } from './dead-letters';
import { IntakeMetrics } from './intake.metrics';
import { IssueStarter, isTransient } from './issue-starter';

const FETCH_EXPIRES_MS = 1000;

/**
 * The durable pull consumer on the signal stream. A signal is acknowledged only once Temporal
 * has accepted its signal-with-start; a message that cannot be used goes to the dead-letter
 * stream with its reason and is then terminated. Stopping finishes the batch in hand first,
 * so a restart neither loses nor repeats a signal.
 */
@Injectable()
export class SignalConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SignalConsumer');
  private stopping = false;
  private readonly shutdown = new AbortController();
  private loop?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nats: NatsService,
    private readonly temporal: TemporalClientService,
    private readonly issues: IssueStarter,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: IntakeMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  // onModuleDestroy, not onApplicationShutdown: it runs before the global NATS and Temporal
  // modules close their connections, so the work in hand can still be acknowledged.
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.shutdown.abort();
    this.metrics.consumer = 'stopping';
    await this.loop;
    this.metrics.consumer = 'stopped';
  }

  private async run(): Promise<void> {
    let delay = 500;
    while (!this.stopping) {
      try {
        await this.nats.ready(this.shutdown.signal);
        const consumer = await this.ensureConsumer();
        this.metrics.consumer = 'running';
        this.logger.log(
          `consuming ${streamNames(this.nats.prefix).signals} as ${this.config.intake.consumer}`,
        );
        delay = 500;
        await this.consume(consumer);
      } catch (error) {
        if (this.stopping) break;
        this.logger.warn(`consumer interrupted (${describe(error)}); starting again`);
        await this.sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async ensureConsumer(): Promise<Consumer> {
    await this.nats.ensureStreams();
    const jsm = await this.nats.jetstreamManager();
    const stream = streamNames(this.nats.prefix).signals;
    const { consumer: durable, ackWaitSeconds, batchSize } = this.config.intake;
    const settings = {
      ack_wait: nanos(ackWaitSeconds * 1000),
      // The intake counts deliveries itself, so that a long Temporal outage never exhausts them.
      max_deliver: -1,
      max_ack_pending: Math.max(batchSize * 4, 256),
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
        filter_subject: subjects(this.nats.prefix).signals,
      });
    }
    return this.nats.jetstream().consumers.get(stream, durable);
  }

  private async consume(consumer: Consumer): Promise<void> {
    const { batchSize } = this.config.intake;
    while (!this.stopping) {
      const batch = await consumer.fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
      // Each message is worked on as it arrives; the next fetch waits for the whole batch,
      // which bounds the work in hand and lets a stop finish it before the process ends.
      const work: Array<Promise<void>> = [];
      for await (const msg of batch) work.push(this.handle(msg));
      await Promise.all(work);
      if (this.metrics.consumer === 'waiting_for_temporal') await this.waitForTemporal();
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const checked = readSignal(msg.data, msg.subject, this.nats.prefix);
    if (!checked.ok) {
      await this.deadLetter(msg, checked.reason, checked.message, { errors: checked.errors });
      return;
    }
    try {
      await this.issues.deliver(checked.signal);
      await msg.ackAck();
      this.metrics.delivered += 1;
    } catch (error) {
      await this.failed(msg, error);
    }
  }

  private async failed(msg: JsMsg, error: unknown): Promise<void> {
    const message = describe(error);
    this.metrics.lastError = { at: new Date().toISOString(), message };
    if (isTransient(error)) {
      // Temporal is away: not the signal's fault, so it does not count towards dead-lettering.
      this.metrics.waitsForTemporal += 1;
      this.metrics.consumer = 'waiting_for_temporal';
      msg.nak(2000);
      return;
    }
    if (msg.info.deliveryCount >= this.config.intake.maxDeliveries) {
      await this.deadLetter(
        msg,
        'delivery_limit',
        `Temporal refused the signal on each of ${msg.info.deliveryCount} deliveries`,
        { lastError: message },
      );
      return;
    }
    this.metrics.retries += 1;
    this.logger.warn(
      `signal at ${msg.info.stream}#${msg.seq} failed (delivery ${msg.info.deliveryCount}): ${message}`,
    );
    msg.nak(Math.min(1000 * 2 ** msg.info.deliveryCount, 30_000));
  }

  private async deadLetter(
    msg: JsMsg,
    reason: Parameters<DeadLetters['keep']>[1],
    message: string,
    detail: Parameters<DeadLetters['keep']>[3],
  ): Promise<void> {
    try {
      await this.deadLetters.keep(msg, reason, message, detail);
    } catch (error) {
      // Not kept yet: hand the message back, it will be dead-lettered on its next delivery.
      this.logger.warn(`dead letter not written (${describe(error)}); retrying the message`);
      msg.nak(2000);
      return;
    }
    // Without a reason text: servers before 2.10.x do not take "+TERM <reason>" as a term.
    msg.term();
    this.metrics.countDeadLetter(reason);
    this.logger.warn(
      `signal at ${msg.info.stream}#${msg.seq} dead-lettered: ${reason} (${message})`,
    );
  }

  private async waitForTemporal(): Promise<void> {
    let delay = 1000;
    while (!this.stopping && !(await this.temporal.ping())) {
      await this.sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
    if (!this.stopping) this.metrics.consumer = 'running';
  }

  private async sleep(ms: number): Promise<void> {
    for (let waited = 0; waited < ms && !this.stopping; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** An error as a log line: its kind and message (Temporal and NATS messages hold no payload). */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
