import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { countPeopleAhead, estimateWait, Ticket, WaitEstimate } from '../domain';
import { CounterRepository } from '../persistence/counter.repository';
import { TicketRepository } from '../persistence/ticket.repository';

/**
 * Estimated wait of a new ticket (method in README "Wait estimate"): the people ahead of it that
 * the counters serving its service could call, times the mean service time of the service's last 20
 * completed tickets (5 min while there are none), divided by the open counters serving the service.
 * Read after the ticket commits: it is advice shown on the slip, never part of the issuing transaction.
 */
@Injectable()
export class WaitEstimator {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly counters: CounterRepository,
  ) {}

  async forNewTicket(t: Ticket): Promise<WaitEstimate & { peopleAhead: number }> {
    const openCounterServiceCodes = await this.counters.openCounterServiceCodes(t.unitCode);
    const reachable = [
      ...new Set([t.serviceCode, ...openCounterServiceCodes.filter((c) => c.includes(t.serviceCode)).flat()]),
    ];
    const ahead = await this.tickets.countWaitingBefore(
      t.unitCode,
      toLocalDate(t.issuedAt),
      reachable,
      t.issuedAt,
      t.id,
    );
    // countPeopleAhead decides which counters count; the tickets ahead were already filtered by the same rule in SQL.
    const { openCounters } = countPeopleAhead({
      waiting: [],
      serviceCode: t.serviceCode,
      openCounterServiceCodes,
    });
    const recent = await this.tickets.recentServiceSeconds(t.unitCode, t.serviceCode);
    return {
      ...estimateWait({ peopleAhead: ahead, recentServiceSeconds: recent, openCounters }),
      peopleAhead: ahead,
    };
  }
}
