import type { FieldError, IngestErrorCode, IngestReply } from '@sanbao/contracts';

/** Why a whole batch was turned away; mapped to HTTP and NATS answers at the edges. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly reply?: IngestReply,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
