import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { appendAudit, notFound } from '@fg/platform';
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
import { AppointmentRepository } from '../persistence/appointments/appointment.repository';
import { CounterRepository, toCounter } from '../persistence/counter.repository';
import { SetupRepository } from '../persistence/setup.repository';
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
    private readonly appointments: AppointmentRepository,
  ) {}

  /** `actorId`: the token's subject, for the audit log (absent for calls the system makes itself). */
  async callNext(
    unitCode: string,
    counterNo: string,
    correlationId?: string,
    actorId?: string,
  ): Promise<CallOutcome | null> {
    const policy = await this.setup.policy(unitCode);
    // Appointments are due from this many minutes before their slot (issue #19, call-next.ts).
    const { toleranceMinutes } = await this.appointments.settings(unitCode);
    return this.ds.transaction(async (m) => {
      const row = await this.counters.findForUpdate(m, unitCode, counterNo);
      if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
      const counter = toCounter(row);
      assertCounterOpen(counter);
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        const now = this.clock.now();
        const waiting = await this.tickets.candidatePool(
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
        const outcome = await this.call(m, { counter, choice, claimed, now, correlationId });
        if (actorId)
          await appendAudit(m, {
            unitCode,
            actorId,
            action: 'ticket.call',
            subject: claimed.id,
            details: { counterNo, number: claimed.number, reasonCode: choice.reasonCode },
          });
        return outcome;
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
    },
  ): Promise<CallOutcome> {
    const { counter, choice, now } = c;
    const decision = callTicket(
      {
        now,
        counterNo: counter.counterNo,
        officerId: counter.officerId,
        reasonCode: choice.reasonCode,
        reason: choice.reason,
      },
      toTicket(c.claimed),
    );
    await this.tickets.save(m, decision.state, { callReason: choice.reason });
    await this.counters.save(m, {
      ...counter,
      consecutivePriorityCalls: choice.nextConsecutivePriorityCalls,
    });
    await this.changes.record(m, decision, c.correlationId);
    return { ticket: decision.state, choice };
  }
}
