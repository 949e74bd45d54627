import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import {
  AuthUser,
  CorrelationId,
  CurrentUser,
  DomainError,
  Roles,
  UnitCodePipe,
  UnitScoped,
} from '@fg/platform';
import { ResponsesService } from '../../application/responses.service';
import { KioskResponseRequest, PaperResponseRequest } from './submit-answers.request.dto';

/** Responses without an invitation: a kiosk in the office, or a paper form typed in by staff. */
@ApiTags('answering')
@Controller('api/v1')
export class UnitResponsesHttpController {
  constructor(private readonly responses: ResponsesService) {}

  /**
   * Anonymous by design: a kiosk response names no officer, counter or ticket, since nothing ties the
   * person at the kiosk to a service; officer ratings come from invitations (tablet, SIPAS) and paper.
   */
  @Post('public/units/:unitCode/responses')
  @Roles('kiosk')
  @UnitScoped('unitCode')
  @ApiTooManyRequestsResponse({
    description: 'Too many responses from this kiosk device (details.retryAfterSeconds)',
  })
  @ApiOperation({ summary: 'A kiosk response (role kiosk of the unit), rate-limited per device' })
  async kiosk(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: KioskResponseRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.responses.submitDirect(
      body.surveyId,
      body.version,
      body.answers,
      {
        channel: 'KIOSK',
        unitCode,
        deviceId: user.sub,
        submittedAt: new Date(),
        rateLimitedDevice: user.sub,
      },
      correlationId,
    );
  }

  @Post('units/:unitCode/responses')
  @Roles('officer', 'unit-admin')
  @UnitScoped('unitCode')
  @ApiOperation({ summary: 'Type in a paper form (channel PAPER); records who entered it' })
  async paper(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: PaperResponseRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const now = new Date();
    const answeredAt = body.answeredAt ? new Date(body.answeredAt) : now;
    if (answeredAt.getTime() > now.getTime() + 60_000) {
      throw new DomainError('INVALID', 'REQUEST.INVALID', 'answeredAt must not be in the future');
    }
    return this.responses.submitDirect(
      body.surveyId,
      body.version,
      body.answers,
      {
        channel: 'PAPER',
        unitCode,
        officerId: body.officerId,
        counterNo: body.counterNo,
        ticketId: body.ticketId,
        dossierId: body.dossierId,
        enteredBy: user.sub,
        submittedAt: answeredAt,
      },
      correlationId,
    );
  }
}
