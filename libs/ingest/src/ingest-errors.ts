import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  RpcExceptionFilter,
} from '@nestjs/common';
import { INGEST_ERROR_STATUS, IngestErrorCode, IngestErrorReply } from '@sanbao/contracts';
import { DatabaseUnavailableError } from '@sanbao/persistence';
import type { Response } from 'express';
import { Observable, of } from 'rxjs';
import { IngestError } from './ingest.error';

/** The one place an ingest failure becomes an answer (HTTP body and NATS reply alike). */
export function errorReply(error: unknown): IngestErrorReply {
  if (error instanceof IngestError) {
    return {
      error: {
        status: INGEST_ERROR_STATUS[error.code],
        code: error.code,
        message: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.reply ? { reply: error.reply } : {}),
      },
    };
  }
  if (error instanceof DatabaseUnavailableError) {
    return reply('unavailable', 'the service cannot check keys now; send the batch again later');
  }
  if (error instanceof HttpException) {
    const code = codeOfStatus(error.getStatus());
    return reply(code, messageOf(error), error.getStatus());
  }
  if (isOutage(error)) {
    return reply('unavailable', 'the batch could not be processed now; send it again later');
  }
  // Anything else was raised by what the batch held (every dependency answered): sending the
  // same batch again would fail the same way, so it is the sender's to look at, not an outage.
  return reply(
    'invalid_batch',
    'the batch could not be processed as sent; check it against the published schema',
  );
}

/** Node's and the drivers' codes for "the other side is not there (now)". */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // nats.js
  'CONNECTION_CLOSED',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'CONNECTION_DRAINING',
  'DISCONNECT',
  'TIMEOUT',
  '503', // nats.js: no responders (JetStream not there)
]);

/**
 * True only for a dependency that is away: a connection-level error code, or PostgreSQL's
 * connection (08), resource (53) and shutdown (57P) classes. Followed through `cause` and a
 * driver's `driverError`.
 */
export function isOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (OUTAGE_CODES.has(code)) return true;
      if (/^(08|53|57P)/.test(code)) return true;
    }
    const next = e as { cause?: unknown; driverError?: unknown };
    e = next.driverError ?? next.cause;
  }
  return false;
}

function reply(code: IngestErrorCode, message: string, status?: number): IngestErrorReply {
  return { error: { status: status ?? INGEST_ERROR_STATUS[code], code, message } };
}

function codeOfStatus(status: number): IngestErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'wrong_sector';
    case 404:
      return 'unknown_kind';
    case 413:
      return 'too_many_records';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'unavailable' : 'invalid_batch';
  }
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

/** Answers every failure on the ingest routes in the IngestErrorReply shape. */
@Catch()
export class IngestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Ingest');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = loggedReply(this.logger, exception);
    host.switchToHttp().getResponse<Response>().status(body.error.status).json(body);
  }
}

/** Answers every failure of a NATS ingest request in the same shape, as the reply itself. */
@Catch()
export class IngestRpcFilter implements RpcExceptionFilter {
  private readonly logger = new Logger('IngestNats');

  catch(exception: unknown): Observable<IngestErrorReply> {
    return of(loggedReply(this.logger, exception));
  }
}

function loggedReply(logger: Logger, exception: unknown): IngestErrorReply {
  const body = errorReply(exception);
  // What no rule of ours raised (a bug, or a dependency away) is logged, whatever the answer.
  if (!(exception instanceof IngestError) && !(exception instanceof HttpException)) {
    logger.error(
      `ingest failed: ${exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown error'}`,
    );
  }
  return body;
}
