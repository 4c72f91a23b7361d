import type { DeadLetter, DeadLetterReason, FieldError } from '@sanbao/contracts';
import type { JetStreamClient, JsMsg } from 'nats';

export interface DeadLetterTarget {
  /** subject the letters go to: `<prefix>.deadletter.<source>` */
  subject: string;
  /** the dead-letter stream, so a letter never lands anywhere else */
  stream: string;
  /** first part of each letter's message id: `<source>:<stream>:<seq>` */
  source: string;
}

export interface DeadLetterCause {
  reason: DeadLetterReason;
  message: string;
  errors?: FieldError[];
  lastError?: string;
}

/**
 * The letter kept for a message a consumer cannot use: its reason, where it was, and the
 * original payload, so nothing is dropped silently.
 */
export function deadLetterOf(msg: JsMsg, cause: DeadLetterCause): DeadLetter {
  const utf8 = decodeUtf8(msg.data);
  const msgId = msg.headers?.get('Nats-Msg-Id');
  return {
    reason: cause.reason,
    message: cause.message,
    ...(cause.errors ? { errors: cause.errors } : {}),
    ...(cause.lastError ? { lastError: cause.lastError } : {}),
    stream: msg.info.stream,
    streamSeq: msg.seq,
    subject: msg.subject,
    deliveries: msg.info.deliveryCount,
    ...(msgId ? { msgId } : {}),
    payload: utf8 ?? Buffer.from(msg.data).toString('base64'),
    payloadEncoding: utf8 === undefined ? 'base64' : 'utf8',
    deadLetteredAt: new Date().toISOString(),
  };
}

/**
 * Publishes the letter. Its message id is the original's stream position, so a message that
 * fails again after a crash is kept once.
 */
export async function keepDeadLetter(
  js: JetStreamClient,
  target: DeadLetterTarget,
  msg: JsMsg,
  cause: DeadLetterCause,
): Promise<void> {
  await js.publish(target.subject, JSON.stringify(deadLetterOf(msg, cause)), {
    msgID: `${target.source}:${msg.info.stream}:${msg.seq}`,
    expect: { streamName: target.stream },
  });
}

function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}
