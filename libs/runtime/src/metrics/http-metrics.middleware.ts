import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

/**
 * Counts and times every HTTP request by method, route template and status. A middleware,
 * not an interceptor, so that answers from guards (401, 403) and unknown paths (404) count
 * too. The route is the template (/ingest/:kind), never the path: paths would carry ids and
 * let any caller add series at will.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly duration;

  constructor(metrics: Metrics) {
    this.requests = metrics.counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
    });
    this.duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    // Nest mounts this middleware as a route of its own ('/{*path}'): a request no handler
    // took still carries that route when it finishes.
    const mountedAs: unknown = req.route;
    res.once('finish', () => {
      const matched = req.route !== mountedAs ? (req.route as { path?: unknown }) : undefined;
      const route = matched?.path;
      const labels = {
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}
