import type {
  ConsumerDeserializer,
  ConsumerSerializer,
  IncomingEvent,
  IncomingRequest,
} from '@nestjs/microservices';

const encoder = new TextEncoder();

/**
 * Hands a handler the message's bytes as they came, with no Nest envelope to unwrap: bureaus
 * send plain JSON, and the handler decides when to parse it (after the caller is authorised,
 * so an unauthorised caller learns nothing about its body). The reply subject is the request's
 * id, which tells Nest's NATS server that an answer is expected.
 */
export class RawRequestDeserializer implements ConsumerDeserializer {
  deserialize(
    value: Uint8Array,
    options?: { channel?: string; replyTo?: string },
  ): IncomingRequest | IncomingEvent {
    const pattern = options?.channel ?? '';
    return options?.replyTo
      ? { id: options.replyTo, pattern, data: value }
      : { pattern, data: value };
  }
}

/** What Nest hands a serializer: the handler's answer, or the error its filters left. */
interface OutgoingPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Writes the handler's answer as plain JSON, the same bytes `JSON.stringify` gives, without
 * Nest's `{ id, response, isDisposed }` envelope. An error no filter turned into an answer is
 * written by `errorReply`, so the caller still gets JSON it can read.
 */
export class PlainJsonSerializer implements ConsumerSerializer {
  constructor(
    private readonly errorReply: (error: unknown) => unknown = (error) => ({
      error: { message: typeof error === 'string' ? error : 'the request could not be answered' },
    }),
  ) {}

  serialize(packet: OutgoingPacket): { data: Uint8Array } {
    const body = packet.err !== undefined ? this.errorReply(packet.err) : packet.response;
    return { data: encoder.encode(JSON.stringify(body ?? null)) };
  }
}
