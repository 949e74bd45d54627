import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { appendAudit, AuthUser, DomainError, notFound, UnitAccess } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertCounterOpen,
  callChosenTicket,
  Counter,
  Ticket,
  TicketDecision,
  TicketIn,
  unparkTicket,
} from '../domain';
import { TicketTargetsRepository } from '../persistence/ticket-targets.repository';
import { CounterRepository, toCounter } from '../persistence/counter.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { TicketRow, toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';
import { TicketChanges } from './ticket-changes';

type OpenCounter = Extract<Counter, { status: 'OPEN' }>;

/**
 * The calls an officer makes by hand at his counter (issue #17): a chosen ticket out of the policy's order,
 * and a parked ticket called back. Like call-next, each locks the counter row first and then the ticket row
 * (the same order everywhere, so no deadlock), and the ticket's officer is the counter's officer on duty.
 *
 * No double call: the chosen ticket is claimed with `… WHERE status = 'WAITING' FOR UPDATE`, which waits for
 * any other transaction holding the row (another counter's call-next or chosen call) and re-checks it after
 * that one commits; the loser reads the ticket as it now is and the domain refuses with the status (409).
 */
@Injectable()
export class CounterCallsService {
  constructor(
    private readonly ds: DataSource,
    private readonly counters: CounterRepository,
    private readonly tickets: TicketRepository,
    private readonly targets: TicketTargetsRepository,
    private readonly changes: TicketChanges,
    private readonly access: UnitAccess,
    private readonly clock: QueueClock,
  ) {}

  /** Today's tickets parked by the counter, oldest parking first (404 for an unknown counter). */
  async parked(unitCode: string, counterNo: string): Promise<TicketIn<'PARKED'>[]> {
    if (!(await this.counters.find(unitCode, counterNo)))
      throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
    const rows = await this.targets.parkedAt(unitCode, counterNo, toLocalDate(this.clock.now()));
    return rows.map((r) => toTicket(r) as TicketIn<'PARKED'>);
  }

  async callChosen(
    c: { unitCode: string; counterNo: string; ticketId: string; reasonCode: string },
    actorId: string,
    correlationId?: string,
  ): Promise<Ticket> {
    return this.ds.transaction(async (m) => {
      const counter = await this.openCounter(m, c.unitCode, c.counterNo);
      const row =
        (await this.tickets.claimWaiting(m, c.ticketId)) ?? (await this.tickets.findForUpdate(m, c.ticketId));
      if (!row || row.unitCode !== c.unitCode)
        throw notFound(`Ticket ${c.ticketId} of unit`, c.unitCode, 'TICKET.NOT_FOUND');
      const now = this.clock.now();
      this.assertToday(row, now);
      const decision = callChosenTicket(
        { now, counterNo: c.counterNo, officerId: counter.officerId, outOfOrderReasonCode: c.reasonCode },
        toTicket(row),
      );
      return this.record(m, decision, correlationId, {
        unitCode: c.unitCode,
        actorId,
        action: 'ticket.call-chosen',
        subject: c.ticketId,
        details: { counterNo: c.counterNo, number: row.number, reasonCode: c.reasonCode },
      });
    });
  }

  /** The counter that parked the ticket calls it back (it must be open: a call needs an officer at it). */
  async unpark(ticketId: string, user: AuthUser, correlationId?: string): Promise<Ticket> {
    const found = await this.tickets.find(ticketId);
    if (!found) throw notFound('Ticket', ticketId, 'TICKET.NOT_FOUND');
    await this.access.assert(user, found.unitCode);
    return this.ds.transaction(async (m) => {
      // Lock order counter → ticket, as in call-next; a ticket that holds no counter is refused by the domain.
      const counter = found.counterNo
        ? await this.openCounter(m, found.unitCode, found.counterNo)
        : undefined;
      const row = (await this.tickets.findForUpdate(m, ticketId))!;
      const now = this.clock.now();
      const decision = unparkTicket(
        {
          now,
          counterNo: row.counterNo ?? found.counterNo ?? '',
          officerId: counter?.officerId ?? '',
        },
        toTicket(row),
      );
      return this.record(m, decision, correlationId, {
        unitCode: found.unitCode,
        actorId: user.sub,
        action: 'ticket.unpark',
        subject: ticketId,
        details: { counterNo: row.counterNo, number: row.number },
      });
    });
  }

  private async openCounter(m: EntityManager, unitCode: string, counterNo: string): Promise<OpenCounter> {
    const row = await this.counters.findForUpdate(m, unitCode, counterNo);
    if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
    const counter = toCounter(row);
    assertCounterOpen(counter);
    return counter;
  }

  /** A ticket is valid on its local day only (call-next never calls an older one either). */
  private assertToday(row: TicketRow, now: Date): void {
    if (row.status === 'WAITING' && row.localDay !== toLocalDate(now))
      throw new DomainError(
        'CONFLICT',
        'TICKET.EXPIRED',
        `Ticket ${row.number} was issued on ${row.localDay}; a ticket is valid on its day only`,
        { status: row.status, localDay: row.localDay },
      );
  }

  private async record(
    m: EntityManager,
    decision: TicketDecision,
    correlationId: string | undefined,
    audit: Parameters<typeof appendAudit>[1],
  ): Promise<Ticket> {
    if (decision.events.length) {
      await this.tickets.save(m, decision.state);
      await this.changes.record(m, decision, correlationId);
      await appendAudit(m, audit);
    }
    return decision.state;
  }
}
