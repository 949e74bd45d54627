import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REASON_LABELS_VI } from '@fg/contracts';
import { AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { CounterCallsService } from '../../application/counter-calls.service';
import { CounterNoPipe } from '../path-params';
import { ticketView } from '../tickets/ticket.view';
import { CallTicketRequest } from './counter-calls.request.dto';

/** The counter console's own calls (issue #17): a chosen ticket out of order, and the counter's parked tickets. */
@ApiTags('counters')
@Controller('api/v1/units/:unitCode/counters/:counterNo')
@UnitScoped('unitCode')
export class CounterCallsHttpController {
  constructor(private readonly calls: CounterCallsService) {}

  @Post('call-ticket')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Call a chosen waiting ticket out of the policy order, with a reason code (recorded on the ticket and ticket.called)',
    description:
      'The counter must be OPEN; the ticket must be WAITING, of this unit, issued today and not transferred to ' +
      'another counter or officer. Two counters calling the same ticket at once: one wins, the other gets 409 ' +
      'naming the status (CALLED). A repeat at the counter that holds it answers the same ticket.',
  })
  @ApiOkResponse({ description: '{ticket, outOfOrderReasonCode, reasonVi}' })
  @ApiConflictResponse({
    description: 'Ticket not WAITING (status named), reserved, expired, or counter not open',
  })
  async callTicket(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
    @Body() body: CallTicketRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    const c = { unitCode, counterNo, ticketId: body.ticketId, reasonCode: body.reasonCode };
    const ticket = await this.calls.callChosen(c, user.sub, cid);
    return {
      ticket: ticketView(ticket),
      outOfOrderReasonCode: body.reasonCode,
      reasonVi: REASON_LABELS_VI.OUT_OF_ORDER_CALL[body.reasonCode],
    };
  }

  @Get('parked')
  @Roles('officer', 'unit-admin')
  @ApiOperation({
    summary:
      "Today's tickets parked by this counter (oldest first), each with its park reason; call back with /unpark",
  })
  @ApiOkResponse({ description: '[ticket + parkReasonVi]' })
  async parked(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('counterNo', CounterNoPipe) counterNo: string,
  ) {
    const parked = await this.calls.parked(unitCode, counterNo);
    return parked.map((t) => ({
      ...ticketView(t),
      parkReasonVi: REASON_LABELS_VI.PARK[t.parkReasonCode] ?? REASON_LABELS_VI.PARK.OTHER,
    }));
  }
}
