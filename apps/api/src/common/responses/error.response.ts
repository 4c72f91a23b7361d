import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ErrorBody } from '../exception.filter';

/** The one error shape of the API (see docs/api.md, "Answers"). */
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'invalid_content', description: 'a code: invalid_content, wrong_stage…' })
  error: string;

  @ApiProperty({ example: 'the request has invalid fields' })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { visitedAt: ['visitedAt is not a real time'] },
    description: 'the fields at fault, each with the rules it breaks',
  })
  fields?: Record<string, string[]>;

  @ApiPropertyOptional({ example: '5f1c2d0e-8b1a-4c5e-9f00-1d2e3f4a5b6c' })
  requestId?: string;
}

const MEANING: Record<number, string> = {
  400: 'a body that is not JSON, or a bad id in the path',
  401: 'no token, or an expired, forged or revoked one',
  403: 'wrong role for the route, or outside your scope',
  404: 'no such issue, user, township, village or report',
  409: 'the issue is not at the act’s stage, or the request id was used for another act',
  413: 'a body over API_BODY_LIMIT_KB',
  422: 'fields the rules refuse (fields names each)',
  429: 'too many sign-in attempts',
  503: 'a dependency (Temporal, the database) is away: try again',
};

/** The error answers a route can give, each in the API's error shape. */
export function ApiErrorResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: MEANING[status], type: ErrorResponse }),
    ),
  );
}
