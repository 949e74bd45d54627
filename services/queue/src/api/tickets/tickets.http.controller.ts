import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { TicketIssuingService } from '../../application/ticket-issuing.service';
import { TicketLookupService } from '../../application/ticket-lookup.service';
import { TicketIdPipe } from '../path-params';
import { IssueTicketRequest } from './ticket.request.dto';
import { ticketView } from './ticket.view';

@ApiTags('tickets')
@Controller('api/v1')
export class TicketsHttpController {
  constructor(
    private readonly issuing: TicketIssuingService,
    private readonly lookup: TicketLookupService,
  ) {}

  @Post('units/:unitCode/tickets')
  @Roles('kiosk', 'officer')
  @UnitScoped('unitCode', { active: true })
  @ApiOperation({ summary: 'Take a number (kiosk, or an officer for a citizen at the counter)' })
  @ApiCreatedResponse({
    description:
      '{id, number, serviceCode, priority, issuedAt, position, estimatedWaitMinutes, notifyByPhone}; notifyByPhone: ' +
      'the phone given travels sealed for the notify service ("your turn is near" SMS)',
  })
  async issue(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: IssueTicketRequest,
    @CorrelationId() correlationId: string,
    @CurrentUser() user: AuthUser,
  ) {
    const {
      ticket: t,
      position,
      estimatedWaitMinutes,
      notifyByPhone,
    } = await this.issuing.issue({
      unitCode,
      serviceCode: body.serviceCode,
      priority: body.priority,
      correlationId,
      // A kiosk device is rate-limited by its token's subject (an officer issuing at the counter is not).
      kioskDevice: user.roles.includes('kiosk') ? user.sub : undefined,
      phone: body.phone,
    });
    return {
      id: t.id,
      unitCode,
      number: t.number,
      serviceCode: t.serviceCode,
      priority: t.priority,
      status: t.status,
      issuedAt: t.issuedAt,
      position,
      estimatedWaitMinutes,
      notifyByPhone,
    };
  }

  @Get('tickets/:id')
  @Roles('officer', 'unit-admin', 'viewer', 'kiosk')
  @ApiOperation({ summary: 'One ticket and where it is in its life cycle' })
  async get(@Param('id', TicketIdPipe) id: string, @CurrentUser() user: AuthUser) {
    const { ticket, callReason } = await this.lookup.get(id, user);
    return { ...ticketView(ticket), callReason };
  }
}
