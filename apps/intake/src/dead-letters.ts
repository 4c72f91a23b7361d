import { Injectable } from '@nestjs/common';
import {
  DeadLetter,
  DeadLetterReason,
  FieldError,
  INTAKE_DEAD_LETTER_SOURCE,
  streamNames,
  subjects,
} from '@sanbao/contracts';
import { NatsService } from '@sanbao/messaging';
import { JsMsg } from 'nats';

/**
 * Keeps a message the intake cannot use on the dead-letter stream, with its reason and the
 * original payload. The message id is the original's stream position, so a message that
 * fails again after a crash is kept once.
 */
@Injectable()
export class DeadLetters {
  constructor(private readonly nats: NatsService) {}

  async keep(
    msg: JsMsg,
    reason: DeadLetterReason,
    message: string,
    detail: { errors?: FieldError[]; lastError?: string } = {},
  ): Promise<void> {
    const streams = streamNames(this.nats.prefix);
    const utf8 = decodeUtf8(msg.data);
    const letter: DeadLetter = {
      reason,
      message,
      ...(detail.errors ? { errors: detail.errors } : {}),
      ...(detail.lastError ? { lastError: detail.lastError } : {}),
      stream: msg.info.stream,
      streamSeq: msg.seq,
      subject: msg.subject,
      deliveries: msg.info.deliveryCount,
      ...(msg.headers?.get('Nats-Msg-Id') ? { msgId: msg.headers.get('Nats-Msg-Id') } : {}),
      payload: utf8 ?? Buffer.from(msg.data).toString('base64'),
      payloadEncoding: utf8 === undefined ? 'base64' : 'utf8',
      deadLetteredAt: new Date().toISOString(),
    };
    await this.nats
      .jetstream()
      .publish(
        subjects(this.nats.prefix).deadLetter(INTAKE_DEAD_LETTER_SOURCE),
        JSON.stringify(letter),
        {
          msgID: `${INTAKE_DEAD_LETTER_SOURCE}:${msg.info.stream}:${msg.seq}`,
          expect: { streamName: streams.deadLetters },
        },
      );
  }

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

function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}
