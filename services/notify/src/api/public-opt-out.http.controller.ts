import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@fg/platform';
import { ConsentService } from '../application/consent.service';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem"><h1 style="font-size:1.3rem">${title}</h1>${body}</body></html>`;

/**
 * Consent withdrawal by the signed link in a message (public). GET only shows the question (mail scanners
 * follow links); the POST of its form withdraws: the contact is erased and opted out.
 */
@ApiTags('consent')
@Controller('api/v1/public/opt-out')
export class PublicOptOutHttpController {
  constructor(private readonly consent: ConsentService) {}

  @Get(':token')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The opt-out page of a signed link (asks to confirm)' })
  show(@Param('token') token: string) {
    return page(
      'Ngừng nhận thông báo',
      `<p>Ông/bà sẽ không nhận thêm tin nhắn, thư điện tử về hồ sơ hoặc số thứ tự này, và thông tin liên lạc đã cung cấp sẽ bị xoá.</p><form method="post" action="${encodeURIComponent(token)}"><button type="submit">Xác nhận ngừng nhận thông báo</button></form>`,
    );
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Withdraw consent: erase the contact of this link and opt it out (404 for a bad link)',
  })
  async withdraw(@Param('token') token: string) {
    await this.consent.withdraw(token);
    return page('Đã ngừng nhận thông báo', '<p>Thông tin liên lạc của ông/bà đã được xoá. Xin cảm ơn.</p>');
  }
}
