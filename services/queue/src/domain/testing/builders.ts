import type { WaitingTicket } from '../call-next';
import { newCounter, openCounter, type Counter } from '../counter';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from '../queue-policy';
import { callTicket, cancelTicket, completeTicket, issueTicket, markNoShow, startServing } from '../ticket';
import { parkTicket } from '../ticket-console';
import type { Ticket, TicketIn, TicketStatus } from '../ticket-state';

/** 08:00 in Hà Nội on 1 July 2025. */
export const T0 = new Date('2025-07-01T01:00:00Z');
export const minutesAfter = (minutes: number, base: Date = T0): Date =>
  new Date(base.getTime() + minutes * 60_000);

let nextId = 0;
export const aWaitingTicket = (o: Partial<WaitingTicket> = {}): WaitingTicket => {
  const n = ++nextId;
  return {
    id: `t-${n}`,
    serviceCode: 'HT',
    priority: 'NONE',
    queuedAt: T0,
    number: `A${String(n).padStart(3, '0')}`,
    ...o,
  };
};

export const aPolicy = (o: Partial<QueuePolicy> = {}): QueuePolicy => ({ ...DEFAULT_QUEUE_POLICY, ...o });

/**
 * A ticket in the given status, reached through the real decisions: issued at T0, called at +10 min
 * by counter 1 (officer o-1), serving from +12, then ended at +20 (or parked at +14).
 */
export function aTicket<S extends TicketStatus>(
  status: S,
  o: { serviceCode?: string; priority?: Ticket['priority'] } = {},
): TicketIn<S> {
  const n = ++nextId;
  const issued = issueTicket({
    ticketId: `t-${n}`,
    unitCode: 'U1',
    serviceCode: o.serviceCode ?? 'HT',
    number: `A${String(n).padStart(3, '0')}`,
    priority: o.priority,
    now: T0,
  }).state;
  const steps: Record<TicketStatus, () => Ticket> = {
    WAITING: () => issued,
    CANCELLED: () => cancelTicket({ now: minutesAfter(5) }, issued).state,
    CALLED: () => callTicket({ now: minutesAfter(10), counterNo: '1', officerId: 'o-1' }, issued).state,
    NO_SHOW: () => markNoShow({ now: minutesAfter(15) }, steps.CALLED()).state,
    SERVING: () => startServing({ now: minutesAfter(12) }, steps.CALLED()).state,
    DONE: () => completeTicket({ now: minutesAfter(20) }, steps.SERVING()).state,
    PARKED: () => parkTicket({ now: minutesAfter(14), reasonCode: 'FETCH_DOCUMENT' }, steps.SERVING()).state,
  };
  return steps[status]() as TicketIn<S>;
}

export const anOpenCounter = (serviceCodes: string[] = ['HT'], consecutivePriorityCalls = 0): Counter => {
  const opened = openCounter(
    { now: T0, officerId: 'o-1' },
    newCounter({ unitCode: 'U1', counterNo: '1', serviceCodes }),
  ).state;
  return { ...opened, consecutivePriorityCalls };
};
