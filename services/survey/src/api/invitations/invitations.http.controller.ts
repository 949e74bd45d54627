import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, DomainError, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { InvitationsService } from '../../application/invitations.service';

const COUNTER_NO = /^[A-Za-z0-9._-]{1,16}$/;

/** Where the devices and staff who deliver invitations get their tokens. */
@ApiTags('invitations')
@Controller('api/v1/units/:unitCode')
@UnitScoped('unitCode')
export class InvitationsHttpController {
  constructor(private readonly invitations: InvitationsService) {}

  /**
   * The counter tablet is a device logged in as `kiosk` of the unit (the citizen holds it, so it gets no
   * officer rights). Officers may not fetch it (issue #16): the token is the credential to answer, and the
   * officer at the counter is the one the answer rates.
   */
  @Get('counters/:counterNo/pending-invitation')
  @Roles('kiosk')
  @ApiOperation({
    summary:
      'The tablet invitation for the citizen just served at this counter (404 when none is answerable)',
  })
  async pending(@Param('unitCode', UnitCodePipe) unitCode: string, @Param('counterNo') counterNo: string) {
    if (!COUNTER_NO.test(counterNo))
      throw new DomainError(
        'INVALID',
        'REQUEST.INVALID',
        'counterNo must be 1-16 letters, digits, dots, dashes or underscores',
      );
    return this.invitations.pendingAtCounter(unitCode, counterNo);
  }

  @Get('dossiers/:dossierId/invitation')
  @Roles('officer', 'unit-admin')
  @ApiOperation({
    summary: "A dossier's SIPAS invitation, to print its QR code on the receipt or send the link",
  })
  async forDossier(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('dossierId', new ParseUUIDPipe()) dossierId: string,
    @CurrentUser() user: AuthUser,
  ) {
    return this.invitations.forDossier(unitCode, dossierId, user.sub);
  }
}
