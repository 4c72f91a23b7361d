import { AppConfig } from '@sanbao/config';
import { INTAKE_DEAD_LETTER_SOURCE, patterns, streamNames, subjects } from '@sanbao/contracts';
import { JetStreamPullServer, NatsService } from '@sanbao/messaging';
import { TemporalClientService } from '@sanbao/temporal';
import { IntakeMetrics } from './intake.metrics';
import { IntakeStatusService } from './intake-status.service';

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
  status: IntakeStatusService,
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
    // The status names the dependency each event speaks of: reading and acknowledging the
    // stream is NATS, a handler's failure is Temporal's (the handler only talks to Temporal).
    hooks: {
      state: (state) => {
        // Running after a wait means Temporal answers again; running after a start, NATS does.
        if (state === 'running')
          status.recovered(metrics.consumer === 'waiting_for_temporal' ? 'temporal' : 'nats');
        metrics.consumer = state === 'waiting' ? 'waiting_for_temporal' : state;
      },
      received: () => {
        metrics.received += 1;
      },
      acked: () => {
        metrics.delivered += 1;
        status.recovered('temporal');
        status.recovered('nats');
      },
      retried: () => {
        metrics.retries += 1;
      },
      waiting: (_msg, message) => status.unavailable('temporal', message),
      failed: (_msg, message) => status.refused('temporal', message),
      interrupted: (message) => status.unavailable('nats', message),
      ackLost: (_msg, message) => status.unavailable('nats', message),
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
