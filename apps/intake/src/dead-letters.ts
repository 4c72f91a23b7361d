import { Injectable } from '@nestjs/common';
import { INTAKE_DEAD_LETTER_SOURCE, streamNames, subjects } from '@sanbao/contracts';
import { NatsService } from '@sanbao/messaging';

/**
 * The intake's dead letters on `<prefix>.deadletter.intake`. The signal transport writes them
 * (libs/messaging dead-letter.ts: reason, where the message was, the original payload); this
 * counts the ones the stream holds.
 */
@Injectable()
export class DeadLetters {
  constructor(private readonly nats: NatsService) {}

  /** Dead letters of the intake held by the stream (all time, not only this process). */
  async stored(): Promise<number> {
    const jsm = await this.nats.jetstreamManager();
    const subject = subjects(this.nats.prefix).deadLetter(INTAKE_DEAD_LETTER_SOURCE);
    const info = await jsm.streams.info(streamNames(this.nats.prefix).deadLetters, {
      subjects_filter: subject,
    });
    return info.state.subjects?.[subject] ?? 0;
  }
}
