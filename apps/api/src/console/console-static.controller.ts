import { Controller, Get, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@sanbao/auth';
import type { Request, Response } from 'express';
import { ApiError } from '../common/api.errors';
import { ConsoleFiles } from './console-files';

const FILE_TYPES = ['text/html', 'text/javascript', 'text/css', 'image/svg+xml', 'image/png'];

/**
 * The staff web console's files. Public: the page itself holds no data, every figure it shows
 * comes from the API with the signed-in person's token.
 */
@ApiTags('console')
@Public()
@Controller()
export class ConsoleStaticController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get()
  @ApiExcludeEndpoint()
  @Redirect('/console/', 302)
  root(): void {}

  @Get('console{/*path}')
  @ApiOperation({ summary: 'The staff web console: its page, scripts, styles and icons' })
  @ApiParam({
    name: 'path',
    type: String,
    description: 'a file of the build, e.g. assets/index-1a2b3c.js; empty for the page',
  })
  @ApiProduces(...FILE_TYPES)
  @ApiOkResponse({
    description: 'a file the console build produced; any other extension-less path: the page',
    content: Object.fromEntries(
      FILE_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  serve(@Req() req: Request, @Res() res: Response): void {
    if (!this.files.built()) {
      throw new ApiError('unavailable', 'the console is not built yet: run npm run build');
    }
    if (req.path === '/console') return res.redirect(301, '/console/');
    const relative = decodeURIComponent(req.path.slice('/console/'.length));
    // The console routes by the URL's #fragment; any other extension-less path gets the page.
    const file =
      this.files.get(relative) ??
      (relative === '' || !relative.includes('.') ? this.files.get('index.html') : undefined);
    if (!file) throw new ApiError('not_found', `no console file ${relative}`);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader(
      'Cache-Control',
      file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    res.setHeader('Vary', 'Accept-Encoding');
    const gzip = file.gzipped && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.end(gzip ? file.gzipped : file.body);
  }
}
