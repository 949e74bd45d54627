import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound, Public, sharedPageFile, StaticAssets, UnitCodePipe } from '@fg/platform';
import type { Response } from 'express';
import { DashboardQuery } from '../api/dashboard/dashboard.request.dto';
import { DashboardService } from '../application/dashboard.service';

const assets = new StaticAssets(__dirname, ['dashboard.html', 'dashboard.css', 'dashboard.js'], {
  'page-kit.js': sharedPageFile('page-kit.js'),
  // Apache ECharts' own bundle from node_modules, served from here: no CDN, no build step.
  'echarts.min.js': require.resolve('echarts/dist/echarts.min.js'),
});

/**
 * The leaders' dashboard, `/dashboard/{unitCode}?period=2026-11` (see README.md beside this file). The page is
 * static and the same for every unit; it reads the statistics with the leader's `viewer` token, handed over
 * once in the URL fragment and kept in the browser, from this service and, cross-origin, from the queue,
 * dossier and survey services (their URLs: RatingConfig; the CSP allows exactly those origins).
 * An unknown unit is a 404 and a bad period a 400, both naming it, before any page is sent.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardPageHttpController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('dashboard/:unitCode')
  async page(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Query() q: DashboardQuery,
    @Res() res: Response,
  ): Promise<void> {
    this.dashboard.period(q.period);
    await this.dashboard.unit(unitCode);
    assets.send(res, 'dashboard.html', { connectTo: this.dashboard.serviceOrigins });
  }

  @Get('pages/dashboard/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
