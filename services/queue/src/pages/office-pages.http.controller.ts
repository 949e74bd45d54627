import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  councilHeader,
  LocalUnitsRepository,
  notFound,
  Public,
  sharedPageFile,
  StaticAssets,
  UnitCodePipe,
  unitNotFound,
} from '@fg/platform';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { TicketIdPipe } from '../api/path-params';

const assets = new StaticAssets(
  __dirname,
  [
    'board.html',
    'board.css',
    'board.js',
    'kiosk.html',
    'kiosk.css',
    'kiosk.js',
    'office.css',
    'office.js',
    'voice.js',
    'ticket.html',
    'ticket.css',
    'ticket.js',
    'book.html',
    'book.css',
    'book.js',
  ],
  {
    // The platform's page kit (token from the URL fragment, errors, elements), which office.js re-exports.
    'page-kit.js': sharedPageFile('page-kit.js'),
  },
);

/**
 * The spoken-call clips (static/voice/, made by `npm run voice:build`): only the files its manifest names are
 * served, read once. Found beside the controller or, from dist/, in the source tree (as StaticAssets does).
 */
class VoiceClips {
  private files?: Map<string, Buffer>;

  get(file: string): Buffer | undefined {
    if (!this.files) {
      const dir = [
        path.join(__dirname, 'static', 'voice'),
        path.resolve(__dirname, '..', '..', 'src', 'pages', 'static', 'voice'),
      ].find((d) => existsSync(path.join(d, 'manifest.json')));
      this.files = new Map();
      if (dir) {
        const manifest = readFileSync(path.join(dir, 'manifest.json'));
        this.files.set('manifest.json', manifest);
        const { clips } = JSON.parse(manifest.toString('utf8')) as {
          clips: Record<string, { file: string }>;
        };
        for (const { file: f } of Object.values(clips))
          this.files.set(f, readFileSync(path.join(dir, path.basename(f))));
      }
    }
    return this.files.get(file);
  }
}
const voice = new VoiceClips();

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

  /** The public booking page (issue #19): choose a service and a slot, get a booking code and its QR. */
  @Get('book/:unitCode')
  book(@Param('unitCode', UnitCodePipe) _unitCode: string, @Res() res: Response): void {
    assets.send(res, 'book.html');
  }

  /** The citizen's ticket page (QR on the kiosk slip); the page reads the public ticket look-up. */
  @Get('t/:ticketId')
  ticket(@Param('ticketId', TicketIdPipe) _ticketId: string, @Res() res: Response): void {
    assets.send(res, 'ticket.html');
  }

  /**
   * The QR code printed on the slip: the ticket page's address on the host the kiosk reached (an SVG; nothing
   * is looked up, the id is only put into the address).
   */
  @Get('t/:ticketId/qr.svg')
  async ticketQr(
    @Param('ticketId', TicketIdPipe) ticketId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}/t/${ticketId}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    res.set({
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(svg);
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

  @Get('pages/queue/voice/:file')
  voiceClip(@Param('file') file: string, @Res() res: Response): void {
    const body = voice.get(file);
    if (!body) throw notFound('Voice clip', file, 'PAGE.NOT_FOUND');
    res.set({
      'Content-Type': file.endsWith('.json') ? 'application/json' : 'audio/wav',
      'X-Content-Type-Options': 'nosniff',
      // Revalidated like the pages (ETag → 304), so new clips reach a board at its next load.
      'Cache-Control': 'no-cache',
    });
    res.send(body);
  }

  @Get('pages/queue/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!assets.has(file)) throw notFound('Page file', file, 'PAGE.NOT_FOUND');
    assets.send(res, file);
  }
}
