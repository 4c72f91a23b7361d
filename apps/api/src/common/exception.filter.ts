import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { AuthError, AuthErrorCode } from '@sanbao/auth';
import { DatabaseUnavailableError } from '@sanbao/persistence';
import type { Response } from 'express';
import { ApiError, ApiErrorCode } from './api.errors';
import { ActRejectedError, ActRejectionCode } from './act-rejection';
import type { ApiRequest } from './request-context';

/** The body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
  requestId?: string;
}

export function authStatus(code: AuthErrorCode): number {
  switch (code) {
    case 'unauthenticated':
    case 'invalid_credentials':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'username_taken':
      return HttpStatus.CONFLICT;
    case 'unknown_user':
      return HttpStatus.NOT_FOUND;
    case 'invalid_scope':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

export function apiStatus(code: ApiErrorCode): number {
  switch (code) {
    case 'invalid_content':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'bad_request':
      return HttpStatus.BAD_REQUEST;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** Wrong stage 409, role or scope 403, fields 422: the workflow validator's code decides. */
export function actStatus(code: ActRejectionCode): number {
  switch (code) {
    case 'wrong_stage':
    case 'not_allowed':
    case 'already_voted':
    case 'request_id_reused':
      return HttpStatus.CONFLICT;
    case 'wrong_role':
    case 'out_of_scope':
      return HttpStatus.FORBIDDEN;
    case 'invalid_field':
    case 'invalid_act':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

/**
 * One place where typed errors become HTTP answers. Domain code throws its own errors; only
 * this filter knows about status codes. Anything unknown is a 500 whose details stay in the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<ApiRequest>();
    if (exception instanceof HttpException && isHealthReport(exception.getResponse())) {
      // The health endpoint's own answer (503 naming what is down) goes out as terminus made it.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = this.toBody(exception);
    body.requestId = request.requestId;
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      // Name and stack frames only: a driver's message may quote the values it was given.
      const error = exception instanceof Error ? exception : new Error('non-error thrown');
      const frames = (error.stack ?? '').split('\n').slice(1, 6).join('\n');
      this.logger.error({ requestId: request.requestId, error: error.name, frames });
    }
    if (body.statusCode === 401) {
      response.setHeader('WWW-Authenticate', 'Bearer');
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AuthError) {
      return {
        statusCode: authStatus(exception.code),
        error: exception.code,
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
      };
    }
    if (exception instanceof ApiError) {
      return {
        statusCode: apiStatus(exception.code),
        error: exception.code,
        message: exception.message,
        ...(exception.fields ? { fields: exception.fields } : {}),
      };
    }
    if (exception instanceof ActRejectedError) {
      return {
        statusCode: actStatus(exception.code),
        error: exception.code,
        message: exception.message,
        ...(exception.field ? { fields: { [exception.field]: [exception.message] } } : {}),
      };
    }
    if (exception instanceof DatabaseUnavailableError) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'unavailable',
        message: 'the database is not reachable; try again shortly',
      };
    }
    if (exception instanceof HttpException) {
      // Nest's own answers: unknown route (404), throttled sign-in (429).
      const status = exception.getStatus();
      const answer = exception.getResponse();
      const inner = typeof answer === 'string' ? answer : (answer as { message?: unknown }).message;
      const message = typeof inner === 'string' ? inner : exception.message;
      return { statusCode: status, error: httpErrorName(status), message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal',
      message: 'something went wrong on our side; the request id helps us find it',
    };
  }
}

function isHealthReport(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && 'details' in answer && 'status' in answer;
}

function httpErrorName(status: number): string {
  switch (status) {
    case 404:
      return 'not_found';
    case 429:
      return 'too_many_requests';
    case 413:
      return 'payload_too_large';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}
