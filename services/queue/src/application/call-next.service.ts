import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { notFound } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertCounterOpen,
  CallChoice,
  callableServiceCodes,
  callTicket,
  Counter,
  rankCallCandidates,
  Ticket,
} from '../domain';
import { CallNextRepository } from '../persistence/call-next.repository';
import { toCounter } from '../persistence/counter.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { TicketRow, toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';
import { TicketChanges } from './ticket-changes';

/** More choices than counters that can plausibly call at the same instant. */
const CANDIDATES = 32;
/** Bound on rounds of waiting for other counters' claims; each round means one of them made progress. */
const MAX_ROUNDS = 100;

export interface CallOutcome {
  ticket: Ticket;
  choice: CallChoice;
}

/**
 * Call-next without double calls. One transaction: lock this counter's row (one call at a time per
 * counter; other counters run in parallel), read the candidates among today's waiting tickets of its
 * services (`callCandidatePool`: enough to hold its first 32 choices), rank them
 * by the unit policy (the domain's choice, then its choice without that ticket, …), and claim the
 * best one not already claimed: `FOR UPDATE SKIP LOCKED … WHERE status = 'WAITING'`, which only one
 * transaction can win for a row. If every candidate is being claimed by other counters, wait for
 * those claims (a blocking claim of the best one) and rank again, so the answer is 204 only when
 * really nobody waits for this counter. The priority streak is saved in the same transaction.
 * Tickets transferred to this counter or to its officer on duty (issue #17) are among the candidates
 * whatever their service; tickets reserved for another counter or officer are not; parked ones never are.
 *
 * Round trips (issue #21 target 5; each cost more than its SQL on the shared cores): BEGIN, one statement
 * that locks the counter and reads the policy, the appointment settings and the candidates, the claim, one
 * statement that writes the ticket, the streak, the outbox event and the audit entry, COMMIT — 5 instead
 * of 11 (the request adds the unit look-up of the access guard: 6 instead of 12). The policy decision stays
 * in the domain (`rankCallCandidates`, `callTicket`).
 */
@Injectable()
export class CallNextService {
  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketRepository,
    private readonly calls: CallNextRepository,
    private readonly changes: TicketChanges,
    private readonly clock: QueueClock,
  ) {}

  /** `actorId`: the token's subject, for the audit log (absent for calls the system makes itself). */
  async callNext(
    unitCode: string,
    counterNo: string,
    correlationId?: string,
    actorId?: string,
  ): Promise<CallOutcome | null> {
    return this.ds.transaction(async (m) => {
      const readDay = toLocalDate(this.clock.now());
      const read = await this.calls.lockCounterAndRead(m, unitCode, counterNo, readDay, CANDIDATES);
      if (!read) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      const { policy } = read;
      // Appointments are due from this many minutes before their slot (issue #19, call-next.ts).
      const { toleranceMinutes } = read.appointmentSettings;
      const counter = toCounter(read.counter);
      assertCounterOpen(counter);
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        // The time of the call is taken once the counter is ours, as before the reads were merged.
        const now = this.clock.now();
        // The first round has the candidates read with the lock, unless the day turned meanwhile.
        const waiting =
          round === 1 && toLocalDate(now) === readDay
            ? read.waiting
            : await this.tickets.candidatePool(
                m,
                unitCode,
                toLocalDate(now),
                counter.serviceCodes,
                CANDIDATES,
                { counterNo, officerId: counter.officerId },
              );
        const ranked = rankCallCandidates(
          {
            waiting,
            counterServiceCodes: callableServiceCodes(counter.serviceCodes, waiting),
            policy,
            consecutivePriorityCalls: counter.consecutivePriorityCalls,
            now,
            appointmentToleranceMinutes: toleranceMinutes,
          },
          CANDIDATES,
        );
        if (!ranked.length) return null;
        const claimed =
          (await this.tickets.claimFirstFree(
            m,
            ranked.map((c) => c.ticketId),
          )) ?? (await this.tickets.claimWaiting(m, ranked[0].ticketId)); // all busy: wait for the best one's outcome
        if (!claimed) continue;
        const choice = ranked.find((c) => c.ticketId === claimed.id)!;
        return this.call(m, { counter, choice, claimed, now, correlationId, actorId });
      }
      throw new Error(`call-next at ${unitCode}/${counterNo} found no free ticket in ${MAX_ROUNDS} rounds`);
    });
  }

  private async call(
    m: EntityManager,
    c: {
      counter: Extract<Counter, { status: 'OPEN' }>;
      choice: CallChoice;
      claimed: TicketRow;
      now: Date;
      correlationId?: string;
      actorId?: string;
    },
  ): Promise<CallOutcome> {
    const { counter, choice, now, claimed } = c;
    const decision = callTicket(
      {
        now,
        counterNo: counter.counterNo,
        officerId: counter.officerId,
        reasonCode: choice.reasonCode,
        reason: choice.reason,
      },
      toTicket(claimed),
    );
    await this.changes.recordStats(m, decision); // a call changes no statistics row today; kept for when one does
    await this.calls.recordCall(m, {
      ticket: decision.state,
      callReason: choice.reason,
      counter: {
        unitCode: counter.unitCode,
        counterNo: counter.counterNo,
        consecutivePriorityCalls: choice.nextConsecutivePriorityCalls,
      },
      events: this.changes.events(decision, c.correlationId),
      audit: c.actorId
        ? {
            unitCode: counter.unitCode,
            actorId: c.actorId,
            action: 'ticket.call',
            subject: claimed.id,
            details: { counterNo: counter.counterNo, number: claimed.number, reasonCode: choice.reasonCode },
          }
        : null,
    });
    return { ticket: decision.state, choice };
  }
}
