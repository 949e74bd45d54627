import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { notFound } from '@fg/platform';
import { DataSource } from 'typeorm';
import { callableServiceCodes, PRIORITY_LABEL_VI, rankCallCandidates, type Priority } from '../domain';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { CounterConsoleRepository } from '../persistence/counter-console.repository';
import { CounterRepository, type CounterRow } from '../persistence/counter.repository';
import { SetupRepository } from '../persistence/setup.repository';
import { TicketRepository } from '../persistence/ticket.repository';
import { toTicket } from '../persistence/ticket.row';
import { QueueClock } from './queue-clock';

const CALL_KIND = {
  'ticket.call': 'NEXT',
  'ticket.call-chosen': 'CHOSEN',
  'ticket.unpark': 'UNPARK',
} as const;

/** Waiting tickets the console lists, in the order the counter would call them (the rest are counted). */
export const CONSOLE_WAITING_LIST = 50;

const counterView = (c: CounterRow) => ({
  counterNo: c.counterNo,
  name: c.name,
  serviceCodes: c.serviceCodes,
  status: c.status,
  officerId: c.officerId,
  openedAt: c.openedAt,
  pausedAt: c.pausedAt,
});

/**
 * Everything the officer's counter console shows, read at once (a page-only read; every action goes through
 * the ticket and counter endpoints): the counter, the ticket at it, the waiting list of its services in the
 * order the unit's policy would call them (with the reason for each), today's served count, and the unit's
 * services, counters and officers (the transfer choices).
 */
@Injectable()
export class CounterConsoleService {
  constructor(
    private readonly console: CounterConsoleRepository,
    private readonly counters: CounterRepository,
    private readonly tickets: TicketRepository,
    private readonly setup: SetupRepository,
    private readonly clock: QueueClock,
    private readonly ds: DataSource,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async snapshot(unitCode: string, counterNo: string) {
    const row = await this.counters.find(unitCode, counterNo);
    if (!row) throw notFound(`Counter ${counterNo} of unit`, unitCode, 'COUNTER.NOT_FOUND');
    const now = this.clock.now();
    const localDay = toLocalDate(now);
    // Reserved tickets as call-next sees them: for this counter, or for its officer on duty.
    const here = { counterNo, officerId: row.officerId };
    const [policy, services, counters, officers, atCounter, parked, servedToday, waiting, pool] =
      await Promise.all([
        this.setup.policy(unitCode),
        this.setup.listServices(unitCode),
        this.counters.list(unitCode),
        this.console.unitOfficers(unitCode),
        this.console.atCounter(unitCode, counterNo),
        this.console.parked(unitCode, counterNo, localDay),
        this.console.servedToday(unitCode, counterNo, localDay),
        this.console.waitingHere(unitCode, localDay, row.serviceCodes, here),
        this.tickets.candidatePool(
          this.ds.manager,
          unitCode,
          localDay,
          row.serviceCodes,
          CONSOLE_WAITING_LIST,
          here,
        ),
      ]);
    const ranked = rankCallCandidates(
      {
        waiting: pool,
        counterServiceCodes: callableServiceCodes(row.serviceCodes, pool),
        policy,
        consecutivePriorityCalls: row.consecutivePriorityCalls,
        now,
      },
      CONSOLE_WAITING_LIST,
    );
    const byId = new Map(pool.map((t) => [t.id, t]));
    const reserved = new Map(waiting.reserved.map((r) => [r.id, r.forCounter ? 'COUNTER' : 'OFFICER']));
    const label = (p: Priority) => PRIORITY_LABEL_VI[p];
    const current = atCounter[0] ?? null;
    const lastCall = current && (await this.console.lastCall(unitCode, current.id));
    return {
      unitCode,
      localDay,
      now: now.toISOString(),
      counter: { ...counterView(row), pauseReason: row.pauseReason },
      current: current && {
        ...toTicket(current),
        priorityLabel: label(current.priority),
        issuedServiceCode: current.issuedServiceCode,
        // NEXT (the policy's reasonCode), CHOSEN (the out-of-order reasonCode) or UNPARK; null if not recorded.
        call: lastCall && {
          kind: CALL_KIND[lastCall.action],
          reasonCode: lastCall.reasonCode,
        },
      },
      parked: parked.map((p) => ({ ...p, priorityLabel: label(p.priority as Priority) })),
      servedToday,
      waitingTotal: waiting.total,
      // The first is what "call next" would take now, with the policy's reason.
      waiting: ranked.map((choice, i) => {
        const t = byId.get(choice.ticketId)!;
        return {
          id: t.id,
          number: t.number,
          serviceCode: t.serviceCode,
          priority: t.priority,
          priorityLabel: label(t.priority),
          queuedAt: t.queuedAt,
          // Transferred to this counter (COUNTER) or to its officer (OFFICER) by name; null for the common queue.
          reservedFor: reserved.get(t.id) ?? null,
          waitedMinutes: Math.max(0, Math.floor((now.getTime() - new Date(t.queuedAt).getTime()) / 60_000)),
          order: i + 1,
          // Only the first is exact: the policy's streak moves with every call, so later places may change.
          reasonCode: i === 0 ? choice.reasonCode : null,
          reasonVi: i === 0 ? choice.reasonVi : null,
        };
      }),
      services: services.map((s) => ({ code: s.code, name: s.name, active: s.active })),
      counters: counters.map(counterView),
      officers,
      dossierApiUrl: this.config.DOSSIER_PUBLIC_URL ?? null,
    };
  }
}
