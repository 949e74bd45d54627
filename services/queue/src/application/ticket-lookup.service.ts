import { Injectable } from '@nestjs/common';
import { AuthUser, notFound, UnitAccess } from '@fg/platform';
import type { Ticket } from '../domain';
import { TicketRepository } from '../persistence/ticket.repository';
import { toTicket } from '../persistence/ticket.row';

/** Reads one ticket for a user who may see its unit. */
@Injectable()
export class TicketLookupService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly access: UnitAccess,
  ) {}

  /**
   * The ticket and why it was last called. `TICKET.NOT_FOUND` when the id is unknown; the unit comes from
   * the ticket, not the path, and gets the same checks as @UnitScoped, raising the same errors.
   */
  async get(id: string, user: AuthUser | undefined): Promise<{ ticket: Ticket; callReason: string | null }> {
    const row = await this.tickets.find(id);
    if (!row) throw notFound('Ticket', id, 'TICKET.NOT_FOUND');
    await this.access.assert(user, row.unitCode);
    return { ticket: toTicket(row), callReason: row.callReason };
  }
}
