import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@sanbao/config';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { requestContext } from './common/request-context';

/**
 * What the API adds around its Nest module, in production and in tests alike: request ids and
 * logs, security headers, a JSON body limit with clear answers, and the OpenAPI page at /docs.
 * Call before app.init().
 */
export function configureApi(app: INestApplication, config: AppConfig): void {
  app.use(requestContext);
  app.use(
    helmet({
      // Swagger UI at /docs needs its inline script and styles; everything else stays strict.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.use(jsonBody(config.api.bodyLimitKb));
  app.use(urlencodedParser);
  setUpOpenApi(app);
}

/**
 * express.json with a size limit whose failures answer in the API's error shape. Named
 * `jsonParser` so Nest does not add its own default parser on top of it.
 */
function jsonBody(limitKb: number) {
  const parse = express.json({ limit: `${limitKb}kb`, strict: true });
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = error as { status?: number; type?: string };
      const tooLarge = failure.type === 'entity.too.large';
      const status = tooLarge ? 413 : (failure.status ?? 400);
      res.status(status >= 400 && status < 500 ? status : 400).json({
        statusCode: status,
        error: tooLarge ? 'payload_too_large' : 'bad_request',
        message: tooLarge
          ? `the request body is larger than ${limitKb} kB`
          : 'the request body is not valid JSON',
        fields: { body: [tooLarge ? `must be at most ${limitKb} kB` : 'must be valid JSON'] },
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sanbao County API')
      .setDescription(
        'People of the county act on issues (verification, township decision, solution plan, ' +
          'progress, completion, extension, leader vote, write-off check) and read the ledger, ' +
          'histories, accountability and monthly reports. Sign in at POST /auth/sign-in and ' +
          'send the token as "Authorization: Bearer <token>". See docs/api.md for a walk-through.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
