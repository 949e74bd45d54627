import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Roles } from '@fg/platform';
import { CounterCallsService } from '../../application/counter-calls.service';
import { TicketAction, TicketActionsService } from '../../application/ticket-actions.service';
import { TicketIdPipe } from '../path-params';
import {
  CancelTicketRequest,
  CompleteTicketRequest,
  ParkTicketRequest,
  TransferTicketRequest,
} from './ticket.request.dto';
import { ticketView } from './ticket.view';

const REFUSED = 'The transition is not allowed from the current status (named in message and details.status)';

@ApiTags('tickets')
@Controller('api/v1/tickets/:id')
@Roles('officer')
@ApiConflictResponse({ description: REFUSED })
export class TicketActionsHttpController {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly calls: CounterCallsService,
  ) {}

  private async act(id: string, cmd: TicketAction, user: AuthUser, correlationId: string) {
    return ticketView(await this.actions.act(id, cmd, user, correlationId));
  }

  @Post('recall')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call the same ticket again (at most 3 times, then no-show)' })
  recall(@Param('id', TicketIdPipe) id: string, @CurrentUser() user: AuthUser, @CorrelationId() cid: string) {
    return this.act(id, { action: 'recall' }, user, cid);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'The citizen is at the counter: service starts' })
  start(@Param('id', TicketIdPipe) id: string, @CurrentUser() user: AuthUser, @CorrelationId() cid: string) {
    return this.act(id, { action: 'start' }, user, cid);
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Service done; optionally link the dossier handed in' })
  complete(
    @Param('id', TicketIdPipe) id: string,
    @Body() body: CompleteTicketRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return this.act(id, { action: 'complete', dossierId: body.dossierId }, user, cid);
  }

  @Post('no-show')
  @HttpCode(200)
  @ApiOperation({ summary: 'The called citizen did not come' })
  noShow(@Param('id', TicketIdPipe) id: string, @CurrentUser() user: AuthUser, @CorrelationId() cid: string) {
    return this.act(id, { action: 'no-show' }, user, cid);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a waiting ticket' })
  cancel(
    @Param('id', TicketIdPipe) id: string,
    @Body() body: CancelTicketRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return this.act(id, { action: 'cancel', reason: body.reason }, user, cid);
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move to another service queue, or to a named counter or officer of the unit (exactly one), keeping number and issue time',
    description:
      'Unknown service, counter or officer: 404; an officer of another unit: 403; a closed counter, an officer ' +
      'on duty nowhere or an inactive service: 409; two targets or none: 400 naming them.',
  })
  transfer(
    @Param('id', TicketIdPipe) id: string,
    @Body() body: TransferTicketRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    const { serviceCode, counterNo: toCounterNo, officerId: toOfficerId, reasonCode } = body;
    const cmd = { action: 'transfer' as const, serviceCode, toCounterNo, toOfficerId, reasonCode };
    return this.act(id, cmd, user, cid);
  }

  @Post('park')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Park a called or served ticket (the citizen fetches a document); its counter calls it back with /unpark',
  })
  park(
    @Param('id', TicketIdPipe) id: string,
    @Body() body: ParkTicketRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return this.act(id, { action: 'park', reasonCode: body.reasonCode }, user, cid);
  }

  @Post('unpark')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The counter that parked the ticket calls it back (CALLED there again; recalls, first call and issue time kept)',
  })
  async unpark(
    @Param('id', TicketIdPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CorrelationId() cid: string,
  ) {
    return ticketView(await this.calls.unpark(id, user, cid));
  }
}
