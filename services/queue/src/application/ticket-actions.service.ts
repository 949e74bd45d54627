import { Injectable } from '@nestjs/common';
import { appendAudit, AuthUser, DomainError, notFound, UnitAccess } from '@fg/platform';
import { DataSource } from 'typeorm';
import {
  cancelTicket,
  completeTicket,
  markNoShow,
  recallTicket,
  startServing,
  Ticket,
  TicketDecision,
  transferTicket,
} from '../domain';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';
import { TicketChanges } from './ticket-changes';

export type TicketAction =
  | { action: 'recall' }
  | { action: 'start' }
  | { action: 'complete'; dossierId?: string }
  | { action: 'no-show' }
  | { action: 'cancel'; reason?: string }
  | { action: 'transfer'; serviceCode: string };

/**
 * What an officer does with a ticket once it exists. Loads it under a row lock, lets the domain decide
 * (a refused transition is `TICKET.INVALID_TRANSITION` naming the status → 409), then saves state,
 * statistics and events together.
 */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketRepository,
    private readonly setup: SetupRepository,
    private readonly changes: TicketChanges,
    private readonly access: UnitAccess,
    private readonly clock: QueueClock,
  ) {}

  async act(
    ticketId: string,
    cmd: TicketAction,
    user: AuthUser | undefined,
    correlationId?: string,
  ): Promise<Ticket> {
    const found = await this.tickets.find(ticketId);
    if (!found) throw notFound('Ticket', ticketId, 'TICKET.NOT_FOUND');
    await this.access.assert(user, found.unitCode);
    if (cmd.action === 'transfer') await this.assertServiceOpen(found.unitCode, cmd.serviceCode);

    return this.ds.transaction(async (m) => {
      const row = await this.tickets.findForUpdate(m, ticketId);
      const decision = decide(cmd, toTicket(row!), this.clock.now());
      if (decision.events.length) {
        await this.tickets.save(m, decision.state);
        await this.changes.record(m, decision, correlationId);
        // Who did it, in the same transaction (issue #16 audit log); a cancel reason stays in the ticket row.
        if (user)
          await appendAudit(m, {
            unitCode: found.unitCode,
            actorId: user.sub,
            action: `ticket.${cmd.action}`,
            subject: ticketId,
            details: {
              number: found.number,
              ...(cmd.action === 'transfer' ? { from: found.serviceCode, to: cmd.serviceCode } : {}),
            },
          });
      }
      return decision.state;
    });
  }

  private async assertServiceOpen(unitCode: string, serviceCode: string): Promise<void> {
    const service = await this.setup.findService(unitCode, serviceCode);
    if (!service) throw notFound(`Service ${serviceCode} of unit`, unitCode, 'SERVICE.NOT_FOUND');
    if (!service.active)
      throw new DomainError(
        'CONFLICT',
        'SERVICE.INACTIVE',
        `Service ${serviceCode} is not taking tickets now`,
      );
  }
}

function decide(cmd: TicketAction, t: Ticket, now: Date): TicketDecision {
  switch (cmd.action) {
    case 'recall':
      return recallTicket({ now }, t);
    case 'start':
      return startServing({ now }, t);
    case 'complete':
      return completeTicket({ now, dossierId: cmd.dossierId }, t);
    case 'no-show':
      return markNoShow({ now }, t);
    case 'cancel':
      return cancelTicket({ now, reason: cmd.reason }, t);
    case 'transfer':
      return transferTicket({ now, serviceCode: cmd.serviceCode }, t);
  }
}
