import { Logger } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { REQUEST_ID } from '@sanbao/contracts';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

export type ApiRequest = Request & { requestId?: string; principal?: Principal };

const logger = new Logger('http');

/**
 * Gives every request an id (the caller's X-Request-Id when well-formed, else a new one), sends
 * it back, and logs one structured line when the answer is sent. The line names the route
 * pattern, never the URL, query or body, so no household data or personal data reaches logs.
 */
export function requestContext(req: ApiRequest, res: Response, next: NextFunction): void {
  const given = req.header(REQUEST_ID_HEADER);
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  req.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    const line = {
      requestId,
      method: req.method,
      route: route ? `${req.baseUrl}${route}` : 'unmatched',
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      ...(req.principal ? { userId: req.principal.userId, role: req.principal.role } : {}),
    };
    if (res.statusCode >= 500) logger.error(line);
    else logger.log(line);
  });
  next();
}
