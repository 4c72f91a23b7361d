import { Controller, Get, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@sanbao/auth';
import type { Request, Response } from 'express';
import { ApiError } from '../common/api.errors';
import { ConsoleFiles } from './console-files';

/**
 * The staff web console's files. Public: the page itself holds no data, every figure it shows
 * comes from the API with the signed-in person's token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleStaticController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get()
  @Redirect('/console/', 302)
  root(): void {}

  @Get('console{/*path}')
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
