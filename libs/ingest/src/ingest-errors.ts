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
  return reply('unavailable', 'the batch could not be processed now; send it again later');
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
  if (body.error.status >= 500 && !(exception instanceof IngestError)) {
    logger.error(
      `ingest failed: ${exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown error'}`,
    );
  }
  return body;
}
