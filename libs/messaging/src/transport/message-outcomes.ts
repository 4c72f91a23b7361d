import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import type { DeadLetterReason, FieldError } from '@sanbao/contracts';
import { Observable, throwError } from 'rxjs';

/**
 * Thrown by a JetStream handler for a message that no retry can make usable: it goes to the
 * dead-letter stream with this reason at once and is not delivered again.
 */
export class RejectedMessage extends Error {
  constructor(
    readonly reason: Exclude<DeadLetterReason, 'delivery_limit'>,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'RejectedMessage';
  }
}

/**
 * Thrown by a JetStream handler when what it depends on is away (not the message's fault):
 * the message is handed back for later without counting towards the delivery limit's verdict,
 * and the transport stops taking new messages until the dependency is back.
 */
export class RetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryLater';
  }
}

/**
 * Lets a handler's own error reach the transport. Nest's default RPC filter replaces every
 * error by `{ status: 'error', message: 'Internal server error' }`, which would hide whether
 * a message was rejected or should be retried; put this filter on JetStream controllers.
 */
@Catch()
export class KeepHandlerErrors implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
