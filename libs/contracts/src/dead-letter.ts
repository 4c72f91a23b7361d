import type { FieldError } from './validation';

/**
 * What the intake puts on `<prefix>.deadletter.intake` for a message it cannot use: the reason,
 * where the message was, and the original payload, so nothing is dropped silently.
 */
export type DeadLetterReason =
  | 'not_json'
  | 'unsupported_version'
  | 'unknown_sector'
  | 'unknown_kind'
  | 'subject_mismatch'
  | 'invalid_signal'
  | 'delivery_limit';

export interface DeadLetter {
  reason: DeadLetterReason;
  /** a sentence for a person; never holds the payload's values */
  message: string;
  errors?: FieldError[];
  /** the last error when the reason is delivery_limit */
  lastError?: string;
  stream: string;
  streamSeq: number;
  subject: string;
  deliveries: number;
  /** Nats-Msg-Id of the original, when it had one */
  msgId?: string;
  /** the original payload: UTF-8 text when it was, else base64 */
  payload: string;
  payloadEncoding: 'utf8' | 'base64';
  deadLetteredAt: string;
}

/** The source token of the intake's dead letters: `<prefix>.deadletter.intake`. */
export const INTAKE_DEAD_LETTER_SOURCE = 'intake';
