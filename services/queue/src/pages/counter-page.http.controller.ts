import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound, Public, StaticAssets, UnitCodePipe } from '@fg/platform';
import type { Response } from 'express';
import { CounterNoPipe } from '../api/path-params';
import { QUEUE_CONFIG, type QueueConfig } from '../config';

const assets = new StaticAssets(__dirname, ['counter.html', 'counter.css', 'counter.js']);

/**
 * The officer's counter console, `/counter/{unitCode}/{counterNo}` (README.md beside this file, "Counter
 * console"). The page is static and the same for every counter; its API calls carry the officer's own token,
 * handed over once in the URL fragment and kept in the tab's sessionStorage. It shares office.css and office.js
 * with the board and the kiosk (served under /pages/queue/). It also calls the dossier service to take in a
 * dossier, so that origin (DOSSIER_PUBLIC_URL) is the one other origin its CSP lets it connect to.
 */
@ApiExcludeController()
@Public()
@Controller()
export class CounterPageHttpController {
  constructor(@Inject(QUEUE_CONFIG) private readonly config: QueueConfig) {}

  @Get('counter/:unitCode/:counterNo')
  page(
    @Param('unitCode', UnitCodePipe) _unitCode: string,
    @Param('counterNo', CounterNoPipe) _counterNo: string,
    @Res() res: Response,
  ): void {
    const dossier = this.config.DOSSIER_PUBLIC_URL;
    assets.send(res, 'counter.html', { connectTo: dossier ? [dossier] : [] });
  }

  @Get('pages/counter/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
