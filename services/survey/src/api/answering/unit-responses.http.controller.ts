import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { PaperFormsService } from '../../application/paper-forms.service';
import { ResponsesService } from '../../application/responses.service';
import { KioskResponseRequest, PaperResponseRequest } from './submit-answers.request.dto';

/** Responses without an invitation: a kiosk in the office, or a paper form typed in by staff. */
@ApiTags('answering')
@Controller('api/v1')
export class UnitResponsesHttpController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly paperForms: PaperFormsService,
  ) {}

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
  @ApiTooManyRequestsResponse({
    description: 'Too many paper forms typed in by this account (details.retryAfterSeconds)',
  })
  @ApiOperation({
    summary:
      'Type in a paper form (channel PAPER); records who entered it. Not about oneself (403), only an officer ' +
      'who served in the unit (403), answeredAt within SURVEY_PAPER_MAX_AGE_DAYS (400), rate-limited per account',
  })
  async paper(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: PaperResponseRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.paperForms.submit(unitCode, body, user.sub, correlationId);
  }
}
