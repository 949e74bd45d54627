import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  councilHeader,
  LocalUnitsRepository,
  notFound,
  Public,
  StaticAssets,
  UnitCodePipe,
  unitNotFound,
} from '@fg/platform';
import type { Response } from 'express';

const assets = new StaticAssets(__dirname, [
  'board.html',
  'board.css',
  'board.js',
  'kiosk.html',
  'kiosk.css',
  'kiosk.js',
  'office.css',
  'office.js',
]);

/**
 * The office's screens served by the queue service (see README.md beside this file):
 * `/board/{unitCode}` the display board (public, like the board API it reads) and `/kiosk/{unitCode}` the
 * ticket kiosk (a static page; its API calls carry the device's `kiosk` token, kept in the browser).
 * The pages are the same for every unit: the code is read from the URL by the page's script.
 */
@ApiExcludeController()
@Public()
@Controller()
export class OfficePagesHttpController {
  constructor(private readonly units: LocalUnitsRepository) {}

  @Get('board/:unitCode')
  board(@Param('unitCode', UnitCodePipe) _unitCode: string, @Res() res: Response): void {
    assets.send(res, 'board.html');
  }

  @Get('kiosk/:unitCode')
  kiosk(@Param('unitCode', UnitCodePipe) _unitCode: string, @Res() res: Response): void {
    assets.send(res, 'kiosk.html');
  }

  /**
   * The unit's name and issuing-body lines (two tiers under the province since 2025, three under a district)
   * for the pages' heading; the board has no token and an office's name is public.
   */
  @Get('board/:unitCode/unit')
  async unit(@Param('unitCode', UnitCodePipe) unitCode: string) {
    const unit = await this.units.find(unitCode);
    if (!unit) throw unitNotFound(unitCode);
    const parent = unit.parentCode ? await this.units.find(unit.parentCode) : null;
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      header: councilHeader(unit.name, parent?.name ?? null),
    };
  }

  @Get('pages/queue/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
