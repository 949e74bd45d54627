import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { toString as qrToString } from 'qrcode';
import { CounterConsoleService } from '../../application/counter-console.service';
import { CounterNoPipe } from '../path-params';
import { QrCodeRequest } from './qr-code.request.dto';

/**
 * Page-only reads of the officer's counter console (`/counter/{unitCode}/{counterNo}`): every action the
 * console takes goes through the counter and ticket endpoints; these only show the counter's state at once
 * and draw the QR code of a printed dossier receipt.
 */
@ApiTags('counter console')
@Controller('api/v1/units/:unitCode/counters/:counterNo')
@UnitScoped('unitCode')
export class CounterConsoleHttpController {
  constructor(private readonly console: CounterConsoleService) {}

  @Get('console')
  @Roles('officer', 'unit-admin')
  @ApiOperation({
    summary:
      "The counter console's view: the counter, the ticket at it, the waiting list of its services in the order the policy would call them (the first with its reason), today's served count, the unit's services, counters and officers",
  })
  @ApiOkResponse({
    description:
      '{counter, current, servedToday, waitingTotal, waiting[], services[], counters[], officers[], dossierApiUrl}',
  })
  view(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
  ) {
    return this.console.snapshot(unitCode, counterNo);
  }

  @Post('receipt-qr')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "An SVG QR code of an address (a dossier receipt's public look-up), drawn here so the console needs no script from elsewhere; nothing is stored or logged",
  })
  @ApiOkResponse({ description: '{svg}' })
  async receiptQr(
    @Param('unitCode', UnitCodePipe) _unitCode: string,
    @Param('counterNo', CounterNoPipe) _counterNo: string,
    @Body() body: QrCodeRequest,
  ) {
    return { svg: await qrToString(body.text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) };
  }
}
