import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, notFound, Public, sharedPageFile, UnitCodePipe, StaticAssets } from '@fg/platform';
import type { Response } from 'express';

const assets = new StaticAssets(__dirname, ['tablet.html', 'tablet.css', 'tablet.js'], {
  // The platform's page kit: the device token from the URL fragment, JSON calls.
  'page-kit.js': sharedPageFile('page-kit.js'),
});
const COUNTER_NO = /^[A-Za-z0-9._-]{1,16}$/;

/**
 * The counter rating tablet, `/tablet/{unitCode}/{counterNo}` (see README.md beside this file). The page is
 * static and the same for every counter; its API calls carry the device's `kiosk` token, kept in the browser.
 */
@ApiExcludeController()
@Public()
@Controller()
export class TabletPageHttpController {
  @Get('tablet/:unitCode/:counterNo')
  tablet(
    @Param('unitCode', UnitCodePipe) _unitCode: string,
    @Param('counterNo') counterNo: string,
    @Res() res: Response,
  ): void {
    if (!COUNTER_NO.test(counterNo)) {
      throw new DomainError(
        'INVALID',
        'REQUEST.INVALID',
        'counterNo must be 1-16 letters, digits, dots, dashes or underscores',
      );
    }
    assets.send(res, 'tablet.html');
  }

  @Get('pages/survey/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
