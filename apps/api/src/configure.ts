import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@sanbao/config';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '@sanbao/domain';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { requestContext } from './common/request-context';
import { openApiDocument } from './openapi';

/**
 * What the API adds around its Nest module, in production and in tests alike: request ids and
 * logs, security headers, a JSON body limit with clear answers, and the OpenAPI page at /docs.
 * Call before app.init().
 */
export function configureApi(app: INestApplication, config: AppConfig): void {
  app.use(requestContext);
  app.use(securityHeaders());
  app.use(jsonBody(config.api.bodyLimitKb));
  app.use(urlencodedParser);
  setUpOpenApi(app);
}

/**
 * Helmet's headers with a Content-Security-Policy that allows no inline script or style
 * anywhere (the console is built without any), except on the OpenAPI page: Swagger UI at /docs
 * needs its inline bits, and it shows no data of its own.
 */
function securityHeaders() {
  const strict = helmet({
    contentSecurityPolicy: { directives: { 'style-src': ["'self'"] } },
  });
  const swaggerUi = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  return function securityHeaders(req: Request, res: Response, next: NextFunction): void {
    const docs = req.path === '/docs' || req.path.startsWith('/docs/');
    (docs ? swaggerUi : strict)(req, res, next);
  };
}

/** Deepest JSON body the API reads: far more than any DTO nests, far less than what overflows. */
const MAX_BODY_DEPTH = MAX_JSON_DEPTH;

/** Why a body was turned away before any transform, in the API's error shape. */
const BODY_FAILURES = {
  tooLarge: (limitKb: number) => ({
    status: 413,
    error: 'payload_too_large',
    message: `the request body is larger than ${limitKb} kB`,
    field: `must be at most ${limitKb} kB`,
  }),
  tooDeep: () => ({
    status: 400,
    error: 'bad_request',
    message: `the request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
    field: `must not be nested more than ${MAX_BODY_DEPTH} levels deep`,
  }),
  notJson: (status: number) => ({
    status,
    error: 'bad_request',
    message: 'the request body is not valid JSON',
    field: 'must be valid JSON',
  }),
};

/**
 * express.json with a size and a depth limit whose failures answer in the API's error shape.
 * The depth is read from the raw bytes before JSON.parse, so a 5,000-deep body never reaches
 * the recursive transforms (ValidationPipe, class-transformer) that would overflow the stack.
 * Named `jsonParser` so Nest does not add its own default parser on top of it.
 */
function jsonBody(limitKb: number) {
  const parse = express.json({
    limit: `${limitKb}kb`,
    strict: true,
    verify: (_req, _res, raw) => {
      if (jsonTextTooDeep(raw.toString('latin1'), MAX_BODY_DEPTH)) {
        throw Object.assign(new Error('too deep'), { status: 400, type: 'entity.too.deep' });
      }
    },
  });
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const { type, status } = error as { type?: string; status?: number };
      const failure =
        type === 'entity.too.large'
          ? BODY_FAILURES.tooLarge(limitKb)
          : type === 'entity.too.deep'
            ? BODY_FAILURES.tooDeep()
            : BODY_FAILURES.notJson(status && status >= 400 && status < 500 ? status : 400);
      res.status(failure.status).json({
        statusCode: failure.status,
        error: failure.error,
        message: failure.message,
        fields: { body: [failure.field] },
        requestId: (req as Request & { requestId?: string }).requestId,
      });
    });
  };
}

/** Forms are not part of this API: without this, Nest would add a urlencoded parser. */
function urlencodedParser(_req: Request, _res: Response, next: NextFunction): void {
  next();
}

function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
