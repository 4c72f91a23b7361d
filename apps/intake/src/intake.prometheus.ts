import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import { NatsService } from '@sanbao/messaging';
import { Metrics } from '@sanbao/runtime';
import { DeadLetters } from './dead-letters';
import { IntakeMetrics } from './intake.metrics';

const STATES = ['starting', 'running', 'waiting_for_temporal', 'stopping', 'stopped'] as const;

/**
 * The intake's figures as Prometheus metrics, read at each scrape: the counters from
 * IntakeMetrics (the one place the transport's hooks count, which the JSON status reads too),
 * the consumer's backlog and the stored dead letters from JetStream, so they are true even for
 * what another instance did. NaN says "unknown now" when NATS cannot answer.
 */
@Injectable()
export class IntakePrometheus {
  constructor(
    metrics: Metrics,
    counts: IntakeMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
    nats: NatsService,
    stored: DeadLetters,
  ) {
    metrics.counter({
      name: 'sanbao_intake_signals_received_total',
      help: 'Signal messages taken from the stream, redeliveries included',
      collect() {
        this.reset();
        this.inc(counts.received);
      },
    });
    metrics.counter({
      name: 'sanbao_intake_signals_delivered_total',
      help: 'Signals Temporal accepted: an issue opened, or evidence added to the open one',
      collect() {
        this.reset();
        this.inc(counts.delivered);
      },
    });
    metrics.counter({
      name: 'sanbao_intake_delivery_retries_total',
      help: 'Deliveries handed back for another try: refused (counts towards the delivery limit) or temporal_unavailable (does not)',
      labelNames: ['cause'],
      collect() {
        this.reset();
        this.inc({ cause: 'refused' }, counts.retries);
        this.inc({ cause: 'temporal_unavailable' }, counts.waitsForTemporal);
      },
    });
    metrics.counter({
      name: 'sanbao_intake_dead_letters_total',
      help: 'Signal messages put on the dead-letter stream since the process started, by reason',
      labelNames: ['reason'],
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(counts.deadLetters)) this.inc({ reason }, n);
      },
    });
    metrics.gauge({
      name: 'sanbao_intake_consumer_state',
      help: 'The signal consumer state: 1 for the current one, 0 for the others',
      labelNames: ['state'],
      collect() {
        for (const state of STATES) this.set({ state }, counts.consumer === state ? 1 : 0);
      },
    });
    const stream = streamNames(nats.prefix).signals;
    const durable = config.intake.consumer;
    const consumerInfo = async () => {
      try {
        return await (await nats.jetstreamManager()).consumers.info(stream, durable);
      } catch {
        return undefined;
      }
    };
    metrics.gauge({
      name: 'sanbao_intake_consumer_pending_messages',
      help: "Signals in the stream not yet delivered to the intake's durable consumer (its lag)",
      async collect() {
        this.set((await consumerInfo())?.num_pending ?? Number.NaN);
      },
    });
    metrics.gauge({
      name: 'sanbao_intake_consumer_ack_pending_messages',
      help: 'Signals delivered to the intake and not acknowledged yet (in hand or awaiting a retry)',
      async collect() {
        this.set((await consumerInfo())?.num_ack_pending ?? Number.NaN);
      },
    });
    metrics.gauge({
      name: 'sanbao_intake_dead_letters_stored',
      help: "The intake's dead letters the dead-letter stream holds (all time, all instances)",
      async collect() {
        this.set(await stored.stored().catch(() => Number.NaN));
      },
    });
  }
}
