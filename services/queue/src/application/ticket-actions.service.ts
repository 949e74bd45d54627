import { Injectable } from '@nestjs/common';
import { appendAudit, AuthUser, DomainError, notFound, UnitAccess } from '@fg/platform';
import { DataSource } from 'typeorm';
import {
  cancelTicket,
  completeTicket,
  markNoShow,
  parkTicket,
  recallTicket,
  startServing,
  Ticket,
  TicketDecision,
  TransferTicket,
  transferTarget,
  transferTicket,
} from '../domain';
import { CounterRepository } from '../persistence/counter.repository';
import { TicketTargetsRepository } from '../persistence/ticket-targets.repository';
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
  | { action: 'park'; reasonCode: string }
  /** Exactly one of serviceCode, toCounterNo, toOfficerId (the domain's `transferTarget` checks it). */
  | ({ action: 'transfer' } & Omit<TransferTicket, 'now' | 'counterNo'>);

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
    private readonly counters: CounterRepository,
    private readonly targets: TicketTargetsRepository,
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
    if (cmd.action === 'transfer') await this.assertTargetOpen(found.unitCode, cmd);

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
              ...(cmd.action === 'transfer' ? transferAudit(found.serviceCode, cmd) : {}),
              ...(cmd.action === 'park' ? { reasonCode: cmd.reasonCode } : {}),
            },
          });
      }
      return decision.state;
    });
  }

  /**
   * The transfer's target exists and can take the citizen: an active service of the unit; a counter of the
   * unit that is not closed; an officer of this unit (403 for another unit's, 404 for one never on duty) who
   * is on duty at one of its counters now (409 otherwise: nobody would call the ticket).
   */
  private async assertTargetOpen(unitCode: string, cmd: Extract<TicketAction, { action: 'transfer' }>) {
    const target = transferTarget({ ...cmd, now: new Date(0) });
    if (target.kind === 'service') return this.assertServiceOpen(unitCode, target.serviceCode);
    if (target.kind === 'counter') {
      const counter = await this.counters.find(unitCode, target.counterNo);
      if (!counter) throw notFound(`Counter ${target.counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      if (counter.status === 'CLOSED')
        throw new DomainError(
          'CONFLICT',
          'COUNTER.NOT_OPEN',
          `Counter ${target.counterNo} is CLOSED; a ticket cannot be transferred to a closed counter`,
          { counterNo: target.counterNo, status: counter.status },
        );
      return;
    }
    const officer = await this.targets.officer(unitCode, target.officerId);
    if (!officer.units.includes(unitCode)) {
      if (officer.units.length)
        throw new DomainError(
          'FORBIDDEN',
          'TRANSFER.OFFICER_OF_OTHER_UNIT',
          `Officer ${target.officerId} is not an officer of unit ${unitCode}`,
          { officerId: target.officerId },
        );
      throw notFound(`Officer ${target.officerId} of unit`, unitCode, 'OFFICER.NOT_FOUND');
    }
    if (!officer.onDutyAt.length)
      throw new DomainError(
        'CONFLICT',
        'OFFICER.NOT_ON_DUTY',
        `Officer ${target.officerId} is not on duty at a counter of unit ${unitCode} (every counter CLOSED)`,
        { officerId: target.officerId, status: 'CLOSED' },
      );
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
    case 'park':
      return parkTicket({ now, reasonCode: cmd.reasonCode }, t);
    case 'transfer': {
      const { serviceCode, toCounterNo, toOfficerId, reasonCode } = cmd;
      return transferTicket({ now, serviceCode, toCounterNo, toOfficerId, reasonCode }, t);
    }
  }
}

const transferAudit = (from: string, cmd: Extract<TicketAction, { action: 'transfer' }>) => ({
  from,
  to: cmd.serviceCode ?? from,
  ...(cmd.toCounterNo ? { toCounterNo: cmd.toCounterNo } : {}),
  ...(cmd.toOfficerId ? { toOfficerId: cmd.toOfficerId } : {}),
  ...(cmd.reasonCode ? { reasonCode: cmd.reasonCode } : {}),
});
