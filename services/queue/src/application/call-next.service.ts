import { Injectable } from '@nestjs/common';
import { notFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { CallChoice, callNextAtCounter, callTicket, localDayKey, Ticket } from '../domain';
import { CounterRepository, toCounter } from '../persistence/counter.repository';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';
import { TicketChanges } from './ticket-changes';

/** Bound on re-choosing after lost claims; each loss means another counter made progress. */
const MAX_CLAIM_ATTEMPTS = 100;

export interface CallOutcome {
  ticket: Ticket;
  choice: CallChoice;
}

/**
 * Call-next without double calls. One transaction: lock this counter's row (one call at a time per
 * counter, other counters run in parallel), read today's waiting tickets of its services, let the
 * domain choose, then claim the chosen ticket with `FOR UPDATE … WHERE status = 'WAITING'`. If another
 * counter claimed it first the claim returns nothing and we choose again from a fresh read, so no
 * ticket is called twice and none is skipped while it waits. The counter's priority streak is saved
 * in the same transaction as the call.
 */
@Injectable()
export class CallNextService {
  constructor(
    private readonly ds: DataSource,
    private readonly counters: CounterRepository,
    private readonly tickets: TicketRepository,
    private readonly setup: SetupRepository,
    private readonly changes: TicketChanges,
    private readonly clock: QueueClock,
  ) {}

  async callNext(unitCode: string, counterNo: string, correlationId?: string): Promise<CallOutcome | null> {
    const policy = await this.setup.policy(unitCode);
    return this.ds.transaction(async (m) => {
      const row = await this.counters.findForUpdate(m, unitCode, counterNo);
      if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      const counter = toCounter(row);
      for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
        const now = this.clock.now();
        const waiting = await this.tickets.waiting(m, unitCode, localDayKey(now), counter.serviceCodes);
        const { state, choice } = callNextAtCounter({ now, waiting, policy }, counter);
        if (!choice) return null;
        const claimed = await this.tickets.claimWaiting(m, choice.ticketId);
        if (!claimed) continue;
        const officerId = (state as { officerId: string }).officerId;
        const decision = callTicket({ now, counterNo, officerId, reasonCode: choice.reasonCode, reason: choice.reason }, toTicket(claimed));
        await this.tickets.save(m, decision.state, { callReason: choice.reason });
        await this.counters.save(m, state);
        await this.changes.record(m, decision, correlationId);
        return { ticket: decision.state, choice };
      }
      throw new Error(`call-next at ${unitCode}/${counterNo} lost ${MAX_CLAIM_ATTEMPTS} claims in a row`);
    });
  }
}
