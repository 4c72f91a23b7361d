import { Controller, Inject, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { patterns, readSignal } from '@sanbao/contracts';
import {
  JETSTREAM_TRANSPORT,
  JetStreamContext,
  KeepHandlerErrors,
  RejectedMessage,
  RetryLater,
} from '@sanbao/messaging';
import { backdateProblem } from '@sanbao/domain';
import { withoutIssueKeys } from '@sanbao/runtime';
import { IssueStarter, isTransient } from './issue-starter';

/**
 * The intake's edge on the signal stream: each signal opens its issue, or is added as evidence
 * to the one open for its key. Returning acknowledges the message; the transport
 * (JetStreamPullServer, see signal-transport.ts) retries and dead-letters on what is thrown.
 */
@Controller()
@UseFilters(KeepHandlerErrors)
export class SignalController {
  constructor(
    private readonly issues: IssueStarter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @EventPattern(patterns.signals, JETSTREAM_TRANSPORT)
  async signal(@Payload() data: Uint8Array, @Ctx() context: JetStreamContext): Promise<void> {
    const checked = readSignal(data, context.getSubject(), this.config.nats.prefix);
    if (!checked.ok) throw new RejectedMessage(checked.reason, checked.message, checked.errors);
    // The county's back-date bound on what becomes the issue's reportedAt (publishedAt). Not
    // on observedAt: a term's roster is observed at term start and may be read weeks later.
    const backdated = backdateProblem(
      this.config.deadlinePolicy,
      new Date(checked.signal.publishedAt),
      new Date(),
    );
    if (backdated) {
      throw new RejectedMessage('invalid_signal', 'the signal is back-dated too far', [
        { field: 'publishedAt', messages: [backdated] },
      ]);
    }
    try {
      await this.issues.deliver(checked.signal);
    } catch (error) {
      // Temporal away is not the signal's fault: it does not count towards dead-lettering.
      if (isTransient(error)) throw new RetryLater('Temporal is not reachable', { cause: error });
      // Temporal may name the workflow id, an issue key with a household number in it.
      throw withoutIssueKeys(error);
    }
  }
}
