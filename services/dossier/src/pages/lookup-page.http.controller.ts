import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, notFound, Public, sharedPageFile, StaticAssets } from '@fg/platform';
import type { Response } from 'express';
import { parseDossierCode } from '../domain';

const assets = new StaticAssets(__dirname, ['lookup.html', 'lookup.css', 'lookup.js'], {
  // The platform's page kit: JSON calls, element building.
  'page-kit.js': sharedPageFile('page-kit.js'),
});

/**
 * The citizen's dossier look-up page (README.md beside this file), `/tra-cuu` (a form: dossier code and look-up
 * key) and `/tra-cuu/{code}#k={key}` (the receipt's QR code). The key stays in the URL fragment, which the
 * browser never sends: the page calls the public look-up API (`GET /api/v1/public/dossiers/{code}?key=`, its
 * rate limit on wrong keys and its log redaction unchanged) and shows its answer in Vietnamese. `no-store`: a
 * page opened with a key is not kept by any cache.
 */
@ApiExcludeController()
@Public()
@Controller()
export class LookupPageHttpController {
  @Get('tra-cuu')
  form(@Res() res: Response): void {
    assets.send(res, 'lookup.html', { cacheControl: 'no-store' });
  }

  @Get('tra-cuu/:code')
  dossier(@Param('code') code: string, @Res() res: Response): void {
    if (!parseDossierCode(code)) {
      throw new DomainError(
        'INVALID',
        'REQUEST.INVALID',
        'code must be a dossier code {agency}-{YYMMDD}-{NNNN}, e.g. 07210-250707-0001',
      );
    }
    assets.send(res, 'lookup.html', { cacheControl: 'no-store' });
  }

  @Get('pages/dossier/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
