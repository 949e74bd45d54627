import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import {
  blendedServiceSeconds,
  countPeopleAhead,
  DEFAULT_SERVICE_SECONDS,
  projectWait,
  remainingSeconds,
  Ticket,
  WaitEstimate,
} from '../domain';
import { CounterRepository } from '../persistence/counter.repository';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { QueueClock } from './queue-clock';

/**
 * Estimated wait of a new (or still waiting) ticket (docs/domain.md §Queue, domain `projectWait`): the waiting
 * tickets ahead of it that the counters serving its service could call, worked through by the unit's open
 * counters in queue order, each ticket lasting its service's mean — the service's prior (its configured
 * standard time, else 5 minutes) blended with its last 20 service times — and each busy counter free when
 * what is left of its current citizen is done. Read after the ticket commits: advice shown on the slip and
 * on the public ticket page, never part of the issuing transaction.
 */
@Injectable()
export class WaitEstimator {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly counters: CounterRepository,
    private readonly setup: SetupRepository,
    private readonly clock: QueueClock,
  ) {}

  async forNewTicket(t: Ticket): Promise<WaitEstimate & { peopleAhead: number }> {
    const localDay = toLocalDate(t.issuedAt);
    const [open, services] = await Promise.all([
      this.counters.openCountersWithCurrent(t.unitCode, localDay),
      this.setup.listServices(t.unitCode),
    ]);
    const openCounterServiceCodes = open.map((c) => c.serviceCodes);
    const reachable = [
      ...new Set([t.serviceCode, ...openCounterServiceCodes.filter((c) => c.includes(t.serviceCode)).flat()]),
    ];
    const [ahead, peopleAhead] = await Promise.all([
      this.tickets.waitingServicesBefore(t.unitCode, localDay, reachable, t.issuedAt, t.id),
      this.tickets.countWaitingBefore(t.unitCode, localDay, reachable, t.issuedAt, t.id),
    ]);
    // The mean of each service involved: of the tickets ahead, and of those being served now.
    const involved = [...new Set([...reachable, ...open.flatMap((c) => c.currentServiceCode ?? [])])];
    const standard = new Map(services.map((s) => [s.code, s.standardServiceMinutes]));
    const means = new Map(
      await Promise.all(
        involved.map(async (code) => {
          const recent = await this.tickets.recentServiceSeconds(t.unitCode, code);
          const prior = (standard.get(code) ?? 0) * 60 || DEFAULT_SERVICE_SECONDS;
          return [code, blendedServiceSeconds(recent, prior)] as const;
        }),
      ),
    );
    const meanOf = (code: string) => means.get(code)?.meanServiceSeconds ?? DEFAULT_SERVICE_SECONDS;
    const now = this.clock.now().getTime();
    const counters = open.map((c) => {
      let freeInSeconds = 0;
      if (c.currentServiceCode) {
        const mean = meanOf(c.currentServiceCode);
        // A called citizen is still on his way: the whole service is ahead; a served one has part of it left.
        freeInSeconds = c.servingStartedAt
          ? remainingSeconds(mean, (now - c.servingStartedAt.getTime()) / 1000)
          : mean;
      }
      return { serviceCodes: c.serviceCodes, freeInSeconds };
    });
    const projected = projectWait({
      ahead,
      serviceCode: t.serviceCode,
      counters,
      meanServiceSeconds: meanOf,
    });
    const own = means.get(t.serviceCode);
    const { openCounters } = countPeopleAhead({
      waiting: [],
      serviceCode: t.serviceCode,
      openCounterServiceCodes,
    });
    return {
      minutes: projected.minutes,
      meanServiceSeconds: meanOf(t.serviceCode),
      basis: own && own.observed > 0 ? 'BLENDED' : 'PRIOR',
      countersUsed: Math.max(1, openCounters),
      peopleAhead,
    };
  }
}
