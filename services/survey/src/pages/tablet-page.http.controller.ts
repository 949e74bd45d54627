import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, notFound, Public, sharedPageFile, UnitCodePipe, StaticAssets } from '@fg/platform';
import type { Response } from 'express';

const assets = new StaticAssets(
  __dirname,
  ['tablet.html', 'tablet.css', 'tablet.js', 'sipas.html', 'sipas.css', 'sipas.js'],
  {
    // The platform's page kit: the device token from the URL fragment, JSON calls.
    'page-kit.js': sharedPageFile('page-kit.js'),
  },
);
const COUNTER_NO = /^[A-Za-z0-9._-]{1,16}$/;
/** The shape of a notify survey link (`{dossierId}.{mac}`); whether it is genuine is the API's to say. */
const SURVEY_LINK = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/;

/**
 * The survey service's pages (see README.md beside this file): the counter rating tablet,
 * `/tablet/{unitCode}/{counterNo}`, whose API calls carry the device's `kiosk` token kept in the browser, and
 * the citizen's SIPAS questionnaire `/khao-sat/{link}` that the result e-mail/SMS links to. Both are static.
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

  @Get('khao-sat/:link')
  sipas(@Param('link') link: string, @Res() res: Response): void {
    if (!SURVEY_LINK.test(link)) throw notFound('Survey link', 'of this shape', 'SURVEY.NO_INVITATION');
    assets.send(res, 'sipas.html');
  }

  @Get('pages/survey/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
