import { AppConfig } from '@sanbao/config';
import { INTAKE_DEAD_LETTER_SOURCE, patterns, streamNames, subjects } from '@sanbao/contracts';
import { JetStreamPullServer, NatsService } from '@sanbao/messaging';
import { TemporalClientService } from '@sanbao/temporal';
import { IntakeMetrics } from './intake.metrics';

/**
 * The signal stream as a Nest transport: the intake's durable pull consumer, at most
 * INTAKE_BATCH_SIZE signals in hand, INTAKE_MAX_DELIVERIES tries before a refused signal is
 * dead-lettered, new pulls held while Temporal is away. Its counters feed /metrics.
 */
export function signalTransport(
  config: AppConfig,
  nats: NatsService,
  temporal: TemporalClientService,
  metrics: IntakeMetrics,
): JetStreamPullServer {
  const prefix = config.nats.prefix;
  const { consumer, batchSize, ackWaitSeconds, maxDeliveries } = config.intake;
  return new JetStreamPullServer(nats, {
    prefix,
    stream: streamNames(prefix).signals,
    durable: consumer,
    filter: patterns.signals,
    maxInFlight: batchSize,
    ackWaitSeconds,
    maxDeliveries,
    deadLetters: {
      subject: subjects(prefix).deadLetter(INTAKE_DEAD_LETTER_SOURCE),
      stream: streamNames(prefix).deadLetters,
      source: INTAKE_DEAD_LETTER_SOURCE,
    },
    deliveryLimitMessage: (n) => `Temporal refused the signal on each of ${n} deliveries`,
    prepare: () => nats.ensureStreams(),
    waitUntilAvailable: (signal) => untilReachable(temporal, signal),
    hooks: {
      state: (state) => {
        metrics.consumer = state === 'waiting' ? 'waiting_for_temporal' : state;
      },
      acked: () => {
        metrics.delivered += 1;
      },
      retried: () => {
        metrics.retries += 1;
      },
      waiting: () => {
        metrics.waitsForTemporal += 1;
      },
      failed: (_msg, message) => {
        metrics.lastError = { at: new Date().toISOString(), message };
      },
      deadLettered: (_msg, cause) => metrics.countDeadLetter(cause.reason),
    },
  });
}

async function untilReachable(temporal: TemporalClientService, signal: AbortSignal) {
  let delay = 1000;
  while (!signal.aborted && !(await temporal.ping())) {
    for (let waited = 0; waited < delay && !signal.aborted; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    delay = Math.min(delay * 2, 10_000);
  }
}
