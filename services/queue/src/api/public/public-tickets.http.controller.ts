import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@fg/platform';
import type { Request } from 'express';
import { PublicTicketService } from '../../application/public-ticket.service';
import { TicketIdPipe } from '../path-params';

/** The client's address as Express reads it: the socket's peer, or what a TRUST_PROXY proxy forwards. */
const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The citizen's ticket look-up (QR on the kiosk slip, page `/t/{ticketId}`): no login, no personal data. */
@ApiTags('public')
@Controller('api/v1/public/tickets')
export class PublicTicketsHttpController {
  constructor(private readonly tickets: PublicTicketService) {}

  @Get(':id')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Number, service, people ahead and estimated wait of a ticket, or the counter it was called to; by its random id (the slip’s QR code)',
  })
  @ApiOkResponse({
    description:
      '{number, unitCode, unitName, serviceCode, serviceName, status, issuedAt, peopleAhead, estimatedWaitMinutes, counterNo, counterName, calledAt, expired, bookingCode}; bookingCode: the code of a checked-in appointment (issue #19)',
  })
  @ApiNotFoundResponse({ description: 'TICKET.NOT_FOUND; counted against the address' })
  @ApiTooManyRequestsResponse({
    description: 'TICKET.LOOKUP_RATE_LIMITED: too many unknown ids from this address (Retry-After)',
  })
  lookup(@Param('id', TicketIdPipe) id: string, @Req() req: Request) {
    return this.tickets.lookup(id, clientAddress(req));
  }
}
