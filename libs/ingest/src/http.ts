import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@sanbao/config';
import type { NextFunction, Request, Response } from 'express';

/**
 * Body limits for the sector services (rosters run to thousands of rows) and a JSON answer,
 * not an HTML page, when the body cannot be parsed. Call before app.init() / listen().
 */
export function configureIngestHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  const limit = `${config.ingest.bodyLimitMb}mb`;
  express.useBodyParser('json', { limit });
  express.useBodyParser('urlencoded', { limit, extended: true });
  express.use(
    (
      error: { status?: number; type?: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (error?.type === 'entity.parse.failed') {
        res.status(400).json({
          error: {
            status: 400,
            code: 'invalid_batch',
            message: 'the request body is not valid JSON',
          },
        });
        return;
      }
      if (error?.type === 'entity.too.large') {
        res.status(413).json({
          error: {
            status: 413,
            code: 'too_many_records',
            message: `the request body is larger than ${limit}; split the batch`,
          },
        });
        return;
      }
      next(error);
    },
  );
}
