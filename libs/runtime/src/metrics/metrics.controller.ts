import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { prometheusContentType } from 'prom-client';
import { Metrics } from './metrics.service';

/** GET /metrics: the app's metrics in the Prometheus text format, for scraping. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this process (counts only, no personal data)' })
  @ApiOkResponse({
    description: 'the Prometheus text exposition format 0.0.4',
    content: { [prometheusContentType]: { schema: { type: 'string' } } },
  })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    // Set as is and ended by hand: Express's type() and send() rewrite the header with the
    // charset first, and some scrapers match the exact "text/plain; version=0.0.4" prefix.
    res.status(200).setHeader('Content-Type', this.metrics.registry.contentType);
    res.end(body);
  }
}
